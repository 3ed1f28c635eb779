#pragma once
// The months of a leader's supervisions: the lowest peak month leveling can find, then months
// as even as it can make them.

#include "plan/leveling_problem.h"

#include <array>

namespace tilsyn {

/// Chooses the month counts of a leader's classes: the lowest peak month it can find, then
/// months as even as moves and swaps make them, earlier months on ties. Deterministic. A local
/// search (greedy, moves and swaps, ejection chains) comes first; then the exact search of
/// month_packing.h tries each lower peak down to peak_lower_bound(), so the peak is optimal
/// whenever it reaches that bound or a search proves the next lower peak impossible.
void level_months(LeaderLeveling& leader);

/// The tie-break after the peak month: the busiest week. With the peak month held,
/// supervisions move out of the month whose busiest week can least be kept light (a month the
/// blackout leaves a week or two of) while that makes it lighter. `weeks_in_month` counts the
/// weeks with a plannable day in each month.
void relieve_short_months(LeaderLeveling& leader, const std::array<int, 12>& weeks_in_month);

}  // namespace tilsyn
