#include "plan/month_leveling.h"

#include "plan/month_packing.h"

#include <algorithm>
#include <bit>
#include <numeric>
#include <tuple>
#include <vector>

namespace tilsyn {

namespace {

// Search nodes the exact search may spend on one peak of one leader: the tight packings that
// GLPK proves optimal in bench/workload_bench.sh take up to 45,000.
constexpr long exact_search_budget = 50'000;

// The local search works on month counts; every step keeps each class's total and only uses
// allowed months.
class MonthSearch {
public:
    explicit MonthSearch(LeaderLeveling& leader) : leader_(leader), load_(leader.load()) {
        for (LevelingClass& c : leader.classes)
            if (std::popcount(c.months) > 1) movable_.push_back(&c);
    }

    void greedy() {
        // Fixed supervisions first, then the most constrained, the largest first: each unit to
        // the lightest allowed month, the earliest of equals.
        std::vector<LevelingClass*> order;
        for (LevelingClass& c : leader_.classes) {
            c.count = {};
            order.push_back(&c);
        }
        load_ = {};
        std::stable_sort(
            order.begin(), order.end(), [](const LevelingClass* x, const LevelingClass* y) {
                return std::make_tuple(std::popcount(x->months), -x->minutes, x->months) <
                       std::make_tuple(std::popcount(y->months), -y->minutes, y->months);
            });
        for (LevelingClass* c : order)
            for (std::size_t unit = 0; unit < c->jobs.size(); ++unit) {
                int best = -1;
                for (int m = 0; m < 12; ++m)
                    if (c->allows(m) && (best < 0 || load_[idx(m)] < load_[idx(best)])) best = m;
                ++c->count[idx(best)];
                load_[idx(best)] += c->minutes;
            }
    }

    /// Moves and swaps that make the months more even (each lowers the sum of squared loads,
    /// so the search ends, and none raises the peak).
    void flatten() {
        for (bool changed = true; changed;) {
            changed = false;
            for (LevelingClass* c : movable_)
                for (int a = 0; a < 12; ++a)
                    for (int b = 0; b < 12; ++b)
                        while (b != a && c->allows(b) && c->count[idx(a)] > 0 &&
                               load_[idx(b)] + c->minutes < load_[idx(a)]) {
                            move(*c, a, b);
                            changed = true;
                        }
            // Swaps, a pair of months at a time: only classes present in one month and allowed
            // in the other can take part, which keeps this linear in the classes per pair.
            std::vector<LevelingClass*> outgoing, incoming;
            for (int a = 0; a < 12; ++a)
                for (int b = 0; b < 12; ++b) {
                    if (b == a || load_[idx(a)] <= load_[idx(b)]) continue;
                    outgoing.clear();
                    incoming.clear();
                    for (LevelingClass* c : movable_) {
                        if (c->count[idx(a)] > 0 && c->allows(b)) outgoing.push_back(c);
                        if (c->count[idx(b)] > 0 && c->allows(a)) incoming.push_back(c);
                    }
                    for (LevelingClass* c : outgoing)
                        for (LevelingClass* d : incoming) {
                            const int delta = c->minutes - d->minutes;
                            while (delta > 0 && c->count[idx(a)] > 0 && d->count[idx(b)] > 0 &&
                                   load_[idx(b)] + delta < load_[idx(a)]) {
                                move(*c, a, b);
                                move(*d, b, a);
                                changed = true;
                            }
                        }
                }
        }
    }

    /// Lowers the peak a unit (the greatest common divisor of the minutes) at a time while
    /// every month above the new peak can be relieved by ejection chains.
    void lower_peak() {
        long long unit = 0;
        for (const LevelingClass* c : movable_)
            unit = std::gcd(unit, static_cast<long long>(c->minutes));
        if (unit == 0) return;
        for (;;) {
            const long long target = *std::max_element(load_.begin(), load_.end()) - unit;
            for (int a = 0; a < 12; ++a)
                while (load_[idx(a)] > target)
                    if (!eject(a, target)) return;
        }
    }

private:
    static std::size_t idx(int m) { return static_cast<std::size_t>(m); }

    void move(LevelingClass& c, int from, int to) {
        --c.count[idx(from)];
        ++c.count[idx(to)];
        load_[idx(from)] -= c.minutes;
        load_[idx(to)] += c.minutes;
    }

    /// One link of an ejection chain: a supervision of class c leaves month `from` for `to`.
    struct Link {
        LevelingClass* c;
        int from;
        int to;
        int parent;  ///< the link that brought a supervision into `from`, or -1 for the first
    };

    /// Moves a supervision out of month a, which is above target, along the shortest chain
    /// that leaves no other month above it: the supervision goes to a month with room, or to
    /// one that passes another supervision on, and so on, each month at most once, except that
    /// the last may come back to a when it is shorter than the first. Breadth first over
    /// (month, minutes arriving), so at most 12 states per length of supervision. Each chain
    /// lowers a and raises no month above target, so repeated chains end.
    bool eject(int a, long long target) {
        std::vector<Link> links;
        std::vector<std::pair<int, int>> seen;  // (month, minutes arriving) already reached
        auto visits = [&](int link, int month) {
            for (; link >= 0; link = links[idx(link)].parent)
                if (links[idx(link)].from == month || links[idx(link)].to == month) return true;
            return false;
        };
        auto first_minutes = [&](int link) {
            while (links[idx(link)].parent >= 0) link = links[idx(link)].parent;
            return links[idx(link)].c->minutes;
        };
        // Sends one supervision on from month `from` (the start a, or where link `parent`
        // brought `arriving` minutes); returns a link that ends the chain, or -1.
        auto extend = [&](int parent, int from, long long arriving) {
            for (LevelingClass* c : movable_) {
                if (c->count[idx(from)] == 0) continue;
                if (parent >= 0 && load_[idx(from)] + arriving - c->minutes > target) continue;
                for (int to = 0; to < 12; ++to) {
                    if (to == from || !c->allows(to)) continue;
                    if (to == a) {
                        if (parent >= 0 && c->minutes < first_minutes(parent)) {
                            links.push_back({c, from, to, parent});
                            return static_cast<int>(links.size()) - 1;
                        }
                        continue;
                    }
                    if (parent >= 0 && visits(parent, to)) continue;
                    const std::pair<int, int> key{to, c->minutes};
                    if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
                    seen.push_back(key);
                    links.push_back({c, from, to, parent});
                    if (load_[idx(to)] + c->minutes <= target)
                        return static_cast<int>(links.size()) - 1;
                }
            }
            return -1;
        };
        int end = extend(-1, a, 0);
        for (std::size_t next = 0; end < 0 && next < links.size(); ++next) {
            const Link l = links[next];
            end = extend(static_cast<int>(next), l.to, l.c->minutes);
        }
        if (end < 0) return false;
        for (int link = end; link >= 0; link = links[idx(link)].parent) {
            const Link& l = links[idx(link)];
            move(*l.c, l.from, l.to);
        }
        return true;
    }

    LeaderLeveling& leader_;
    MonthLoad load_;
    std::vector<LevelingClass*> movable_;
};

}  // namespace

void level_months(LeaderLeveling& leader) {
    {
        MonthSearch search(leader);
        search.greedy();
        search.flatten();
        search.lower_peak();
        search.flatten();
    }
    // The local search can stop above the optimum when a few long supervisions do not fit
    // together; the exact search then tries each lower peak in turn, down to the bound, and
    // stops at the first it cannot reach (or cannot settle within its budget).
    const long long floor = peak_lower_bound(leader);
    const long long unit = leader.minutes_unit();
    for (long long peak = leader.peak(); peak > floor;) {
        const MonthPacking p = pack_months(leader, peak - unit, exact_search_budget);
        if (p.outcome != MonthPacking::Outcome::found) break;
        for (std::size_t i = 0; i < leader.classes.size(); ++i)
            leader.classes[i].count = p.counts[i];
        MonthSearch search(leader);
        search.flatten();
        peak = leader.peak();
    }
}

/// The tie-break after the peak month: the busiest week. A month's busiest week is at least
/// its largest supervision and at least its load over its plannable weeks, so a month the
/// blackout leaves a week or two of (July) can force a heavy week that another month of the
/// period would not. With the peak month held, supervisions move out of the month where that
/// estimate is highest while it gets lower; a month that is not the bottleneck stays as it
/// is, keeping dates early.
void relieve_short_months(LeaderLeveling& leader, const std::array<int, 12>& weeks_in_month) {
    const long long peak = leader.peak();
    MonthLoad load = leader.load();
    struct Estimate {  // num / den, compared exactly
        long long num;
        long long den;
        bool operator<(const Estimate& o) const { return num * o.den < o.num * den; }
    };
    auto estimate = [&](int m, long long change, int added) {
        long long largest = added;
        for (const LevelingClass& c : leader.classes)
            if (c.count[static_cast<std::size_t>(m)] > 0)
                largest = std::max<long long>(largest, c.minutes);
        const long long weeks = std::max(1, weeks_in_month[static_cast<std::size_t>(m)]);
        return Estimate{std::max(largest * weeks, load[static_cast<std::size_t>(m)] + change),
                        weeks};
    };
    for (;;) {
        int worst = 0;
        for (int m = 1; m < 12; ++m)
            if (estimate(worst, 0, 0) < estimate(m, 0, 0)) worst = m;
        const Estimate before = estimate(worst, 0, 0);
        bool moved = false;
        for (LevelingClass& c : leader.classes) {
            if (moved || std::popcount(c.months) < 2 ||
                c.count[static_cast<std::size_t>(worst)] == 0)
                continue;
            for (int b = 0; b < 12 && !moved; ++b) {
                if (b == worst || !c.allows(b) ||
                    load[static_cast<std::size_t>(b)] + c.minutes > peak)
                    continue;
                if (!(estimate(b, c.minutes, c.minutes) < before)) continue;
                --c.count[static_cast<std::size_t>(worst)];
                load[static_cast<std::size_t>(worst)] -= c.minutes;
                // The month left behind must get lighter too, or the move only shifts the problem.
                if (estimate(worst, 0, 0) < before) {
                    ++c.count[static_cast<std::size_t>(b)];
                    load[static_cast<std::size_t>(b)] += c.minutes;
                    moved = true;
                } else {
                    ++c.count[static_cast<std::size_t>(worst)];
                    load[static_cast<std::size_t>(worst)] += c.minutes;
                }
            }
        }
        if (!moved) return;
    }
}

}  // namespace tilsyn
