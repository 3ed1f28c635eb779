#pragma once
// The days a supervision may be planned on: working days outside the policy's blackout
// (summer holidays, Christmas). The due date ignores the blackout: it is a deadline, not a
// day the leader is asked to sit down with cases.

#include "rules/policy.h"
#include "rules/work_calendar.h"

#include <map>
#include <optional>
#include <vector>

namespace tilsyn {

class PlanningDays {
public:
    PlanningDays(const WorkCalendar& calendar, const BlackoutRules& blackout)
        : calendar_(calendar), blackout_(blackout) {}

    const WorkCalendar& calendar() const { return calendar_; }
    /// A working day outside the blackout.
    bool plannable(Date d) const;
    /// The days of [from, to] a supervision may be planned on: the plannable ones, or every
    /// working day when the blackout covers all of them (a policy may black out a whole
    /// period; the supervision still has to happen).
    std::vector<Date> days_in(Date from, Date to) const;
    /// The first of days_in(from, to), or nullopt when [from, to] has no working day.
    std::optional<Date> first_in(Date from, Date to) const;

private:
    const std::vector<bool>& mask(int year) const;

    const WorkCalendar& calendar_;
    const BlackoutRules& blackout_;
    mutable std::map<int, std::vector<bool>> masks_;  ///< per year, one flag per day: plannable
};

}  // namespace tilsyn
