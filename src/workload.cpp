#include "workload.h"

#include <map>

namespace tilsyn {

void WorkloadCell::add(const Occurrence&) { ++supervisions; }

void WorkloadCell::add(const WorkloadCell& other) { supervisions += other.supervisions; }

Workload workload(const YearReview& review) {
    Workload w;
    // Rows in register order: centers as the areas list them, leaders as their center does.
    std::vector<const Center*> centers;
    for (const AreaMeasures& m : review.areas)
        if (centers.empty() || centers.back() != m.center) centers.push_back(m.center);
    std::map<const Leader*, std::size_t> row_of;
    for (const Center* c : centers) {
        for (const Leader& l : c->leaders) {
            bool has_area = false;
            for (const AreaMeasures& m : review.areas)
                has_area = has_area || (m.center == c && &c->leader_of(*m.area) == &l);
            if (!has_area) continue;
            row_of.emplace(&l, w.leaders.size());
            w.leaders.push_back({c, &l, {}, {}});
        }
        w.centers.push_back({c, nullptr, {}, {}});
    }
    for (const ReviewedOccurrence& ro : review.occurrences) {
        const Occurrence& o = *ro.occurrence;
        const auto month = static_cast<std::size_t>(o.planned.month() - 1);
        WorkloadRow& row = w.leaders[row_of.at(&o.leader())];
        row.months[month].add(o);
        row.year.add(o);
    }
    for (const WorkloadRow& row : w.leaders) {
        for (WorkloadRow& c : w.centers)
            if (c.center == row.center)
                for (std::size_t m = 0; m < 12; ++m) {
                    c.months[m].add(row.months[m]);
                    w.total.months[m].add(row.months[m]);
                }
    }
    for (WorkloadRow& c : w.centers) {
        c.year = {};
        for (const WorkloadCell& m : c.months) c.year.add(m);
        w.total.year.add(c.year);
    }
    return w;
}

}  // namespace tilsyn
