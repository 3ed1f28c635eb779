#include "plan/leveling.h"

#include "plan/day_placement.h"
#include "plan/leveling_problem.h"
#include "plan/month_leveling.h"

#include <optional>

namespace tilsyn {

void level_plan(Plan& plan, const PlanningDays& days) {
    LevelingProblem problem = leveling_problem(days, plan.year, plan.occurrences);
    // Weeks with a plannable day in each month (a week across two months counts in both).
    std::array<int, 12> weeks_in_month{};
    for (unsigned short m = 1; m <= 12; ++m) {
        std::optional<int> last_week;
        const Date first(static_cast<unsigned short>(plan.year), m, 1);
        for (Date d = first; d <= first.end_of_month(); d += boost::gregorian::days(1))
            if (days.plannable(d) && iso_week(d) != last_week) {
                last_week = iso_week(d);
                ++weeks_in_month[m - 1U];
            }
    }
    for (LeaderLeveling& leader : problem.leaders) {
        level_months(leader);
        relieve_short_months(leader, weeks_in_month);
        place_days(days, plan.year, leader, plan.occurrences);
    }
    sort_into_plan_order(plan.occurrences);
    plan.leveled = true;
}

}  // namespace tilsyn
