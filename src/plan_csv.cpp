#include "plan_formats.h"

namespace tilsyn {

void write_plan_csv(std::ostream& out, const Plan& plan, const Rules& rules, CsvDialect dialect) {
    CsvWriter csv(out, dialect);
    csv.row({"uid", "center_id", "center", "area_id", "area", "kind", "colour", "cadence",
             "period", "period_start", "period_end", "planned_date", "planned_week", "due_date",
             "leader_id", "leader", "leader_email", "focus"});
    for (const Occurrence& o : plan.occurrences) {
        const std::string uid = o.uid(rules.policy.uid_domain);
        const std::string cadence = o.rating().cadence.token();
        const std::string period = o.period_code();
        const std::string start = iso(o.period_start), end = iso(o.period_end);
        const std::string planned = iso(o.planned), due = iso(o.due);
        const std::string week = std::to_string(iso_week(o.planned));
        const Leader& l = o.leader();
        csv.row({uid, o.center->id, o.center->name, o.area->id, o.area->name,
                 area_kind_name(o.area->kind), colour_token(o.rating().colour), cadence, period, start,
                 end, planned, week, due, l.id, l.name, l.email, o.area->focus});
    }
}

}  // namespace tilsyn
