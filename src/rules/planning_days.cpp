#include "rules/planning_days.h"

namespace tilsyn {

namespace bg = boost::gregorian;

const std::vector<bool>& PlanningDays::mask(int year) const {
    auto found = masks_.find(year);
    if (found != masks_.end()) return found->second;
    const Date jan1(static_cast<unsigned short>(year), 1, 1);
    const int length =
        bg::gregorian_calendar::is_leap_year(static_cast<unsigned short>(year)) ? 366 : 365;
    std::vector<bool> m(static_cast<std::size_t>(length));
    for (int i = 0; i < length; ++i) {
        const Date d = jan1 + bg::days(i);
        m[static_cast<std::size_t>(i)] = calendar_.is_working_day(d) && !blackout_.contains(d);
    }
    return masks_.emplace(year, std::move(m)).first->second;
}

bool PlanningDays::plannable(Date d) const {
    return mask(d.year())[static_cast<std::size_t>(d.day_of_year() - 1)];
}

std::vector<Date> PlanningDays::days_in(Date from, Date to) const {
    std::vector<Date> out;
    for (Date d = from; d <= to; d += bg::days(1))
        if (plannable(d)) out.push_back(d);
    if (out.empty())
        for (Date d = from; d <= to; d += bg::days(1))
            if (calendar_.is_working_day(d)) out.push_back(d);
    return out;
}

std::optional<Date> PlanningDays::first_in(Date from, Date to) const {
    for (Date d = from; d <= to; d += bg::days(1))
        if (plannable(d)) return d;
    return calendar_.first_working_day(from, to);
}

}  // namespace tilsyn
