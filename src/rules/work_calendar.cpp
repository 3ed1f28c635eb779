#include "rules/work_calendar.h"

#include "rules/holidays.h"

#include <algorithm>

namespace tilsyn {

namespace bg = boost::gregorian;

WorkCalendar::WorkCalendar(std::vector<ClosingDayRule> extra) : extra_(std::move(extra)) {}

std::vector<ClosedDay> WorkCalendar::closed_days(int year) const {
    std::vector<ClosedDay> out;
    for (auto& h : danish_public_holidays(year)) out.push_back({h.date, h.name, true});
    for (const auto& rule : extra_) {
        if (rule.year && *rule.year != year) continue;
        const auto y = static_cast<unsigned short>(year);
        const auto m = static_cast<unsigned short>(rule.month);
        // An annual 29 February only exists in leap years.
        if (rule.day > bg::gregorian_calendar::end_of_month_day(y, m)) continue;
        const Date d(y, m, static_cast<unsigned short>(rule.day));
        auto same = std::find_if(out.begin(), out.end(), [&](auto& c) { return c.date == d; });
        if (same != out.end()) {
            if (same->name != rule.name) same->name += " / " + rule.name;
            continue;
        }
        out.push_back({d, rule.name, false});
    }
    std::stable_sort(out.begin(), out.end(), [](auto& a, auto& b) { return a.date < b.date; });
    return out;
}

const std::vector<bool>& WorkCalendar::closed_mask(int year) const {
    auto found = masks_.find(year);
    if (found != masks_.end()) return found->second;
    const Date jan1(static_cast<unsigned short>(year), 1, 1);
    const int length =
        bg::gregorian_calendar::is_leap_year(static_cast<unsigned short>(year)) ? 366 : 365;
    std::vector<bool> mask(static_cast<std::size_t>(length), false);
    for (int i = 0; i < length; ++i) {
        const auto wd = (jan1 + bg::days(i)).day_of_week();
        mask[static_cast<std::size_t>(i)] = wd == bg::Saturday || wd == bg::Sunday;
    }
    for (const auto& c : closed_days(year))
        mask[static_cast<std::size_t>(c.date.day_of_year() - 1)] = true;
    return masks_.emplace(year, std::move(mask)).first->second;
}

bool WorkCalendar::is_working_day(Date d) const {
    return !closed_mask(d.year())[static_cast<std::size_t>(d.day_of_year() - 1)];
}

std::optional<Date> WorkCalendar::first_working_day(Date from, Date to) const {
    for (Date d = from; d <= to; d += bg::days(1))
        if (is_working_day(d)) return d;
    return std::nullopt;
}

std::optional<Date> WorkCalendar::last_working_day(Date from, Date to) const {
    for (Date d = to; d >= from; d -= bg::days(1))
        if (is_working_day(d)) return d;
    return std::nullopt;
}

Date WorkCalendar::working_days_before(Date d, int n) const {
    Date cur = d;
    while (n > 0) {
        cur -= bg::days(1);
        if (is_working_day(cur)) --n;
    }
    return cur;
}

Date WorkCalendar::working_days_after(Date d, int n) const {
    Date cur = d;
    while (n > 0) {
        cur += bg::days(1);
        if (is_working_day(cur)) --n;
    }
    return cur;
}

int WorkCalendar::working_days_in(Date from, Date to) const {
    int n = 0;
    for (Date d = from; d <= to; d += bg::days(1)) n += is_working_day(d) ? 1 : 0;
    return n;
}

}  // namespace tilsyn
