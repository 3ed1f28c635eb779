#pragma once
// The workload of a year's plan: what each leader has to do, month by month. A supervision
// counts in the month it is planned in (the first working day of its period), because that
// is when the leader has to find the time for it.

#include "year_review.h"

#include <array>
#include <vector>

namespace tilsyn {

/// What a number of supervisions costs. Only the count for now: the policy has no hours per
/// supervision yet. When it gets them, they are summed here in add() and shown beside the
/// count, and nothing else has to change.
struct WorkloadCell {
    int supervisions = 0;
    void add(const Occurrence& o);
    void add(const WorkloadCell& other);
};

struct WorkloadRow {
    const Center* center = nullptr;
    const Leader* leader = nullptr;
    std::array<WorkloadCell, 12> months{};  ///< january first
    WorkloadCell year;
};

struct Workload {
    std::vector<WorkloadRow> leaders;  ///< by center, then leader, in register order
    std::vector<WorkloadRow> centers;  ///< the centers' sums; leader is null
    WorkloadRow total;                 ///< everything; center and leader null
};

/// Every leader with an area in the review gets a row, months without supervisions included.
Workload workload(const YearReview& review);

}  // namespace tilsyn
