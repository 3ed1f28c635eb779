#include "plan/export/plan_formats.h"

#include <string>

namespace tilsyn {

void write_plan_csv(std::ostream& out, const Plan& plan, const Rules& rules, CsvDialect dialect) {
    CsvWriter csv(out, dialect);
    csv.row({"uid", "center_id", "center", "area_id", "area", "kind", "colour", "cadence", "period",
             "period_start", "period_end", "planned_date", "planned_week", "due_date", "leader_id",
             "leader", "leader_email", "focus"});
    for (const Occurrence& o : plan.occurrences) {
        const Leader& l = o.leader();
        csv.row({o.uid(rules.policy.uid_domain), o.center->id, o.center->name, o.area->id,
                 o.area->name, area_kind_name(o.area->kind), colour_token(o.rating().colour),
                 o.rating().cadence.token(), o.period_code(), iso(o.period_start),
                 iso(o.period_end), iso(o.planned), std::to_string(iso_week(o.planned)), iso(o.due),
                 l.id, l.name, l.email, o.area->focus});
    }
}

}  // namespace tilsyn
