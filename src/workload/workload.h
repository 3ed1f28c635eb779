#pragma once
// The workload of a year's plan: what each leader has to do, month by month and week by week.
// A supervision counts in the month and week it is planned in, because that is when the
// leader has to find the time for it; it costs its minutes (Occurrence::minutes).

#include "plan/leveling_problem.h"

#include <array>
#include <map>
#include <optional>
#include <set>
#include <vector>

namespace tilsyn {

struct WorkloadCell {
    int supervisions = 0;
    long long minutes = 0;
    void add(const Occurrence& o);
    void add(const WorkloadCell& other);
};

/// What leveling can promise a leader: the peak month cannot be lighter than these.
struct WorkloadBounds {
    int available_months = 12;  ///< months with a day the leader's supervisions may use
    double mean = 0;            ///< total minutes / available months: the bound users expect
    double lp = 0;              ///< the LP bound (LeaderLeveling::lp_bound), >= mean
};

struct WorkloadRow {
    const Center* center = nullptr;
    const Leader* leader = nullptr;
    std::array<WorkloadCell, 12> months{};  ///< january first
    std::map<std::pair<int, int>, WorkloadCell>
        weeks;  ///< by ISO (week-year, week); only weeks with supervisions
    std::array<std::set<std::pair<int, int>>, 12>
        weeks_of_month{};  ///< the weeks the month's supervisions are in
    WorkloadCell year;
    std::optional<WorkloadBounds> bounds;  ///< leaders of a plan_workload only
    std::optional<int> capacity_minutes;   ///< per month: the leader's, else the policy's

    int peak_month() const;  ///< 0-based; the earliest of equals
    /// The busiest week, the earliest of equals; nullopt without supervisions.
    std::optional<std::pair<int, int>> peak_week() const;
    /// The busiest week holding one of the month's supervisions (0-based month), with all of its
    /// load (a week across two months counts whole): what the leader's week will feel like.
    std::optional<std::pair<int, int>> peak_week_in(int month0) const;
};

struct Workload {
    int year = 0;
    bool hours = false;  ///< the policy has hours per supervision; else only counts mean anything
    bool leveled = false;
    std::vector<WorkloadRow> leaders;  ///< by center, then leader, in register order
    std::vector<WorkloadRow> centers;  ///< the centers' sums; leader is null
    WorkloadRow total;                 ///< everything; center and leader null
};

/// The workload of some of a year's occurrences: a row for every leader of `centers` with one
/// of them, months without supervisions included, and a row per center.
Workload workload_of(const std::vector<const Occurrence*>& occurrences,
                     const std::vector<const Center*>& centers, int year, bool hours, bool leveled);

/// The workload of a whole plan, with each leader's bounds and capacity: `tilsyn workload`.
Workload plan_workload(const Plan& plan, const Rules& rules, const WorkCalendar& calendar);

/// A leader with months above their capacity (WorkloadRow::capacity_minutes).
struct CapacityExcess {
    const WorkloadRow* row = nullptr;  ///< into the Workload it was found in
    std::vector<int> months;           ///< 0-based, in order: the months above the capacity
    int peak = 0;                      ///< the row's peak month, 0-based
};

/// The leaders of `w` with a month above their capacity, in the order of `w.leaders`.
std::vector<CapacityExcess> capacity_excesses(const Workload& w);

/// One sentence per leader with a month above their capacity, naming the months and the peak,
/// for `tilsyn plan` to print as a warning. Empty when nobody is over.
std::vector<std::string> capacity_warnings(const Workload& w);

/// "2027-W05"
std::string week_code(std::pair<int, int> week);
/// The Monday of an ISO week.
Date week_monday(std::pair<int, int> week);

}  // namespace tilsyn
