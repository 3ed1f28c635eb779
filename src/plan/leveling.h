#pragma once
// Workload leveling: which month of its period, and which day of that month, each supervision
// is planned on, so that no leader has a month (and then a week) heavier than it needs to be.
// The commands level a plan after make_plan; `--no-level` leaves each supervision on the first
// plannable day of its period.

#include "plan/plan.h"
#include "rules/planning_days.h"

namespace tilsyn {

/// Levels the plan's dates in place and puts it back in plan order: the months by
/// level_months (month_leveling.h), then each supervision's day in its month (day_placement.h).
/// The due dates stay the periods' last working days. Leveling works per leader, and a filter
/// keeps or drops a leader's areas together, so a filtered plan has the same dates as the
/// whole one.
///
/// The year is leveled as it went (docs/rules.md, "When the plan changes"): first as planned
/// from what was dated before it, then again after each month with a dated change to one of
/// the leader's areas (an assessment, a decision, a closing day). Each time, supervisions
/// already planned before the next month boundary keep their day and the rest are planned
/// from there on; Occurrence::sequence and ::modified record the changes, and Plan::cancelled
/// the occurrences a change dropped. With `level` false every supervision stays on the first
/// plannable day of its period (`--no-level`), and the changes are still recorded.
void level_plan(Plan& plan, const Policy& policy, const PlanningDays& days, bool level = true);

}  // namespace tilsyn
