#include "workload/workload_formats.h"

#include "base/hours.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace tilsyn {

namespace {

using Json = nlohmann::ordered_json;

/// Hours as a JSON number with at most two decimals ("7.5"), from the exact minutes.
Json hours_json(long long minutes) {
    return Json::parse(hours_plain(minutes));
}

}  // namespace

void write_workload_json(std::ostream& out, const Workload& w) {
    // Loads are in the document's unit: hours, or supervisions when the policy has no hours.
    auto load = [&](double minutes) { return hours_json(std::llround(minutes)); };
    auto cell = [&](Json j, const WorkloadCell& c) {
        j["supervisions"] = c.supervisions;
        j["hours"] = w.hours ? hours_json(c.minutes) : Json(nullptr);
        return j;
    };
    Json leaders = Json::array();
    for (const WorkloadRow& row : w.leaders) {
        Json months = Json::array();
        for (int m = 0; m < 12; ++m)
            months.push_back(cell(Json{{"month", std::to_string(w.year) + "-" + (m < 9 ? "0" : "") +
                                                     std::to_string(m + 1)}},
                                  row.months[static_cast<std::size_t>(m)]));
        Json weeks = Json::array();
        for (const auto& [week, c] : row.weeks)
            weeks.push_back(cell(Json{{"week", week_code(week)}}, c));
        const int peak = row.peak_month();
        const auto peak_week = row.peak_week();
        Json over = Json::array();
        for (int m = 0; m < 12; ++m)
            if (row.capacity_minutes &&
                row.months[static_cast<std::size_t>(m)].minutes > *row.capacity_minutes)
                over.push_back(months[static_cast<std::size_t>(m)]["month"]);
        Json j{
            {"center_id", row.center->id},
            {"center", row.center->name},
            {"leader_id", row.leader->id},
            {"leader", row.leader->name},
            {"email", row.leader->email},
            {"supervisions", row.year.supervisions},
            {"hours", w.hours ? hours_json(row.year.minutes) : Json(nullptr)},
            {"capacity_hours",
             row.capacity_minutes ? hours_json(*row.capacity_minutes) : Json(nullptr)},
            {"peak_month", months[static_cast<std::size_t>(peak)]["month"]},
            {"peak_month_load",
             load(static_cast<double>(row.months[static_cast<std::size_t>(peak)].minutes))},
            {"peak_week", peak_week ? Json(week_code(*peak_week)) : Json(nullptr)},
            {"peak_week_load",
             peak_week ? load(static_cast<double>(row.weeks.at(*peak_week).minutes)) : Json(0)},
            {"available_months", row.bounds ? Json(row.bounds->available_months) : Json(nullptr)},
            {"lower_bound", row.bounds ? load(row.bounds->mean) : Json(nullptr)},
            {"lp_bound", row.bounds ? load(row.bounds->lp) : Json(nullptr)},
            {"over_capacity", over},
            {"months", months},
            {"weeks", weeks}};
        leaders.push_back(std::move(j));
    }
    const Json doc{{"format", "tilsyn-workload"},
                   {"format_version", 1},
                   {"year", w.year},
                   {"leveled", w.leveled},
                   {"unit", w.hours ? "hours" : "supervisions"},
                   {"leaders", leaders}};
    out << doc.dump(2) << '\n';
}

}  // namespace tilsyn
