// Arbejdsbyrde: each leader's planned hours month by month against their capacity, from the
// leveled plan as `tilsyn workload` computes it (plan_workload), within the user's scope, with
// the months above capacity named (capacity_excesses).
#include "base/dates.h"
#include "base/hours.h"
#include "web/layout.h"
#include "web/routes.h"
#include "web/scoped_year.h"

#include <algorithm>

namespace tilsyn {

namespace {

// What a cell says: hours, or the number of supervisions when the policy has no hours (the
// table's caption says which).
std::string amount(const Workload& w, long long minutes, int supervisions) {
    return w.hours ? hours_text(minutes) : std::to_string(supervisions);
}

Data row_data(const Workload& w, const WorkloadRow& row, const std::string& label) {
    Data d;
    d.set("label", label);
    Data months = list();
    for (std::size_t m = 0; m < 12; ++m) {
        const WorkloadCell& c = row.months[m];
        Data md;
        md.set("amount", amount(w, c.minutes, c.supervisions));
        if (w.hours) md.set("count", std::to_string(c.supervisions) + " tilsyn");
        md.set("over", row.leader && row.capacity_minutes && c.minutes > *row.capacity_minutes);
        md.set("zero", c.supervisions == 0);
        months.push_back(md);
    }
    d.set("months", months);
    d.set("year", amount(w, row.year.minutes, row.year.supervisions));
    if (w.hours) d.set("year_count", std::to_string(row.year.supervisions) + " tilsyn");
    if (row.leader)
        d.set("capacity", row.capacity_minutes ? hours_text(*row.capacity_minutes) : "ingen");
    return d;
}

std::string month_list(const std::vector<int>& months) {
    std::string out;
    for (std::size_t i = 0; i < months.size(); ++i)
        out += (i == 0                   ? ""
                : i + 1 == months.size() ? " og "
                                         : ", ") +
               std::string(danish_month(months[i] + 1));
    return out;
}

}  // namespace

Reply show_workload(PageRequest& r) {
    const int year = year_param(r);
    const Rules& rules = r.snapshot.inputs.rules;
    const std::string title = "Arbejdsbyrde " + std::to_string(year);
    Data d;
    d.set("year", std::to_string(year));
    d.set("path", r.path);
    if (!has_plan(r.snapshot, r.scope, year)) {
        d.set("has_no_plan", true);
        return page(r, title, render("workload.mustache", d));
    }
    const Plan plan = scoped_plan(r.snapshot, r.scope, year);
    // The rows are the leaders with supervisions in the plan, and the plan holds only the
    // scope's: a leader sees their own row, and a center's sum is the sum of what is shown.
    const Workload w = plan_workload(plan, rules, r.snapshot.inputs.calendar);

    d.set("has_plan", true);
    d.set("leveled", w.leveled);
    d.set("hours", w.hours);
    d.set("unit", w.hours ? "timer" : "tilsyn");
    d.set("has_capacity",
          std::any_of(w.leaders.begin(), w.leaders.end(),
                      [](const WorkloadRow& row) { return row.capacity_minutes.has_value(); }));
    if (w.hours) {
        const auto& m = *rules.policy.workload.minutes;
        d.set("hours_red", hours_text(m[static_cast<std::size_t>(Colour::red)]));
        d.set("hours_yellow", hours_text(m[static_cast<std::size_t>(Colour::yellow)]));
        d.set("hours_green", hours_text(m[static_cast<std::size_t>(Colour::green)]));
    }
    Data months = list();
    for (int m = 1; m <= 12; ++m) {
        const std::string name(danish_month(m));
        Data md;
        md.set("name", name);
        md.set("short", name.substr(0, 3));
        months.push_back(md);
    }
    d.set("month_names", months);

    Data warnings = list();
    for (const CapacityExcess& e : capacity_excesses(w)) {
        const WorkloadRow& row = *e.row;
        Data wd;
        wd.set("text", row.leader->name + " (" + row.center->name +
                           ") har mere end kapaciteten på " + hours_text(*row.capacity_minutes) +
                           " pr. måned planlagt i " + month_list(e.months) + ", højst " +
                           hours_text(row.months[static_cast<std::size_t>(e.peak)].minutes) +
                           " i " + std::string(danish_month(e.peak + 1)) + ".");
        warnings.push_back(wd);
    }
    d.set("has_warnings", !warnings.is_empty_list());
    d.set("warnings", warnings);

    Data centers = list();
    for (const WorkloadRow& c : w.centers) {
        Data cd;
        cd.set("name", c.center->name);
        cd.set("id", c.center->id);
        Data rows = list();
        for (const WorkloadRow& row : w.leaders)
            if (row.center == c.center) rows.push_back(row_data(w, row, row.leader->name));
        const bool several = rows.list_value().size() > 1;
        cd.set("rows", rows);
        if (several) {
            cd.set("has_sum", true);
            cd.set("sum", row_data(w, c, "I alt"));
        }
        centers.push_back(cd);
    }
    d.set("centers", centers);
    d.set("nothing", w.leaders.empty());
    return page(r, title, render("workload.mustache", d));
}

}  // namespace tilsyn
