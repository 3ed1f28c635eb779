#include "workload/workload_formats.h"

#include "base/hours.h"

#include <cmath>

namespace tilsyn {

void write_workload_csv(std::ostream& out, const Workload& w, CsvDialect dialect) {
    CsvWriter csv(out, dialect);
    csv.row({"center_id", "center", "leader_id", "leader", "unit", "period", "supervisions",
             "hours", "capacity_hours", "lower_bound", "lp_bound"});
    // Hours are empty when the policy has none; bounds are in hours, or supervisions without.
    auto hours = [&](long long minutes) {
        return w.hours ? csv_decimal(hours_plain(minutes), dialect) : std::string();
    };
    for (const WorkloadRow& row : w.leaders) {
        auto line = [&](std::string_view unit, const std::string& period, const WorkloadCell& c,
                        const std::string& capacity, const std::string& mean,
                        const std::string& lp) {
            const std::string n = std::to_string(c.supervisions), h = hours(c.minutes);
            csv.row({row.center->id, row.center->name, row.leader->id, row.leader->name, unit,
                     period, n, h, capacity, mean, lp});
        };
        const std::string capacity =
            row.capacity_minutes ? csv_decimal(hours_plain(*row.capacity_minutes), dialect) : "";
        for (int m = 0; m < 12; ++m)
            line("month", std::to_string(w.year) + "-" + (m < 9 ? "0" : "") + std::to_string(m + 1),
                 row.months[static_cast<std::size_t>(m)], capacity, "", "");
        for (const auto& [week, cell] : row.weeks) line("week", week_code(week), cell, "", "", "");
        std::string mean, lp;
        if (row.bounds) {
            mean = csv_decimal(hours_plain(std::llround(row.bounds->mean)), dialect);
            lp = csv_decimal(hours_plain(std::llround(row.bounds->lp)), dialect);
        }
        line("year", std::to_string(w.year), row.year, capacity, mean, lp);
    }
}

}  // namespace tilsyn
