#pragma once
// What everything that plans starts from, loaded in one place: the rules, the working calendar
// they give, and the colour decisions of the findings log. The command line and the web server
// both load through here, so they plan from the same inputs by the same rule.

#include "log/store.h"
#include "plan/plan.h"
#include "plan/rating_timeline.h"
#include "rules/planning_days.h"
#include "rules/rules_loader.h"

#include <string>

namespace tilsyn {

struct Inputs {
    Rules rules;
    WorkCalendar calendar;
    DecisionsByArea decisions;  ///< none when there is no log yet, or when not asked for

    /// The days supervisions may be planned on; refers to this object's members.
    PlanningDays days() const { return {calendar, rules.policy.blackout}; }
};

/// The rules in `rules_dir` and their calendar, with the colour decisions of `store` (none when
/// it is null). Throws like load_rules, and InputError when the log holds an area no register
/// has (it would drop out of the years it was audited in).
Inputs load_inputs(const std::string& rules_dir, Store* store);

/// Gives `in` the colour decisions of `store`, after the same check as load_inputs.
void take_decisions(Inputs& in, Store& store);

/// The year's plan of the areas `filter` selects, with the inputs' decisions, leveled: what
/// every reader of the plan (calendars, reminders, report, pages) sees.
Plan leveled_plan(const Inputs& in, int year, const PlanFilter& filter);

}  // namespace tilsyn
