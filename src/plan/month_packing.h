#pragma once
// The exact half of month leveling: can a leader's supervisions be placed so that no month
// carries more than a given number of minutes? The local search in leveling.cpp finds good
// peaks quickly but can stop above the optimum on small, lumpy problems (a few supervisions of
// different lengths); this search settles them, within a budget of search nodes so that it
// stays fast and deterministic on large ones.

#include "plan/leveling_problem.h"

#include <array>
#include <vector>

namespace tilsyn {

struct MonthPacking {
    enum class Outcome { found, impossible, undecided };
    Outcome outcome = Outcome::undecided;
    /// With found: per class of the leader (same order), how many go in each month.
    std::vector<std::array<int, 12>> counts;
    long nodes = 0;  ///< search nodes used
};

/// Searches for counts per class and month that keep each class's total and allowed months
/// and put at most `peak` minutes in every month. `impossible` is a proof; `undecided` means
/// `budget` nodes were not enough. The search tries earlier months first, so equal inputs give
/// equal answers.
MonthPacking pack_months(const LeaderLeveling& leader, long long peak, long budget);

/// A lower bound on the leader's peak in whole minutes, at least lp_bound(): rounded up to the
/// greatest common divisor of the leader's minutes (every load is a multiple of it), and at
/// least the lightest allowed month of any class plus one of its supervisions.
long long peak_lower_bound(const LeaderLeveling& leader);

}  // namespace tilsyn
