#pragma once
// What the commands that plan start from, loaded in one place: the rules, the working calendar
// they give, and the colour decisions of the findings log.

#include "cli/context.h"
#include "log/store.h"
#include "plan/rating_timeline.h"
#include "rules/planning_days.h"
#include "rules/rules_loader.h"

namespace tilsyn {

struct Inputs {
    Rules rules;
    WorkCalendar calendar;
    DecisionsByArea decisions;  ///< none when there is no log yet, or when not asked for

    /// The days supervisions may be planned on; refers to this object's members.
    PlanningDays days() const { return {calendar, rules.policy.blackout}; }
};

/// The rules in ctx.rules_dir and their calendar; with `decisions`, also the log's colour
/// decisions (none when the default log does not exist yet). Throws like load_rules.
Inputs load_inputs(const Context& ctx, bool decisions);

/// The rules and their calendar, with the colour decisions of `store` (none when it is null):
/// for commands that have the log open already.
Inputs load_inputs(const Context& ctx, Store* store);

}  // namespace tilsyn
