#include "base/dates.h"

#include <boost/date_time/local_time/local_time.hpp>
#include <boost/date_time/posix_time/posix_time.hpp>

#include <array>

namespace tilsyn {

namespace {

std::optional<int> digits(std::string_view s) {
    int value = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value;
}

}  // namespace

std::optional<Date> parse_iso_date(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    const auto y = digits(text.substr(0, 4));
    const auto m = digits(text.substr(5, 2));
    const auto d = digits(text.substr(8, 2));
    if (!y || !m || !d || *y < min_year || *y > max_year) return std::nullopt;
    if (*m < 1 || *m > 12 || *d < 1) return std::nullopt;
    if (*d > boost::gregorian::gregorian_calendar::end_of_month_day(
                 static_cast<unsigned short>(*y), static_cast<unsigned short>(*m)))
        return std::nullopt;
    return Date(static_cast<unsigned short>(*y), static_cast<unsigned short>(*m),
                static_cast<unsigned short>(*d));
}

std::string date_problem(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !digits(text.substr(0, 4)) ||
        !digits(text.substr(5, 2)) || !digits(text.substr(8, 2)))
        return "it is not of the form YYYY-MM-DD";
    const int y = *digits(text.substr(0, 4)), m = *digits(text.substr(5, 2)),
              d = *digits(text.substr(8, 2));
    if (y < min_year || y > max_year)
        return "the year must be between " + std::to_string(min_year) + " and " +
               std::to_string(max_year);
    if (m < 1 || m > 12) return "the month must be 01-12";
    const int days = boost::gregorian::gregorian_calendar::end_of_month_day(
        static_cast<unsigned short>(y), static_cast<unsigned short>(m));
    if (d < 1 || d > days) {
        static constexpr std::array<std::string_view, 12> english{
            "January", "February", "March",     "April",   "May",      "June",
            "July",    "August",   "September", "October", "November", "December"};
        const std::string month(english.at(static_cast<std::size_t>(m - 1)));
        return "there is no day " + std::to_string(d) + " in " + month + " " + std::to_string(y) +
               " (it has " + std::to_string(days) + " days)";
    }
    return "it is not a valid date";
}

std::optional<int> parse_year(std::string_view text) {
    if (text.size() != 4) return std::nullopt;
    const auto y = digits(text);
    if (!y || *y < min_year || *y > max_year) return std::nullopt;
    return y;
}

namespace {

// Writes n as `width` decimal digits, with leading zeros, from `at` on. (Dates are written
// two or more times per supervision of a plan; fmt and to_string are several times slower.)
void put_digits(char* at, int n, int width) {
    for (int i = width - 1; i >= 0; --i, n /= 10) at[i] = static_cast<char>('0' + n % 10);
}

}  // namespace

std::string iso(Date d) {
    const auto ymd = d.year_month_day();
    char text[] = "YYYY-MM-DD";
    put_digits(text, ymd.year, 4);
    put_digits(text + 5, ymd.month, 2);
    put_digits(text + 8, ymd.day, 2);
    return text;
}

std::string ical_date(Date d) {
    const auto ymd = d.year_month_day();
    char text[] = "YYYYMMDD";
    put_digits(text, ymd.year, 4);
    put_digits(text + 4, ymd.month, 2);
    put_digits(text + 6, ymd.day, 2);
    return text;
}

int iso_week(Date d) {
    return d.week_number();
}

std::string_view danish_month(int month) {
    static constexpr std::array<std::string_view, 12> names{
        "januar", "februar", "marts",     "april",   "maj",      "juni",
        "juli",   "august",  "september", "oktober", "november", "december"};
    return names.at(static_cast<std::size_t>(month - 1));
}

std::string_view danish_weekday_short(Date d) {
    static constexpr std::array<std::string_view, 7> names{"sø", "ma", "ti", "on",
                                                           "to", "fr", "lø"};
    return names.at(d.day_of_week().as_number());
}

std::string danish_long(Date d) {
    return std::to_string(d.day()) + ". " + std::string(danish_month(d.month())) + " " +
           std::to_string(static_cast<int>(d.year()));
}

Date copenhagen_date(boost::posix_time::ptime utc) {
    // Boost writes the offset east of UTC as positive (the opposite of POSIX TZ).
    static const boost::local_time::time_zone_ptr zone(
        new boost::local_time::posix_time_zone("CET+01CEST+01,M3.5.0/02:00,M10.5.0/03:00"));
    return boost::local_time::local_date_time(utc, zone).local_time().date();
}

std::optional<Date> copenhagen_date_of(std::string_view utc) {
    if (utc.size() != 20 || utc[10] != 'T' || utc.back() != 'Z') return std::nullopt;
    const auto day = parse_iso_date(utc.substr(0, 10));
    const auto h = digits(utc.substr(11, 2)), m = digits(utc.substr(14, 2)),
               s = digits(utc.substr(17, 2));
    if (!day || utc[13] != ':' || utc[16] != ':' || !h || !m || !s || *h > 23 || *m > 59 || *s > 59)
        return std::nullopt;
    return copenhagen_date(boost::posix_time::ptime(*day, boost::posix_time::hours(*h) +
                                                              boost::posix_time::minutes(*m) +
                                                              boost::posix_time::seconds(*s)));
}

}  // namespace tilsyn
