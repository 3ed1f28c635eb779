#pragma once
// Which days are working days: not a weekend, not a Danish public holiday, not one of the
// municipality's own closing days from the policy.

#include "base/dates.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tilsyn {

/// A closing day from the policy: every year on month/day, or once when year is set.
struct ClosingDayRule {
    std::optional<int> year;
    int month = 1;
    int day = 1;
    std::string name;
};

struct ClosedDay {
    Date date;
    std::string name;  ///< "Skærtorsdag", "Juleaftensdag"; joined with " / " if both
    bool public_holiday = false;
};

class WorkCalendar {
public:
    explicit WorkCalendar(std::vector<ClosingDayRule> extra = {});

    /// Public holidays and policy closing days of the year, in date order, including those that
    /// fall on a weekend (listed so that the user sees them).
    std::vector<ClosedDay> closed_days(int year) const;

    bool is_working_day(Date d) const;
    /// First / last working day within [from, to], or nullopt if there is none.
    std::optional<Date> first_working_day(Date from, Date to) const;
    std::optional<Date> last_working_day(Date from, Date to) const;
    /// The nth working day strictly before d (n >= 1).
    Date working_days_before(Date d, int n) const;
    /// The nth working day strictly after d (n >= 1); d itself when n is 0.
    Date working_days_after(Date d, int n) const;
    int working_days_in(Date from, Date to) const;

private:
    const std::vector<bool>& closed_mask(int year) const;

    std::vector<ClosingDayRule> extra_;
    // Built on first use per year: one flag per day of the year, so that a plan asks a vector
    // instead of working out Easter and the closing days for every date it looks at.
    mutable std::map<int, std::vector<bool>> masks_;
};

}  // namespace tilsyn
