#pragma once
// Date parsing and Danish date wording. Dates are boost::gregorian::date throughout; nothing
// here does arithmetic in seconds.

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace tilsyn {

using Date = boost::gregorian::date;

/// The years the tool plans for. Outside it an input year is "impossible".
inline constexpr int min_year = 1900;
inline constexpr int max_year = 2200;

/// Strict YYYY-MM-DD; nullopt when malformed or not a real date (2027-02-29).
std::optional<Date> parse_iso_date(std::string_view text);

/// Why text is not a date parse_iso_date accepts, as the end of a sentence:
/// "not of the form YYYY-MM-DD", "the month must be 01-12", "February 2027 has 28 days", ...
std::string date_problem(std::string_view text);

/// Strict YYYY within [min_year, max_year]; nullopt otherwise.
std::optional<int> parse_year(std::string_view text);

/// The date as a number of days, for keys: the same order as the dates, and cheap, where
/// julian_day() works it out again from year, month and day. Not for arithmetic or output.
inline long day_key(Date d) { return static_cast<long>(d.day_count().as_number()); }

/// A year's months, their first and last days made once: planning and leveling look them up
/// for each of hundreds of thousands of periods, where building a date is a calendar
/// conversion each time. Months are 0-11.
class YearMonths {
public:
    explicit YearMonths(int year);
    Date first(int month0) const { return first_[static_cast<std::size_t>(month0)]; }
    Date last(int month0) const { return last_[static_cast<std::size_t>(month0)]; }

private:
    std::array<Date, 12> first_{}, last_{};
};

std::string iso(Date d);           ///< 2027-01-04
std::string ical_date(Date d);     ///< 20270104
int iso_week(Date d);              ///< ISO 8601 week number, 1..53

std::string_view danish_month(int month);          ///< "januar" .. "december"
std::string_view danish_weekday_short(Date d);     ///< "ma", "ti", ... "sø"
std::string danish_long(Date d);                   ///< "5. juni 2024"

}  // namespace tilsyn
