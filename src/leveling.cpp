#include "leveling.h"

#include "month_packing.h"
#include "parallel.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <map>
#include <numeric>
#include <optional>
#include <tuple>

namespace tilsyn {

namespace bg = boost::gregorian;

// Search nodes the exact search may spend on one peak of one leader: the tight packings the
// benchmark's GLPK proves optimal took up to 45,000; a peak that cannot be settled costs
// about 2 ms (bench/workload_bench.sh, docs/benchmarks.md).
constexpr long exact_search_budget = 50'000;

MonthLoad LeaderLeveling::load() const {
    MonthLoad l{};
    for (const LevelingClass& c : classes)
        for (std::size_t m = 0; m < 12; ++m) l[m] += static_cast<long long>(c.count[m]) * c.minutes;
    return l;
}

long long LeaderLeveling::peak() const {
    const MonthLoad l = load();
    return *std::max_element(l.begin(), l.end());
}

long long LeaderLeveling::total() const {
    long long t = 0;
    for (const LevelingClass& c : classes) t += static_cast<long long>(c.jobs.size()) * c.minutes;
    return t;
}

int LeaderLeveling::available_months() const {
    unsigned all = 0;
    for (const LevelingClass& c : classes) all |= c.months;
    return std::popcount(all);
}

long long LeaderLeveling::minutes_unit() const {
    long long unit = 0;
    for (const LevelingClass& c : classes)
        if (!c.jobs.empty()) unit = std::gcd(unit, static_cast<long long>(c.minutes));
    return unit;
}

std::vector<long long> LeaderLeveling::minutes_inside() const {
    // A sum over subsets: 12 x 4,096 additions however many classes there are.
    std::vector<long long> inside(1U << 12, 0);
    for (const LevelingClass& c : classes) inside[c.months] += static_cast<long long>(c.jobs.size()) * c.minutes;
    for (std::size_t step = 1; step < inside.size(); step <<= 1)
        for (std::size_t base = 0; base < inside.size(); base += 2 * step)
            for (std::size_t set = base; set < base + step; ++set) inside[set + step] += inside[set];
    return inside;
}

double LeaderLeveling::lp_bound() const {
    // Every set of months, not only runs of them: the blackout can leave a period any pattern
    // of allowed months.
    const std::vector<long long> inside = minutes_inside();
    double best = 0;
    for (unsigned set = 1; set < (1U << 12); ++set)
        best = std::max(best, static_cast<double>(inside[set]) / std::popcount(set));
    return best;
}

namespace {

/// The months of [from, to] with a plannable day; if none has one (the blackout covers the
/// whole period), the months with a working day.
std::uint16_t allowed_months(const PlanningDays& days, int year, Date from, Date to) {
    std::uint16_t plannable = 0, working = 0;
    for (Date d = from; d <= to; d += bg::days(1)) {
        if (d.year() != year) continue;
        const auto bit = static_cast<std::uint16_t>(1U << (d.month() - 1));
        if (days.plannable(d)) plannable |= bit;
        else if (days.calendar().is_working_day(d)) working |= bit;
    }
    return plannable ? plannable : working;
}

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
        std::stable_sort(order.begin(), order.end(), [](const LevelingClass* x, const LevelingClass* y) {
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
            for (int a = 0; a < 12; ++a)
                for (int b = 0; b < 12; ++b) {
                    if (b == a || load_[idx(a)] <= load_[idx(b)]) continue;
                    outgoing_.clear();
                    incoming_.clear();
                    for (LevelingClass* c : movable_) {
                        if (c->count[idx(a)] > 0 && c->allows(b)) outgoing_.push_back(c);
                        if (c->count[idx(b)] > 0 && c->allows(a)) incoming_.push_back(c);
                    }
                    for (LevelingClass* c : outgoing_)
                        for (LevelingClass* d : incoming_) {
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
        for (const LevelingClass* c : movable_) unit = std::gcd(unit, static_cast<long long>(c->minutes));
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
                    if (load_[idx(to)] + c->minutes <= target) return static_cast<int>(links.size()) - 1;
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
    std::vector<LevelingClass*> outgoing_, incoming_;  // flatten's candidates, kept to reuse their memory
};

}  // namespace

namespace {

// A leader's classes by what puts an occurrence in one: its period and its minutes. Two
// periods with the same allowed months share a class.
struct LeaderClasses {
    std::map<std::pair<std::uint16_t, int>, LevelingClass> by_months;  // in the order leveling takes them
    struct Entry {
        long start;
        long end;
        int minutes;
        LevelingClass* to;
    };
    std::vector<Entry> entries;  // in the order first met
    std::size_t last = 0;        // the entry the previous occurrence found

    // An area's periods come one after another, and areas of the same cadence meet the same
    // entries in the same order: the entry after the last one found is tried first, so most
    // occurrences cost one comparison and an area pays for a search only at its first period.
    LevelingClass* find(long start, long end, int minutes) {
        auto is = [&](const Entry& e) { return e.start == start && e.end == end && e.minutes == minutes; };
        if (last + 1 < entries.size() && is(entries[last + 1])) return entries[++last].to;
        for (std::size_t i = 0; i < entries.size(); ++i)
            if (is(entries[i])) return entries[last = i].to;
        return nullptr;
    }
    LevelingClass* add(long start, long end, int minutes, std::uint16_t months) {
        LevelingClass& c = by_months[{months, minutes}];
        c.months = months;
        c.minutes = minutes;
        last = entries.size();
        entries.push_back({start, end, minutes, &c});
        return &c;
    }
};

// The leaders of the occurrences [begin, end) and their classes, by center and leader. With
// `register_order`, the jobs come in register order already; otherwise they are sorted.
std::vector<LeaderLeveling> leaders_of(const PlanningDays& days, int year,
                                       const std::vector<Occurrence>& occurrences, std::size_t begin,
                                       std::size_t end, bool register_order) {
    // Leaders and areas live in vectors, so their addresses order them as the register does.
    std::map<std::pair<const Center*, const Leader*>, LeaderClasses> groups;
    std::map<std::pair<long, long>, std::uint16_t> months_of_period;
    // A large plan has 600,000 occurrences in a few thousand classes. They come area by area
    // (make_plan walks the areas in turn), so the leader's classes are looked up once per
    // area, not once per occurrence.
    const Area* area = nullptr;
    LeaderClasses* classes = nullptr;
    for (std::size_t i = begin; i < end; ++i) {
        const Occurrence& o = occurrences[i];
        if (o.area != area) {
            area = o.area;
            classes = &groups[{o.center, &o.leader()}];
        }
        const long start = day_key(o.period_start), last = day_key(o.period_end);
        LevelingClass* c = classes->find(start, last, o.minutes);
        if (!c) {
            auto months = months_of_period.find({start, last});
            if (months == months_of_period.end())
                months = months_of_period.emplace(std::make_pair(start, last),
                                                  allowed_months(days, year, o.period_start, o.period_end)).first;
            c = classes->add(start, last, o.minutes, months->second);
        }
        c->jobs.push_back(i);
    }
    const auto area_then_period = [&](std::size_t x, std::size_t y) {
        return std::tie(occurrences[x].area, occurrences[x].period_start) <
               std::tie(occurrences[y].area, occurrences[y].period_start);
    };
    std::vector<LeaderLeveling> leaders;
    for (auto& [who, leader_classes] : groups) {
        LeaderLeveling l;
        l.center = who.first;
        l.leader = who.second;
        for (auto& [months_and_minutes, leveling_class] : leader_classes.by_months) {
            if (!register_order) std::sort(leveling_class.jobs.begin(), leveling_class.jobs.end(), area_then_period);
            l.classes.push_back(std::move(leveling_class));
        }
        leaders.push_back(std::move(l));
    }
    return leaders;
}

}  // namespace

LevelingProblem leveling_problem(const PlanningDays& days, int year, const std::vector<Occurrence>& occurrences) {
    LevelingProblem p;
    p.year = year;
    // A class's jobs are in the order of their indexes, so when the occurrences are in
    // register order (as make_plan walks them), so is every class; checked in one pass over
    // the occurrences rather than class by class, which would visit them in no order.
    // A center's leaders are its own, so in register order each center's run of occurrences
    // is a problem of its own, and the runs are set up on all cores (a tenth of a large
    // plan's leveling otherwise, with the other core idle). Out of order, one run. Found in
    // the same pass as the order, over what is 29 MB in a large plan.
    bool register_order = true;
    std::vector<std::size_t> run_starts{0};
    for (std::size_t i = 1; i < occurrences.size() && register_order; ++i) {
        if (before_in_register_order(occurrences[i], occurrences[i - 1])) register_order = false;
        else if (occurrences[i].center != occurrences[i - 1].center) run_starts.push_back(i);
    }
    if (!register_order) run_starts.resize(1);
    run_starts.push_back(occurrences.size());
    const std::size_t runs = run_starts.size() - 1;
    // PlanningDays fills a year's day masks on first use; the workers only look at days of
    // `year` and its neighbours, whose masks exist from here on, so they only read.
    for (int y = year - 1; y <= year + 1; ++y) days.plannable(Date(static_cast<unsigned short>(y), 6, 1));
    std::vector<std::vector<LeaderLeveling>> leaders(runs);
    for_each_index(runs, [&](std::size_t r, unsigned) {
        leaders[r] = leaders_of(days, year, occurrences, run_starts[r], run_starts[r + 1], register_order);
    });
    for (auto& run : leaders)
        for (LeaderLeveling& l : run) p.leaders.push_back(std::move(l));
    return p;
}

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
        for (std::size_t i = 0; i < leader.classes.size(); ++i) leader.classes[i].count = p.counts[i];
        MonthSearch search(leader);
        search.flatten();
        peak = leader.peak();
    }
}

namespace {

/// A day a supervision may be planned on, with its week (counted from the Monday on or before
/// 1 January, so a week across a month or the new year is one week) and day of the year
/// worked out once: the placement loops compare them for every supervision.
struct DayOption {
    Date date;
    std::uint16_t week;
    std::uint16_t day;
};

using DayOptions = std::map<std::pair<long, long>, std::vector<DayOption>>;

/// Puts each of a leader's supervisions on a day of its month: the lightest week first (the
/// largest supervisions choose first), then the day with fewest supervisions, then the
/// earliest; then moves supervisions out of the busiest week while that makes it lighter.
void place_days(const PlanningDays& days, const YearMonths& months, const LeaderLeveling& leader,
                std::vector<Occurrence>& occurrences, DayOptions& candidates) {
    struct Pick {
        std::size_t job;
        int month0;
        int minutes;
        const std::vector<DayOption>* options = nullptr;
        const DayOption* chosen = nullptr;
    };
    // The picks in the order they choose: the largest first, then by month, then in register
    // order. Made bucket by bucket of minutes and month, so that only a bucket's few picks
    // are sorted (by job: each class gives its run in order already); sorting a leader's
    // thousands of picks at once was a fifth of leveling a large plan.
    std::vector<int> sizes;  // the minutes of the leader's classes, largest first
    std::size_t total = 0;
    for (const LevelingClass& c : leader.classes) {
        sizes.push_back(c.minutes);
        total += c.jobs.size();
    }
    std::sort(sizes.begin(), sizes.end(), std::greater<>());
    sizes.erase(std::unique(sizes.begin(), sizes.end()), sizes.end());
    // Where each class's jobs of each month start: a class gives its jobs to months in order.
    std::vector<std::array<std::size_t, 12>> month_start(leader.classes.size());
    for (std::size_t k = 0; k < leader.classes.size(); ++k)
        for (std::size_t m = 0, at = 0; m < 12; ++m) {
            month_start[k][m] = at;
            at += static_cast<std::size_t>(leader.classes[k].count[m]);
        }
    std::vector<Pick> picks;
    picks.reserve(total);
    for (const int minutes : sizes)
        for (int m = 0; m < 12; ++m) {
            const auto bucket = static_cast<std::ptrdiff_t>(picks.size());
            for (std::size_t k = 0; k < leader.classes.size(); ++k) {
                const LevelingClass& c = leader.classes[k];
                if (c.minutes != minutes) continue;
                const std::size_t from = month_start[k][static_cast<std::size_t>(m)];
                for (int n = 0; n < c.count[static_cast<std::size_t>(m)]; ++n)
                    picks.push_back({c.jobs[from + static_cast<std::size_t>(n)], m, c.minutes});
            }
            std::sort(picks.begin() + bucket, picks.end(),
                      [](const Pick& x, const Pick& y) { return x.job < y.job; });
        }
    const Date jan1 = months.first(0);
    const Date first_monday = jan1 - bg::days((jan1.day_of_week().as_number() + 6) % 7);
    std::vector<long long> week_load(54, 0);
    std::vector<int> day_count(367, 0);
    std::vector<std::vector<std::size_t>> in_week(54);  // picks by week, for the second pass
    // What a day is compared by: its week's minutes, then its supervisions.
    auto load_of = [&](const DayOption& d) { return std::make_pair(week_load[d.week], day_count[d.day]); };
    auto better = [&](const DayOption& d, const DayOption& than) { return load_of(d) < load_of(than); };
    auto place = [&](std::size_t i, const DayOption& d) {
        week_load[d.week] += picks[i].minutes;
        ++day_count[d.day];
        in_week[d.week].push_back(i);
        picks[i].chosen = &d;
        occurrences[picks[i].job].planned = d.date;
    };
    // A pick's month is searched for its lightest day: 600,000 picks of some 20 days each in a
    // large plan, so the day options of the previous pick (mostly of the same period and
    // month) are reused without a search, and the best day's load is held rather than looked
    // up again at every comparison.
    std::pair<long, long> last_key{0, -1};
    const std::vector<DayOption>* last_options = nullptr;
    for (std::size_t i = 0; i < picks.size(); ++i) {
        Pick& p = picks[i];
        // The picks go by size and month, so their occurrences lie anywhere in the leader's
        // center: fetched a few picks ahead, their periods (and the planned day written
        // below) are in the cache when needed. Waiting on them was half of this loop's time.
        if (i + 16 < picks.size()) __builtin_prefetch(&occurrences[picks[i + 16].job].period_start);
        const Occurrence& o = occurrences[p.job];
        const Date from = std::max(o.period_start, months.first(p.month0));
        const Date to = std::min(o.period_end, months.last(p.month0));
        const auto key = std::make_pair(day_key(from), day_key(to));
        if (key != last_key) {
            auto found = candidates.find(key);
            if (found == candidates.end()) {
                std::vector<DayOption> options;
                for (Date d : days.days_in(from, to))
                    options.push_back({d, static_cast<std::uint16_t>((d - first_monday).days() / 7),
                                       static_cast<std::uint16_t>(d.day_of_year())});
                found = candidates.emplace(key, std::move(options)).first;
            }
            last_key = key;
            last_options = &found->second;
        }
        p.options = last_options;
        // The month was chosen among those with a working day, so there is always an option.
        const DayOption* best = &p.options->front();
        auto best_load = load_of(*best);
        for (const DayOption& d : *p.options) {
            const auto load = load_of(d);
            if (load < best_load) {
                best = &d;
                best_load = load;
            }
        }
        place(i, *best);
    }
    // Greedy choices can stack a week that a later choice would have avoided (a month's last
    // days and the next month's first share one): move a supervision out of the busiest week
    // to its lightest other option while that leaves both weeks below the peak.
    for (;;) {
        const long long peak = *std::max_element(week_load.begin(), week_load.end());
        bool moved = false;
        for (std::size_t w = 0; w < week_load.size() && !moved; ++w) {
            if (week_load[w] != peak) continue;
            for (std::size_t k = 0; k < in_week[w].size() && !moved; ++k) {
                const std::size_t i = in_week[w][k];
                const DayOption* best = nullptr;
                for (const DayOption& d : *picks[i].options)
                    if (d.week != w && week_load[d.week] + picks[i].minutes < peak && (!best || better(d, *best)))
                        best = &d;
                if (!best) continue;
                week_load[w] -= picks[i].minutes;
                --day_count[picks[i].chosen->day];
                in_week[w].erase(in_week[w].begin() + static_cast<std::ptrdiff_t>(k));
                place(i, *best);
                moved = true;
            }
        }
        if (!moved) return;
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
            if (c.count[static_cast<std::size_t>(m)] > 0) largest = std::max<long long>(largest, c.minutes);
        const long long weeks = std::max(1, weeks_in_month[static_cast<std::size_t>(m)]);
        return Estimate{std::max(largest * weeks, load[static_cast<std::size_t>(m)] + change), weeks};
    };
    for (;;) {
        int worst = 0;
        for (int m = 1; m < 12; ++m)
            if (estimate(worst, 0, 0) < estimate(m, 0, 0)) worst = m;
        const Estimate before = estimate(worst, 0, 0);
        bool moved = false;
        for (LevelingClass& c : leader.classes) {
            if (moved || std::popcount(c.months) < 2 || c.count[static_cast<std::size_t>(worst)] == 0) continue;
            for (int b = 0; b < 12 && !moved; ++b) {
                if (b == worst || !c.allows(b) || load[static_cast<std::size_t>(b)] + c.minutes > peak) continue;
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

}  // namespace

void level_plan(const PlanningDays& days, int year, std::vector<Occurrence>& occurrences) {
    LevelingProblem problem = leveling_problem(days, year, occurrences);
    const YearMonths months(year);
    // Weeks with a plannable day in each month (a week across two months counts in both).
    std::array<int, 12> weeks_in_month{};
    for (int m = 0; m < 12; ++m) {
        std::optional<int> last_week;
        for (Date d = months.first(m); d <= months.last(m); d += bg::days(1))
            if (days.plannable(d) && iso_week(d) != last_week) {
                last_week = iso_week(d);
                ++weeks_in_month[static_cast<std::size_t>(m)];
            }
    }
    // Leaders are independent: each worker levels whole leaders and writes only their
    // supervisions' dates, so the plan is the same whatever the number of workers.
    // leveling_problem made the day masks of `year` and its neighbours, which are all the
    // workers look at (PlanningDays fills a year's masks on first use), so they only read.
    // Each worker keeps its own day options: shared, they would need a lock.
    std::vector<DayOptions> candidates(parallel_workers(problem.leaders.size()));
    for_each_index(problem.leaders.size(), [&](std::size_t i, unsigned worker) {
        LeaderLeveling& leader = problem.leaders[i];
        level_months(leader);
        relieve_short_months(leader, weeks_in_month);
        place_days(days, months, leader, occurrences, candidates[worker]);
    });
}

}  // namespace tilsyn
