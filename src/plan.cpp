#include "plan.h"

#include "huge_pages.h"
#include "leveling.h"
#include "planning_days.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

namespace tilsyn {

std::string Occurrence::period_code() const {
    return std::to_string(year) + "-" + rating().cadence.slot_code(slot);
}

std::string Occurrence::uid(std::string_view domain) const { return area->id + uid_suffix(domain); }

std::string Occurrence::uid_suffix(std::string_view domain) const {
    return "-" + period_code() + "@" + std::string(domain);
}

std::string Occurrence::period_name() const { return rating().cadence.danish_period(year, slot); }

namespace {

bool center_matches(const Center& c, const std::string& key) { return c.id == key || c.name == key; }

std::string known_centers(const Rules& rules) {
    std::string out;
    for (const auto& c : rules.centers) out += (out.empty() ? "" : ", ") + c.id + " (" + c.name + ")";
    return out;
}

std::string known_leaders(const std::vector<const Center*>& centers) {
    std::string out;
    for (const Center* c : centers)
        for (const Leader& l : c->leaders) out += (out.empty() ? "" : ", ") + l.id + " (" + l.name + ")";
    return out;
}

// Planned and due dates depend only on the period, so they are worked out once per period and
// shared by every area with that cadence.
struct PeriodDates {
    Date planned;
    Date due;
};

// Every period of a year's plan starts on the first of a month (the year's, or the day after
// the previous period) and ends on the last of a month, so a period is a pair of months and
// its dates are found in a table. Building dates and searching a map for each of 600,000
// periods was a fifth of planning a large register.
class PeriodDateCache {
public:
    PeriodDateCache(const WorkCalendar& calendar, const Policy& policy, int year)
        : calendar_(calendar), days_(calendar, policy.blackout), policy_(policy.source), months_(year) {}

    const YearMonths& months() const { return months_; }

    /// The planned and due days of the period from the first of month `from0` to the last of
    /// month `to0` (0-11).
    const PeriodDates& get(int from0, int to0) {
        auto& known = known_[static_cast<std::size_t>(from0 * 12 + to0)];
        if (known) return *known;
        const Date start = months_.first(from0), end = months_.last(to0);
        if (!calendar_.first_working_day(start, end))
            throw InputError((policy_.empty() ? std::string() : policy_ + ": ") + "the period " +
                             iso(start) + " to " + iso(end) +
                             " has no working day left: check [closing_days]");
        return known.emplace(PeriodDates{*days_.first_in(start, end), *calendar_.last_working_day(start, end)});
    }

private:
    const WorkCalendar& calendar_;
    PlanningDays days_;
    std::string policy_;
    YearMonths months_;
    std::array<std::optional<PeriodDates>, 144> known_;
};

}  // namespace

void check_working_days(const Rules& rules, const WorkCalendar& calendar, int year) {
    std::vector<Cadence> used(rules.policy.cadence.begin(), rules.policy.cadence.end());
    for (const Center& c : rules.centers)
        for (const Area& a : c.areas)
            for (const Assessment& as : a.assessments)
                if (as.cadence_override) used.push_back(as.cadence_override->value);
    PeriodDateCache dates(calendar, rules.policy, year);
    for (const Cadence& cadence : used)
        for (int i = 0; i < cadence.periods_per_year(); ++i)
            dates.get(cadence.first_month(i) - 1, cadence.last_month(i) - 1);
}

std::vector<const Center*> selected_centers(const Rules& rules, const PlanFilter& filter) {
    std::vector<const Center*> out;
    for (const auto& c : rules.centers)
        if (!filter.center || center_matches(c, *filter.center)) out.push_back(&c);
    if (filter.center && out.empty())
        throw InputError("--center: no center \"" + *filter.center + "\"; known centers: " +
                         known_centers(rules));
    return out;
}

namespace {

// Walks one area's year period by period; each period takes the rating in force on its first
// day, so a new assessment or decision changes the cadence from the next period on, and
// periods already started keep the cadence they started with.
void walk_area(const Center& c, const Area& a, std::span<const RatingStep> steps, const WorkloadRules& workload,
               PeriodDateCache& periods, int year, std::vector<Occurrence>& out, std::vector<ColourChange>* changes) {
    std::optional<Colour> previous;
    for (int month0 = 0; month0 < 12;) {
        Occurrence o;
        o.center = &c;
        o.area = &a;
        o.period_start = periods.months().first(month0);
        // Most areas have one rating step all year: no search.
        o.step = steps.size() == 1 ? &steps.front() : &step_on(steps, o.period_start);
        const Cadence& cadence = o.rating().cadence;
        o.year = static_cast<std::int16_t>(year);
        o.slot = static_cast<std::int16_t>(cadence.period_of_month(month0 + 1));
        const int last0 = cadence.last_month(o.slot) - 1;
        o.period_end = periods.months().last(last0);
        const PeriodDates& pd = periods.get(month0, last0);
        o.planned = pd.planned;
        o.due = pd.due;
        o.minutes = a.minutes.value_or(workload.minutes_of(o.rating().colour));
        if (changes && previous && *previous != o.rating().colour)
            changes->push_back({&c, &a, *previous, o.rating().colour, o.period_start, o.step});
        previous = o.rating().colour;
        out.push_back(o);
        month0 = last0 + 1;
    }
}

static_assert(sizeof(void*) != 8 || sizeof(Occurrence) == 48, "an Occurrence grew: see plan.h");

// Puts the occurrences in plan order: by planned day, then register order.
void sort_into_plan_order(std::vector<Occurrence>& occurrences) {
    // The areas are walked in register order, each period after period, so the occurrences
    // arrive in register order and a stable counting sort on the day finishes the job in
    // linear time (a comparison sort of 600,000 occurrences was a tenth of a large plan's
    // time). Checked rather than assumed; anything else gets the comparison sort.
    // The sort is bound by memory, not by work, so the check and the days' range are found in
    // one pass over the 29 MB of a large plan.
    if (occurrences.empty()) return;
    // The copy the occurrences are sorted into (below) is zero-filled as it is sized, which
    // also faults in its 29 MB of fresh pages: for a large plan, on another core while this
    // one checks the order and counts the days.
    std::vector<Occurrence> sorted;
    reserve_on_huge_pages(sorted, occurrences.size());
    std::jthread sizing;
    if (occurrences.size() >= 65536) sizing = std::jthread([&sorted, n = occurrences.size()] { sorted.resize(n); });
    else sorted.resize(occurrences.size());
    Date lo = occurrences.front().planned, hi = lo;
    for (std::size_t i = 1; i < occurrences.size(); ++i) {
        const Occurrence& o = occurrences[i];
        if (before_in_register_order(o, occurrences[i - 1])) {
            std::sort(occurrences.begin(), occurrences.end(), [](const Occurrence& x, const Occurrence& y) {
                return std::tie(x.planned, x.center, x.area, x.period_start) <
                       std::tie(y.planned, y.center, y.area, y.period_start);
            });
            return;
        }
        lo = std::min(lo, o.planned);
        hi = std::max(hi, o.planned);
    }
    const long first = lo.day_number();
    std::vector<std::size_t> next(static_cast<std::size_t>(hi.day_number() - first) + 1, 0);
    for (const Occurrence& o : occurrences) ++next[static_cast<std::size_t>(o.planned.day_number() - first)];
    std::size_t position = 0;
    for (std::size_t& n : next) position += std::exchange(n, position);
    // Copied into place rather than permuted in place: the copy is a stream of independent
    // writes, where following the permutation's cycles is a chain of dependent random reads
    // that took twice as long. The second array is 29 MB for 600,000 occurrences, which
    // keeps the run's peak below that of formatting a calendar.
    if (sizing.joinable()) sizing.join();
    for (const Occurrence& o : occurrences) sorted[next[static_cast<std::size_t>(o.planned.day_number() - first)]++] = o;
    occurrences.swap(sorted);
}

}  // namespace

std::vector<Occurrence> area_occurrences(const Rules& rules, const WorkCalendar& calendar,
                                         const Center& center, const Area& area,
                                         const RatingTimeline& timeline, int year) {
    PeriodDateCache periods(calendar, rules.policy, year);
    std::vector<Occurrence> out;
    walk_area(center, area, timeline.steps(), rules.policy.workload, periods, year, out, nullptr);
    return out;
}

Plan make_plan(const Rules& rules, const WorkCalendar& calendar, int year, const PlanFilter& filter,
               const DecisionsByArea* decisions, bool level) {
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
            throw InputError("--leader: no leader \"" + *filter.leader + "\"" +
                             (filter.center ? " in center \"" + *filter.center + "\"" : std::string()) +
                             "; known leaders: " + known_leaders(centers));
    }

    // Reserved up front: growing a vector of 600,000 occurrences by doubling would briefly hold
    // the old and the new copy, the largest allocation of the whole run. The bound is exact
    // unless an area's cadence changes during the year.
    std::size_t bound = 0;
    std::size_t step_bound = 0;
    std::size_t area_count = 0;
    for (const Center* c : centers)
        for (const Area& a : c->areas) {
            if (filter.leader && !c->leader_of(a).matches(*filter.leader)) continue;
            int most = 0;
            for (const Assessment& as : a.assessments)
                most = std::max(most, rate(rules.policy, as).cadence.periods_per_year());
            const auto* logged = decisions_of(decisions, a);
            if (logged)
                for (const LoggedDecision& d : *logged)
                    most = std::max(most, rules.policy.cadence_of(d.decision.to).periods_per_year());
            bound += static_cast<std::size_t>(most);
            step_bound += a.assessments.size() + (logged ? logged->size() : 0);
            ++area_count;
        }
    reserve_on_huge_pages(plan.occurrences, bound);
    // Every area's rating steps live in one array, reserved exactly so that the occurrences'
    // pointers into it stay valid: one allocation instead of one per area.
    plan.steps.reserve(step_bound);
    plan.areas.reserve(area_count);
    // The walk is single-threaded and fills 37 MB of fresh pages for 600,000 occurrences and
    // their steps and areas, a tenth of a second when the host is slow to back them: another
    // core faults them in meanwhile, each array from the end the walk reaches last. (Not the
    // sort's copy as well: prepared this early, it would be held through the leveling, and
    // after a run that parsed its registers that was 20-30 MiB over the peak.)
    // The thread gets the arrays' memory, taken here: it must not look at the vectors, which
    // this thread fills meanwhile.
    const auto room = [](auto& v, std::size_t n) { return std::as_writable_bytes(std::span(v.data(), n)); };
    std::jthread populating([areas = room(plan.areas, area_count), steps = room(plan.steps, step_bound),
                             occurrences = room(plan.occurrences, bound)] {
        populate_pages(areas);
        populate_pages(steps);
        populate_pages(occurrences);
    });

    PeriodDateCache periods(calendar, rules.policy, year);
    for (const Center* c : centers) {
        for (const Area& a : c->areas) {
            if (filter.leader && !c->leader_of(a).matches(*filter.leader)) continue;
            const std::size_t first = plan.steps.size();
            append_rating_steps(rules.policy, a, decisions_of(decisions, a), plan.steps);
            plan.areas.push_back({c, &a, first, plan.steps.size() - first});
            walk_area(*c, a, std::span<const RatingStep>(plan.steps).subspan(first), rules.policy.workload,
                      periods, year, plan.occurrences, &plan.changes);
        }
    }
    populating.join();
    if (level) {
        level_plan(PlanningDays(calendar, rules.policy.blackout), year, plan.occurrences);
        plan.leveled = true;
    }
    sort_into_plan_order(plan.occurrences);
    return plan;
}

}  // namespace tilsyn
