#pragma once
// Date parsing and Danish date wording. Dates are boost::gregorian::date throughout; nothing
// here does arithmetic in seconds.

#include <boost/date_time/gregorian/gregorian_types.hpp>
#include <boost/date_time/posix_time/ptime.hpp>

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

std::string iso(Date d);        ///< 2027-01-04
std::string ical_date(Date d);  ///< 20270104
int iso_week(Date d);           ///< ISO 8601 week number, 1..53

std::string_view danish_month(int month);       ///< "januar" .. "december"
std::string_view danish_weekday_short(Date d);  ///< "ma", "ti", ... "sø"
std::string danish_long(Date d);                ///< "5. juni 2024"

/// The calendar date in Europe/Copenhagen at a UTC instant (summer time included).
Date copenhagen_date(boost::posix_time::ptime utc);
/// The Copenhagen date of a UTC time as the log writes it, "2027-03-15T23:30:00Z" (which is
/// 2027-03-16 in Copenhagen); nullopt when `utc` is not of that form.
std::optional<Date> copenhagen_date_of(std::string_view utc);

}  // namespace tilsyn
