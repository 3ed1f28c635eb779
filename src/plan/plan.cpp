#include "plan/plan.h"

#include "rules/planning_days.h"

#include <algorithm>
#include <tuple>

namespace tilsyn {

std::string Occurrence::period_code() const {
    const std::string code = std::to_string(year) + "-" + rating().cadence.slot_code(slot);
    return part > 1 ? code + "-" + std::to_string(part) : code;
}

std::string Occurrence::uid(std::string_view domain) const {
    return area->id + "-" + period_code() + "@" + std::string(domain);
}

std::string Occurrence::period_name() const {
    // A period cut short by a colour change, or joined or ended by the area, covers other
    // months than its cadence's: it is named by them ("maj-juni 2025"), not as a quarter.
    const Cadence& cadence = rating().cadence;
    const int first = period_start.month(), last = period_end.month();
    if (first == cadence.first_month(slot) && last == cadence.last_month(slot))
        return cadence.danish_period(year, slot);
    const std::string y = std::to_string(year);
    if (first == last) return std::string(danish_month(first)) + " " + y;
    return std::string(danish_month(first)) + "-" + std::string(danish_month(last)) + " " + y;
}

namespace {

bool center_matches(const Center& c, const std::string& key) {
    return c.id == key || c.name == key;
}

std::string known_centers(const Rules& rules) {
    std::string out;
    for (const auto& c : rules.centers)
        out += (out.empty() ? "" : ", ") + c.id + " (" + c.name + ")";
    return out;
}

std::string known_leaders(const std::vector<const Center*>& centers) {
    std::string out;
    for (const Center* c : centers)
        for (const Leader& l : c->leaders)
            out += (out.empty() ? "" : ", ") + l.id + " (" + l.name + ")";
    return out;
}

Date first_of_month(int year, int month) {
    return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(month), 1);
}

// The days a period gives its supervision: the first plannable day, which leveling may move,
// and the last working day, the due date.
struct PeriodDays {
    Date planned;
    Date due;
};

PeriodDays period_days(const PlanningDays& days, const Policy& policy, Date start, Date end) {
    const WorkCalendar& calendar = days.calendar();
    if (!calendar.first_working_day(start, end))
        throw InputError((policy.source.empty() ? std::string() : policy.source + ": ") +
                         "the period " + iso(start) + " to " + iso(end) +
                         " has no working day left: check [closing_days]");
    return {*days.first_in(start, end), *calendar.last_working_day(start, end)};
}

// Whether an area first assessed on `first_day` takes part in the period [start, end]
// (docs/rules.md, "When an area starts"): from the first period that begins on or after that
// day, or, when the policy opts in, from the period running on it if enough of its working
// days remain.
bool area_exists_in(const StartRules& start_rules, const WorkCalendar& calendar, Date first_day,
                    Date start, Date end) {
    if (start >= first_day) return true;
    if (end < first_day || !start_rules.running_period) return false;
    return calendar.working_days_in(first_day, end) >= start_rules.min_working_days;
}

// The first month boundary on or after the first step inside (start, end] that makes the
// cadence more frequent than `cadence`, when it falls inside the period.
std::optional<Date> raise_boundary(std::span<const RatingStep> steps, const Cadence& cadence,
                                   Date start, Date end) {
    for (const RatingStep& step : steps) {
        if (step.from <= start || step.from > end) continue;
        if (step.rating.cadence.months() >= cadence.months()) continue;
        const Date boundary =
            step.from.day() == 1 ? step.from : step.from.end_of_month() + boost::gregorian::days(1);
        if (boundary <= end) return boundary;
        return std::nullopt;
    }
    return std::nullopt;
}

// Walks one area's year period by period; each period takes the rating in force on its first
// day, so a new assessment or decision changes the cadence from the next period on, and
// periods already started keep the cadence they started with. Periods before the area's first
// assessment have no occurrence; a running period it joins starts on the assessment's day.
// Likewise nothing is planned from a closed area's closing day on.
// With `known`, only what is dated on or before it counts: later steps and a later closing day
// are as if not yet decided.
void walk_area(const Center& c, const Area& a, std::span<const RatingStep> steps,
               const Policy& policy, const PlanningDays& days, int year,
               std::vector<Occurrence>& out, std::vector<ColourChange>* changes,
               std::optional<Date> known = std::nullopt) {
    const Date first_day = a.assessments.front().date;
    if (known) {
        if (first_day > *known) return;
        steps = steps.first(static_cast<std::size_t>(
            std::partition_point(steps.begin(), steps.end(),
                                 [&](const RatingStep& s) { return s.from <= *known; }) -
            steps.begin()));
    }
    const bool closed = a.closed && (!known || a.closed->date <= *known);
    std::optional<Colour> previous;
    std::vector<std::pair<int, int>> used_slots;  // (months per period, slot)
    for (int month = 1; month <= 12;) {
        Occurrence o;
        o.center = &c;
        o.area = &a;
        o.period_start = first_of_month(year, month);
        o.step = &step_on(steps, o.period_start);
        const Cadence& cadence = o.rating().cadence;
        o.year = year;
        o.slot = cadence.period_of_month(month);
        o.period_end = first_of_month(year, cadence.last_month(o.slot)).end_of_month();
        month = cadence.last_month(o.slot) + 1;
        if (!area_exists_in(policy.start, days.calendar(), first_day, o.period_start, o.period_end))
            continue;
        o.period_start = std::max(o.period_start, first_day);
        // A raise (a step to a more frequent cadence) inside the period ends it at the next
        // month boundary; the faster cadence's periods start there. A lowering waits for the
        // period's end (docs/rules.md, "When the colour changes").
        if (const auto raise = raise_boundary(steps, cadence, o.period_start, o.period_end)) {
            o.period_end = *raise - boost::gregorian::days(1);
            month = o.period_end.month() + 1;
        }
        if (closed) {
            // Nothing from the closing day on; a period it cuts ends the day before, when a
            // working day is left in it (docs/rules.md, "When an area closes").
            const Date last_day = a.closed->date - boost::gregorian::days(1);
            if (o.period_start > last_day) break;
            o.period_end = std::min(o.period_end, last_day);
            if (!days.calendar().first_working_day(o.period_start, o.period_end)) break;
        }
        const PeriodDays pd = period_days(days, policy, o.period_start, o.period_end);
        o.planned = pd.planned;
        o.due = pd.due;
        o.minutes = a.minutes.value_or(policy.workload.minutes_of(o.rating().colour));
        if (changes && previous && *previous != o.rating().colour)
            changes->push_back({&c, &a, *previous, o.rating().colour, o.period_start, o.step});
        previous = o.rating().colour;
        // A slot met twice in one year (a quarter cut by a raise, then begun again after a
        // lowering) gets a second code, so that each occurrence keeps a UID of its own.
        o.part = 1 + static_cast<int>(std::count(used_slots.begin(), used_slots.end(),
                                                 std::pair{cadence.months(), o.slot}));
        used_slots.emplace_back(cadence.months(), o.slot);
        out.push_back(o);
    }
}

}  // namespace

void sort_into_plan_order(std::vector<Occurrence>& occurrences) {
    std::sort(occurrences.begin(), occurrences.end(), [](const Occurrence& x, const Occurrence& y) {
        return std::tie(x.planned, x.center, x.area, x.period_start) <
               std::tie(y.planned, y.center, y.area, y.period_start);
    });
}

void check_working_days(const Rules& rules, const WorkCalendar& calendar, int year) {
    std::vector<Cadence> used(rules.policy.cadence.begin(), rules.policy.cadence.end());
    for (const Center& c : rules.centers)
        for (const Area& a : c.areas)
            for (const Assessment& as : a.assessments)
                if (as.cadence_override) used.push_back(as.cadence_override->value);
    const PlanningDays days(calendar, rules.policy.blackout);
    for (const Cadence& cadence : used)
        for (int i = 0; i < cadence.periods_per_year(); ++i)
            period_days(days, rules.policy, cadence.period_start(year, i),
                        cadence.period_end(year, i));
}

void require_planned_year(const Rules& rules, const PlanFilter& filter, int year) {
    const Date year_end(static_cast<unsigned short>(year), 12, 31);
    std::optional<Date> first;
    std::string where;
    for (const Center* c : selected_centers(rules, filter))
        for (const Area& a : c->areas) {
            const Date d = a.assessments.front().date;
            if (d <= year_end) return;
            if (!first || d < *first) {
                first = d;
                where = c->source;
            }
        }
    if (first)
        throw InputError("there is no plan for " + std::to_string(year) +
                         ": the earliest assessment in the register is dated " + iso(*first) +
                         " (" + where + ")");
}

std::vector<const Center*> selected_centers(const Rules& rules, const PlanFilter& filter) {
    std::vector<const Center*> out;
    for (const auto& c : rules.centers)
        if (!filter.center || center_matches(c, *filter.center)) out.push_back(&c);
    if (filter.center && out.empty())
        throw InputError("--center: no center \"" + *filter.center +
                         "\"; known centers: " + known_centers(rules));
    return out;
}

std::vector<Occurrence> occurrences_known_on(const Plan& plan, const PlannedArea& area,
                                             const Policy& policy, const PlanningDays& days,
                                             Date known) {
    std::vector<Occurrence> out;
    walk_area(*area.center, *area.area,
              std::span<const RatingStep>(plan.steps).subspan(area.first_step, area.step_count),
              policy, days, plan.year, out, nullptr, known);
    return out;
}

std::vector<Occurrence> area_occurrences(const Rules& rules, const WorkCalendar& calendar,
                                         const Center& center, const Area& area,
                                         const RatingTimeline& timeline, int year) {
    const PlanningDays days(calendar, rules.policy.blackout);
    std::vector<Occurrence> out;
    walk_area(center, area, timeline.steps(), rules.policy, days, year, out, nullptr);
    return out;
}

std::optional<Occurrence> first_occurrence_with(const Rules& rules, const WorkCalendar& calendar,
                                                const Center& center, const Area& area,
                                                const RatingTimeline& timeline,
                                                const RatingStep& step) {
    for (int year = step.from.year(); year <= step.from.year() + 1; ++year)
        for (const Occurrence& o : area_occurrences(rules, calendar, center, area, timeline, year))
            if (o.step == &step) return o;
    return std::nullopt;
}

Plan make_plan(const Rules& rules, const WorkCalendar& calendar, int year, const PlanFilter& filter,
               const DecisionsByArea* decisions) {
    Plan plan;
    plan.year = year;
    plan.filter = filter;
    const auto centers = selected_centers(rules, filter);
    if (filter.leader) {
        const bool known = std::any_of(centers.begin(), centers.end(), [&](const Center* c) {
            return std::any_of(c->leaders.begin(), c->leaders.end(),
                               [&](const Leader& l) { return l.matches(*filter.leader); });
        });
        if (!known)
            throw InputError(
                "--leader: no leader \"" + *filter.leader + "\"" +
                (filter.center ? " in center \"" + *filter.center + "\"" : std::string()) +
                "; known leaders: " + known_leaders(centers));
    }

    // The occurrences point at their rating steps, so every step is added before the first
    // occurrence is made.
    for (const Center* c : centers)
        for (const Area& a : c->areas) {
            if (filter.leader && !c->leader_of(a).matches(*filter.leader)) continue;
            const std::size_t first = plan.steps.size();
            append_rating_steps(rules.policy, a, decisions_of(decisions, a), plan.steps);
            plan.areas.push_back({c, &a, first, plan.steps.size() - first});
        }
    const PlanningDays days(calendar, rules.policy.blackout);
    for (const PlannedArea& pa : plan.areas)
        walk_area(*pa.center, *pa.area,
                  std::span<const RatingStep>(plan.steps).subspan(pa.first_step, pa.step_count),
                  rules.policy, days, year, plan.occurrences, &plan.changes);
    sort_into_plan_order(plan.occurrences);
    return plan;
}

}  // namespace tilsyn
