#include "log/planning_inputs.h"

#include "base/error.h"
#include "base/text.h"
#include "log/rerating.h"
#include "plan/leveling.h"

namespace tilsyn {

namespace {

// An area the log has entries of must stay in its register, closed if it is no longer
// supervised: deleted, it would drop out of the audited years it was part of.
void require_logged_areas(const Rules& rules, Store& store) {
    std::vector<std::string> missing;
    for (const std::string& id : store.areas())
        if (!rules.find_area(id).second) missing.push_back(id);
    if (missing.empty()) return;
    throw InputError(
        rules.dir + ": the log holds supervisions or decisions of " +
        (missing.size() == 1 ? "area \"" + missing.front() + "\", which no register has"
                             : "areas no register has: " + join(missing, ", ")) +
        ". An area with entries stays in its register; to stop supervising it, close it there: "
        "closed = { date = YYYY-MM-DD, reason = \"...\" } (docs/rules.md, \"When an area "
        "closes\")");
}

}  // namespace

Inputs load_inputs(const std::string& rules_dir, Store* store) {
    Rules rules = load_rules(rules_dir);
    WorkCalendar calendar(rules.policy.closing_days);
    Inputs in{std::move(rules), std::move(calendar), {}};
    if (store) take_decisions(in, *store);
    return in;
}

void take_decisions(Inputs& in, Store& store) {
    require_logged_areas(in.rules, store);
    in.decisions = colour_decisions(store);
}

Plan leveled_plan(const Inputs& in, int year, const PlanFilter& filter) {
    Plan plan = make_plan(in.rules, in.calendar, year, filter, &in.decisions);
    level_plan(plan, in.rules.policy, in.days());
    return plan;
}

}  // namespace tilsyn
