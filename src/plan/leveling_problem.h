#pragma once
// The month problem leveling solves, one per leader: which month of its period each
// supervision goes in, so that no month is heavier than it needs to be.
//
// Supervisions of one leader that may use the same months and cost the same minutes are
// interchangeable, so the problem is stated on counts per such class ("how many of the
// leader's 4-hour supervisions of the first quarter go in February"), which keeps it small
// however many areas there are. `tilsyn workload --lp` writes the same model for GLPK.

#include "plan/plan.h"
#include "rules/planning_days.h"

#include <array>
#include <cstdint>
#include <vector>

namespace tilsyn {

/// A leader's supervisions that may use the same months and take the same minutes.
struct LevelingClass {
    std::uint16_t months = 0;  ///< bit m-1 set: may be planned in month m
    int minutes = 0;
    std::vector<std::size_t> jobs;  ///< the occurrences, as indexes, in register order
    std::array<int, 12> count{};    ///< the solution: how many are planned in each month

    bool allows(int month0) const { return (months >> month0) & 1U; }  ///< month0: 0 = january
};

using MonthLoad = std::array<long long, 12>;  ///< minutes, january first

/// One leader's year as leveling sees it.
struct LeaderLeveling {
    const Center* center = nullptr;
    const Leader* leader = nullptr;
    std::vector<LevelingClass> classes;

    MonthLoad load() const;  ///< of the current solution
    long long peak() const;
    long long total() const;
    int available_months() const;  ///< months any of the leader's supervisions may use
    /// The greatest common divisor of the minutes of the leader's supervisions: every month's
    /// load is a multiple of it, so a peak can only be lowered by whole units. 0 without any.
    long long minutes_unit() const;
    /// Per set of months (bit m-1 for month m), the minutes of the classes allowed only months
    /// inside it: what must fall in those months whatever the solution.
    std::vector<long long> minutes_inside() const;
    /// The LP lower bound on the peak: over every set of months, the minutes that must fall
    /// inside the set divided by its size (by Hall's theorem this is the optimum when
    /// supervisions could be split). Never below total() / available_months().
    double lp_bound() const;
};

/// The days leveling may give one occurrence: its period, or less of it (leveling.h).
struct LevelingWindow {
    Date first;
    Date last;
};

struct LevelingProblem {
    int year = 0;
    std::vector<LeaderLeveling> leaders;  ///< by center, then leader, in register order
    std::vector<LevelingWindow> windows;  ///< per occurrence, as the classes' jobs index them
};

/// The month problem of one year's occurrences (in any order): a class per leader, allowed
/// months and minutes. The classes' jobs are indexes into `occurrences`. Each occurrence may
/// take any day of its period, or of its entry in `windows` (indexed like `occurrences`).
LevelingProblem leveling_problem(const PlanningDays& days, int year,
                                 const std::vector<Occurrence>& occurrences,
                                 const std::vector<LevelingWindow>* windows = nullptr);

}  // namespace tilsyn
