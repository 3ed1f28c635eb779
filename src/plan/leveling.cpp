#include "plan/leveling.h"

#include "plan/day_placement.h"
#include "plan/leveling_problem.h"
#include "plan/month_leveling.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

namespace tilsyn {

namespace {

namespace bg = boost::gregorian;

// Weeks with a plannable day in each month (a week across two months counts in both).
std::array<int, 12> weeks_in_months(const PlanningDays& days, int year) {
    std::array<int, 12> weeks{};
    for (unsigned short m = 1; m <= 12; ++m) {
        std::optional<int> last_week;
        const Date first(static_cast<unsigned short>(year), m, 1);
        for (Date d = first; d <= first.end_of_month(); d += bg::days(1))
            if (days.plannable(d) && iso_week(d) != last_week) {
                last_week = iso_week(d);
                ++weeks[m - 1U];
            }
    }
    return weeks;
}

void level_occurrences(std::vector<Occurrence>& occurrences, const PlanningDays& days, int year,
                       const std::array<int, 12>& weeks_in_month,
                       const std::vector<LevelingWindow>* windows) {
    LevelingProblem problem = leveling_problem(days, year, occurrences, windows);
    for (LeaderLeveling& leader : problem.leaders) {
        level_months(leader);
        relieve_short_months(leader, weeks_in_month);
        place_days(days, year, leader, problem.windows, occurrences);
    }
}

// What the calendar shows of an occurrence besides its UID: when it changes, the event does.
bool same_event(const Occurrence& x, const Occurrence& y) {
    return std::tie(x.planned, x.period_start, x.period_end, x.due, x.step) ==
           std::tie(y.planned, y.period_start, y.period_end, y.due, y.step);
}

// What identifies an occurrence from one state of the year to the next, as its UID does: the
// area and its period's cadence, slot and part.
using EventKey = std::tuple<const Area*, int, int, int>;

EventKey event_key(const Occurrence& o) {
    return {o.area, o.rating().cadence.months(), o.slot, o.part};
}

// One leader's areas, with the days their dated changes fall on.
struct LeaderYear {
    std::vector<const PlannedArea*> areas;
    std::set<Date> changes;  ///< assessments, decisions and closing days
};

// The states a leader's year went through: the first knows what is dated up to the year's
// first day (a yearly assessment dated 1 January belongs to the plan the year starts with),
// then one per month with a later change, each knowing what is dated up to the month's end.
// The last knows everything (nullopt).
std::vector<std::optional<Date>> knowledge_cutoffs(const std::set<Date>& changes, int year) {
    const Date jan1(static_cast<unsigned short>(year), 1, 1);
    const Date dec31(static_cast<unsigned short>(year), 12, 31);
    std::vector<std::optional<Date>> cutoffs;
    std::set<Date> month_ends;
    for (Date d : changes)
        if (d > jan1 && d <= dec31) month_ends.insert(d.end_of_month());
    if (!month_ends.empty()) cutoffs.emplace_back(jan1);
    for (auto it = month_ends.begin(); it != month_ends.end(); ++it)
        cutoffs.emplace_back(std::next(it) == month_ends.end() ? std::nullopt
                                                               : std::optional<Date>(*it));
    if (cutoffs.empty()) cutoffs.emplace_back(std::nullopt);
    return cutoffs;
}

// The day a state's changes are dated: the latest change it knows of.
Date state_stamp(const std::set<Date>& changes, std::optional<Date> cutoff, int year) {
    const Date limit = cutoff ? *cutoff : Date(static_cast<unsigned short>(year), 12, 31);
    auto after = changes.upper_bound(limit);
    return after == changes.begin() ? Date(static_cast<unsigned short>(year), 1, 1)
                                    : *std::prev(after);
}

// An occurrence as the calendar has published it so far.
struct Published {
    Occurrence occurrence;
    bool live = true;  ///< in the latest state; false once a change dropped it
};

// The days each occurrence of a state may take when the state's changes are dated `stamp`.
// The state before knew everything up to the end of the previous month with a change, so
// these changes act from the next month boundary on: what was planned before it keeps its
// day, and what was planned later is planned again from the boundary on (or in its whole
// period, when it ends before the boundary: the change cut it). An occurrence the change
// created may take any day of its period, which begins when the change lets it.
std::vector<LevelingWindow> windows_after_change(const std::vector<Occurrence>& state,
                                                 const std::map<EventKey, Published>& before,
                                                 const PlanningDays& days, Date stamp) {
    const Date boundary = stamp.end_of_month() + bg::days(1);
    std::vector<LevelingWindow> windows;
    windows.reserve(state.size());
    for (const Occurrence& o : state) {
        LevelingWindow& w = windows.emplace_back(LevelingWindow{o.period_start, o.period_end});
        const auto found = before.find(event_key(o));
        if (found == before.end() || !found->second.live) continue;
        const Date day = found->second.occurrence.planned;
        if (day < boundary && day >= o.period_start && day <= o.period_end && days.plannable(day))
            w = {day, day};
        else if (boundary <= o.period_end && days.calendar().first_working_day(
                                                 std::max(o.period_start, boundary), o.period_end))
            w.first = std::max(o.period_start, boundary);
    }
    return windows;
}

// Follows one leader's year state by state: each state is planned and leveled again, but what
// an earlier state planned before the first month the change can act in (the next month
// boundary after it) keeps its day, so a change never moves a supervision in the past or the
// running month. Appends the last state's occurrences and the dropped ones to the plan.
void level_leader_year(Plan& plan, const LeaderYear& leader, const Policy& policy,
                       const PlanningDays& days, const std::array<int, 12>& weeks_in_month,
                       bool level) {
    std::map<EventKey, Published> published;
    std::vector<Occurrence> state;
    for (const std::optional<Date> cutoff : knowledge_cutoffs(leader.changes, plan.year)) {
        const Date known = cutoff ? *cutoff : Date(boost::date_time::max_date_time);
        state.clear();
        for (const PlannedArea* area : leader.areas) {
            auto occurrences = occurrences_known_on(plan, *area, policy, days, known);
            state.insert(state.end(), occurrences.begin(), occurrences.end());
        }
        const Date stamp = state_stamp(leader.changes, cutoff, plan.year);
        if (level) {
            // The first state has nothing published before it: every window is a whole period.
            const std::vector<LevelingWindow> windows =
                windows_after_change(state, published, days, stamp);
            level_occurrences(state, days, plan.year, weeks_in_month, &windows);
        }
        std::set<EventKey> in_state;
        for (Occurrence& o : state) {
            const EventKey key = event_key(o);
            in_state.insert(key);
            auto [it, fresh] = published.try_emplace(key, Published{o});
            Published& p = it->second;
            if (fresh) {
                p.occurrence.modified = stamp;
            } else if (!p.live || !same_event(p.occurrence, o)) {
                o.sequence = p.occurrence.sequence + 1;
                o.modified = stamp;
                p.occurrence = o;
                p.live = true;
            }
        }
        for (auto& [key, p] : published)
            if (p.live && !in_state.count(key)) {
                p.live = false;
                ++p.occurrence.sequence;
                p.occurrence.modified = stamp;
            }
    }
    for (const auto& [key, p] : published)
        (p.live ? plan.occurrences : plan.cancelled).push_back(p.occurrence);
}

}  // namespace

void level_plan(Plan& plan, const Policy& policy, const PlanningDays& days, bool level) {
    // Leveling works per leader, so a change to one leader's area re-plans only that leader's
    // year, and a filtered plan has the same dates as the whole one.
    std::map<std::pair<const Center*, const Leader*>, LeaderYear> leaders;
    for (const PlannedArea& pa : plan.areas) {
        LeaderYear& l = leaders[{pa.center, &pa.center->leader_of(*pa.area)}];
        l.areas.push_back(&pa);
        for (std::size_t i = 0; i < pa.step_count; ++i)
            l.changes.insert(plan.steps[pa.first_step + i].from);
        if (pa.area->closed) l.changes.insert(pa.area->closed->date);
    }
    const std::array<int, 12> weeks = weeks_in_months(days, plan.year);
    plan.occurrences.clear();
    plan.cancelled.clear();
    for (const auto& [who, leader] : leaders)
        level_leader_year(plan, leader, policy, days, weeks, level);
    sort_into_plan_order(plan.occurrences);
    sort_into_plan_order(plan.cancelled);
    plan.leveled = level;
}

}  // namespace tilsyn
