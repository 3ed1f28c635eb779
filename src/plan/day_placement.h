#pragma once
// The day of each supervision in the month leveling chose for it.

#include "plan/leveling_problem.h"

#include <vector>

namespace tilsyn {

/// Puts each of a leader's supervisions on a plannable day of the month its class's counts
/// give it (a class gives its jobs to the months in order): the lightest week first (the
/// largest supervisions choose first), then the day with fewest supervisions, then the
/// earliest; then moves supervisions out of the busiest week while that makes it lighter.
/// Writes the planned dates into `occurrences`, which the classes' jobs and `windows` index;
/// each supervision stays inside its window (leveling_problem.h).
void place_days(const PlanningDays& days, int year, const LeaderLeveling& leader,
                const std::vector<LevelingWindow>& windows, std::vector<Occurrence>& occurrences);

}  // namespace tilsyn
