#pragma once
// The yearly supervision plan: for every area, one occurrence per period of the cadence in
// force when the period starts, placed on working days inside the period.

#include "plan/rating_timeline.h"
#include "rules/planning_days.h"
#include "rules/rating.h"
#include "rules/rules_loader.h"
#include "rules/work_calendar.h"

#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <vector>

namespace tilsyn {

struct Occurrence {
    const Center* center = nullptr;
    const Area* area = nullptr;
    const RatingStep* step = nullptr;  ///< the rating in force at the period start
    int year = 0;
    int slot = 0;       ///< period index within the year for rating.cadence
    int part = 1;       ///< 2 for a slot begun again in the year (cut by a raise, then resumed)
    Date period_start;  ///< the cadence's, or the area's first assessment in a period it joins
    Date period_end;    ///< the cadence's, or the day before the area closed in a period it cuts
    Date planned;       ///< a working day of the period outside the blackout (leveling chooses it)
    Date due;           ///< last working day of the period
    int minutes = 0;    ///< what it costs the leader: the area's or the colour's hours
    /// How often the year's dated changes altered it since it was first planned (moved it,
    /// changed its period or rating, cancelled or restored it): the calendar's SEQUENCE.
    int sequence = 0;
    Date modified;  ///< the day of the change that planned it or last altered it (level_plan)

    const Rating& rating() const { return step->rating; }
    /// The register assessment under the rating (its scores; its reason unless decided).
    const Assessment& assessment() const { return *step->assessment; }
    const Leader& leader() const { return center->leader_of(*area); }
    std::string period_code() const;  ///< "2027-M03", "2027-Q1", ...: stable, part of the UID
    std::string period_name() const;  ///< "marts 2027", "1. kvartal 2027"
    /// "<area>-<period code>@<domain>": from area, year and slot, never from the date, so a
    /// regenerated calendar updates its events instead of duplicating them.
    std::string uid(std::string_view domain) const;
};

struct PlanFilter {
    std::optional<std::string> center;  ///< center id or name
    std::optional<std::string> leader;  ///< leader id, name or e-mail
};

/// An area whose colour differs between two consecutive periods of the year.
struct ColourChange {
    const Center* center = nullptr;
    const Area* area = nullptr;
    Colour from = Colour::green;
    Colour to = Colour::green;
    Date effective;                    ///< the first day of the first period in the new colour
    const RatingStep* step = nullptr;  ///< the assessment or decision that brought the change
};

/// A planned area and its rating steps, a run of Plan::steps.
struct PlannedArea {
    const Center* center = nullptr;
    const Area* area = nullptr;
    std::size_t first_step = 0;
    std::size_t step_count = 0;
};

struct Plan {
    int year = 0;
    std::vector<RatingStep> steps;   ///< every planned area's rating steps; occurrences point here
    std::vector<PlannedArea> areas;  ///< in register order: whose steps are which
    PlanFilter filter;
    std::vector<Occurrence> occurrences;  ///< by planned date, then register order
    /// What an earlier state of the year planned and a later change dropped (a colour change
    /// gave the period another cadence, the area closed): the calendar cancels them. Found by
    /// level_plan, in plan order.
    std::vector<Occurrence> cancelled;
    std::vector<ColourChange> changes;  ///< in register order, then date
    bool leveled = false;               ///< dates chosen by leveling, not the first plannable day
};

/// Throws InputError when a filter matches nothing or a period has no working day.
/// `decisions` (may be null) are the re-rating decisions; they must outlive the plan. Each
/// supervision is planned on the first working day of its period outside the blackout;
/// level_plan (leveling.h) then spreads each leader's supervisions over the months and weeks.
Plan make_plan(const Rules& rules, const WorkCalendar& calendar, int year, const PlanFilter& filter,
               const DecisionsByArea* decisions = nullptr);

/// A planned area's occurrences in the plan's year as they stood when only what is dated on or
/// before `known` had happened: its assessments and decisions up to that day, and its closing
/// day if it falls by then. In period order, on the first plannable day of each period.
std::vector<Occurrence> occurrences_known_on(const Plan& plan, const PlannedArea& area,
                                             const Policy& policy, const PlanningDays& days,
                                             Date known);

/// One area's occurrences in a year, in period order (what `record` matches a date against).
/// Their planned dates are not leveled: only the periods matter there.
std::vector<Occurrence> area_occurrences(const Rules& rules, const WorkCalendar& calendar,
                                         const Center& center, const Area& area,
                                         const RatingTimeline& timeline, int year);

/// The first of the area's occurrences planned with `step` (one of `timeline`'s steps), looked
/// for in the step's year and the next: where a new assessment or decision starts to act.
/// nullopt when none is (a later step or the closing day comes first). The occurrence points
/// into `timeline`.
std::optional<Occurrence> first_occurrence_with(const Rules& rules, const WorkCalendar& calendar,
                                                const Center& center, const Area& area,
                                                const RatingTimeline& timeline,
                                                const RatingStep& step);

/// Throws InputError (naming the policy file) if a period of any cadence the rules use has no
/// working day in the year, e.g. because [closing_days] closes a whole month. make_plan finds
/// the same when it reaches such a period; `validate` calls this to find it first.
void check_working_days(const Rules& rules, const WorkCalendar& calendar, int year);

/// Whether x comes before y in register order: by center, area, then period start. Centers
/// and areas live in vectors, so comparing their addresses compares their positions.
inline bool before_in_register_order(const Occurrence& x, const Occurrence& y) {
    return std::tie(x.center, x.area, x.period_start) < std::tie(y.center, y.area, y.period_start);
}

/// Puts occurrences in plan order: by planned day, then register order.
void sort_into_plan_order(std::vector<Occurrence>& occurrences);

/// Throws InputError when no area the filter selects had been assessed by the end of `year`:
/// such a plan would only project today's register backwards. Areas exist from their first
/// assessment (make_plan plans nothing before it); this names the earliest.
void require_planned_year(const Rules& rules, const PlanFilter& filter, int year);

/// Centers selected by the filter (all when unset), for headers and calendar names.
std::vector<const Center*> selected_centers(const Rules& rules, const PlanFilter& filter);

}  // namespace tilsyn
