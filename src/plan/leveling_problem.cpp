#include "plan/leveling_problem.h"

#include <algorithm>
#include <bit>
#include <map>
#include <numeric>
#include <tuple>

namespace tilsyn {

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
    for (const LevelingClass& c : classes)
        inside[c.months] += static_cast<long long>(c.jobs.size()) * c.minutes;
    for (std::size_t step = 1; step < inside.size(); step <<= 1)
        for (std::size_t base = 0; base < inside.size(); base += 2 * step)
            for (std::size_t set = base; set < base + step; ++set)
                inside[set + step] += inside[set];
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
    for (Date d = from; d <= to; d += boost::gregorian::days(1)) {
        if (d.year() != year) continue;
        const auto bit = static_cast<std::uint16_t>(1U << (d.month() - 1));
        if (days.plannable(d))
            plannable |= bit;
        else if (days.calendar().is_working_day(d))
            working |= bit;
    }
    return plannable ? plannable : working;
}

// A leader's classes, and which class each kind of period and minutes falls in: two periods
// with the same allowed months share a class.
struct LeaderClasses {
    std::map<std::pair<std::uint16_t, int>, LevelingClass>
        by_months;  ///< in the order leveling takes them
    std::map<std::tuple<Date, Date, int>, LevelingClass*>
        by_period;  ///< period start, end and minutes
};

}  // namespace

LevelingProblem leveling_problem(const PlanningDays& days, int year,
                                 const std::vector<Occurrence>& occurrences,
                                 const std::vector<LevelingWindow>* windows) {
    LevelingProblem p;
    p.year = year;
    p.windows.reserve(occurrences.size());
    // Leaders and areas live in vectors, so their addresses order them as the register does.
    std::map<std::pair<const Center*, const Leader*>, LeaderClasses> groups;
    for (std::size_t i = 0; i < occurrences.size(); ++i) {
        const Occurrence& o = occurrences[i];
        const LevelingWindow w = p.windows.emplace_back(
            windows ? (*windows)[i] : LevelingWindow{o.period_start, o.period_end});
        LeaderClasses& classes = groups[{o.center, &o.leader()}];
        LevelingClass*& c = classes.by_period[{w.first, w.last, o.minutes}];
        if (!c) {
            const std::uint16_t months = allowed_months(days, year, w.first, w.last);
            c = &classes.by_months[{months, o.minutes}];
            c->months = months;
            c->minutes = o.minutes;
        }
        c->jobs.push_back(i);
    }
    const auto area_then_period = [&](std::size_t x, std::size_t y) {
        return std::tie(occurrences[x].area, occurrences[x].period_start) <
               std::tie(occurrences[y].area, occurrences[y].period_start);
    };
    for (auto& [who, classes] : groups) {
        LeaderLeveling& l = p.leaders.emplace_back();
        l.center = who.first;
        l.leader = who.second;
        for (auto& [months_and_minutes, leveling_class] : classes.by_months) {
            std::sort(leveling_class.jobs.begin(), leveling_class.jobs.end(), area_then_period);
            l.classes.push_back(std::move(leveling_class));
        }
    }
    return p;
}

}  // namespace tilsyn
