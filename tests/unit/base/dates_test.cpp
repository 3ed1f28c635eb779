// Unit tests for src/base/dates.{h,cpp}: strict ISO date and year parsing, ISO/iCalendar
// renderings, ISO 8601 week numbers, Danish wording, and the Copenhagen date of a UTC time
// across summer time and New Year.
//
// Expected values are worked out by hand from calendar facts (e.g. 2027-01-01 is a Friday, so
// it belongs to ISO week 53 of 2026), not copied from the implementation's output.

#include <doctest/doctest.h>

#include "base/dates.h"
#include "test_support.h"

#include <boost/date_time/posix_time/posix_time.hpp>

#include <string>
#include <string_view>

namespace {

using tilsyn::Date;

using tilsyn::test::ymd;
namespace pt = boost::posix_time;

pt::ptime utc(int y, int m, int d, int hh, int mm, int ss = 0) {
    return pt::ptime(ymd(y, m, d), pt::hours(hh) + pt::minutes(mm) + pt::seconds(ss));
}

}  // namespace

TEST_CASE("dates: parse_iso_date accepts real dates, including 29 February in leap years") {
    struct Case {
        std::string_view text;
        int y, m, d;
    };
    const Case cases[] = {
        {"2027-01-04", 2027, 1, 4},   {"2024-02-29", 2024, 2, 29}, {"2000-02-29", 2000, 2, 29},
        {"2027-12-31", 2027, 12, 31}, {"2027-04-30", 2027, 4, 30}, {"1900-01-01", 1900, 1, 1},
        {"2200-12-31", 2200, 12, 31}, {"2027-02-28", 2027, 2, 28},
    };
    for (const auto& c : cases) {
        INFO("text: " << c.text);
        const auto parsed = tilsyn::parse_iso_date(c.text);
        REQUIRE(parsed.has_value());
        CHECK(*parsed == ymd(c.y, c.m, c.d));
    }
}

TEST_CASE("dates: parse_iso_date rejects impossible dates") {
    for (std::string_view text : {
             "2027-02-29",  // 2027 is not a leap year
             "2024-02-30",  // February never has 30 days
             "2027-04-31",  // April has 30 days
             "1900-02-29",  // 1900 is divisible by 100 but not 400: no leap day
             "2100-02-29",  // likewise 2100
             "2027-13-01",  // no month 13
             "2027-00-10",  // no month 0
             "2027-01-00",  // no day 0
             "2027-01-32",  // no day 32
         }) {
        INFO("text: " << text);
        CHECK_FALSE(tilsyn::parse_iso_date(text).has_value());
    }
}

TEST_CASE("dates: parse_iso_date is strict about the YYYY-MM-DD shape") {
    for (std::string_view text : {
             "2027-1-01",
             "2027-01-1",
             "27-01-01",
             "02027-01-01",
             "2027/01/01",
             "20270101",
             "2027-01-01 ",
             " 2027-01-01",
             "2027-01-01T00:00",
             "2027-0a-01",
             "+027-01-01",
             "2027--1-01",
             "2027-01-+1",
             "",
             "2027-01",
             "yyyy-mm-dd",
         }) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(tilsyn::parse_iso_date(text).has_value());
    }
}

TEST_CASE("dates: parse_iso_date rejects years outside 1900-2200") {
    CHECK_FALSE(tilsyn::parse_iso_date("1899-12-31").has_value());
    CHECK_FALSE(tilsyn::parse_iso_date("2201-01-01").has_value());
    CHECK_FALSE(tilsyn::parse_iso_date("0000-01-01").has_value());
    CHECK_FALSE(tilsyn::parse_iso_date("9999-12-31").has_value());
    CHECK(tilsyn::parse_iso_date("1900-01-01").has_value());
    CHECK(tilsyn::parse_iso_date("2200-12-31").has_value());
    CHECK(tilsyn::min_year == 1900);
    CHECK(tilsyn::max_year == 2200);
}

TEST_CASE("dates: parse_year accepts exactly four digits within 1900-2200") {
    CHECK(tilsyn::parse_year("2027") == 2027);
    CHECK(tilsyn::parse_year("1900") == 1900);
    CHECK(tilsyn::parse_year("2200") == 2200);
    for (std::string_view text : {"1899", "2201", "0000", "9999", "27", "202", "02027", "20270",
                                  "-2027", "+202", "20a7", " 2027", "2027 ", "", "2027.0"}) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(tilsyn::parse_year(text).has_value());
    }
}

TEST_CASE("dates: iso and ical_date render zero-padded dates") {
    CHECK(tilsyn::iso(ymd(2027, 1, 4)) == "2027-01-04");
    CHECK(tilsyn::iso(ymd(2024, 12, 31)) == "2024-12-31");
    CHECK(tilsyn::iso(ymd(1900, 2, 3)) == "1900-02-03");
    CHECK(tilsyn::ical_date(ymd(2027, 1, 4)) == "20270104");
    CHECK(tilsyn::ical_date(ymd(2024, 2, 29)) == "20240229");
    CHECK(tilsyn::ical_date(ymd(2200, 12, 31)) == "22001231");
}

TEST_CASE("dates: iso round-trips through parse_iso_date for every day of 2024") {
    for (Date d = ymd(2024, 1, 1); d <= ymd(2024, 12, 31); d += boost::gregorian::days(1)) {
        const std::string text = tilsyn::iso(d);
        INFO("date: " << text);
        const auto back = tilsyn::parse_iso_date(text);
        REQUIRE(back.has_value());
        CHECK(*back == d);
        // The iCalendar form is the ISO form without the dashes.
        std::string compact = text;
        std::erase(compact, '-');
        CHECK(tilsyn::ical_date(d) == compact);
    }
}

TEST_CASE("dates: iso_week follows ISO 8601 across year boundaries") {
    struct Case {
        int y, m, d, week;
    };
    const Case cases[] = {
        {2027, 1, 1, 53},    // Friday: belongs to the last week of 2026 (2026 starts on a Thursday)
        {2027, 1, 3, 53},    // Sunday of that week
        {2027, 1, 4, 1},     // Monday: first week of 2027
        {2026, 12, 31, 53},  // Thursday
        {2026, 12, 28, 53},  // Monday of week 53
        {2026, 1, 1, 1},     // Thursday: week 1 contains the year's first Thursday
        {2024, 12, 30, 1},   // Monday: week 1 of 2025 (2025-01-02 is its first Thursday)
        {2024, 12, 29, 52},  // Sunday before it
        {2025, 12, 29, 1},   // Monday: week 1 of 2026
        {2021, 1, 3, 53},    // Sunday: last week of 2020
        {2021, 1, 4, 1},    {2027, 12, 31, 52},  // Friday; 2027 has 52 weeks
        {2027, 6, 5, 22},                        // Grundlovsdag 2027, a Saturday
        {2020, 12, 31, 53},
    };
    for (const auto& c : cases) {
        INFO("date: " << c.y << "-" << c.m << "-" << c.d);
        CHECK(tilsyn::iso_week(ymd(c.y, c.m, c.d)) == c.week);
    }
}

TEST_CASE("dates: iso_week increases by one every Monday within a year of 52 weeks") {
    // 2027-01-04 is the Monday of week 1; every following Monday of 2027 starts the next week.
    int expected = 1;
    for (Date monday = ymd(2027, 1, 4); monday.year() == 2027;
         monday += boost::gregorian::days(7)) {
        INFO("monday: " << tilsyn::iso(monday));
        CHECK(tilsyn::iso_week(monday) == expected);
        for (int i = 1; i < 7; ++i)
            CHECK(tilsyn::iso_week(monday + boost::gregorian::days(i)) == expected);
        ++expected;
    }
    CHECK(expected == 53);  // 52 Mondays in 2027 after 4 January
}

TEST_CASE("dates: danish_month names") {
    const std::string_view names[] = {"januar",    "februar", "marts",    "april",
                                      "maj",       "juni",    "juli",     "august",
                                      "september", "oktober", "november", "december"};
    for (int m = 1; m <= 12; ++m) CHECK(tilsyn::danish_month(m) == names[m - 1]);
}

TEST_CASE("dates: danish_long has no leading zero and a lower-case month") {
    CHECK(tilsyn::danish_long(ymd(2024, 6, 5)) == "5. juni 2024");
    CHECK(tilsyn::danish_long(ymd(2027, 1, 4)) == "4. januar 2027");
    CHECK(tilsyn::danish_long(ymd(2027, 12, 31)) == "31. december 2027");
    CHECK(tilsyn::danish_long(ymd(2027, 3, 1)) == "1. marts 2027");
    CHECK(tilsyn::danish_long(ymd(2024, 2, 29)) == "29. februar 2024");
}

TEST_CASE("dates: danish_weekday_short for a whole week") {
    // 2027-01-04 is a Monday.
    const std::string_view expected[] = {"ma", "ti", "on", "to", "fr", "lø", "sø"};
    for (int i = 0; i < 7; ++i) {
        const Date d = ymd(2027, 1, 4 + i);
        INFO("date: " << tilsyn::iso(d));
        CHECK(tilsyn::danish_weekday_short(d) == expected[i]);
    }
    CHECK(tilsyn::danish_weekday_short(ymd(2027, 1, 1)) == "fr");
    CHECK(tilsyn::danish_weekday_short(ymd(2024, 2, 29)) == "to");
    CHECK(tilsyn::danish_weekday_short(ymd(2027, 3, 28)) == "sø");  // Easter Sunday 2027
}

TEST_CASE("dates: date_problem says why a text is not a date") {
    auto has = [](const std::string& s, std::string_view part) {
        return s.find(part) != std::string::npos;
    };
    for (std::string_view text :
         {"2027-1-01", "27-01-01", "2027/01/01", "", "2027-0a-01", "20270101"}) {
        const std::string why = tilsyn::date_problem(text);
        INFO("text '" << text << "': " << why);
        CHECK(has(why, "YYYY-MM-DD"));
    }
    const std::string year = tilsyn::date_problem("1899-12-31");
    INFO("1899-12-31: " << year);
    CHECK(has(year, "1900"));
    CHECK(has(year, "2200"));
    const std::string month = tilsyn::date_problem("2027-13-01");
    INFO("2027-13-01: " << month);
    CHECK(has(month, "month"));
    CHECK(has(month, "01-12"));
    CHECK(has(tilsyn::date_problem("2027-00-01"), "01-12"));
    const std::string feb = tilsyn::date_problem("2027-02-29");
    INFO("2027-02-29: " << feb);
    CHECK(has(feb, "28 days"));
    CHECK(has(feb, "2027"));
    CHECK(has(tilsyn::date_problem("2024-02-30"), "29 days"));
    CHECK(has(tilsyn::date_problem("2027-04-31"), "30 days"));
    CHECK(has(tilsyn::date_problem("2027-01-00"), "31 days"));
    // Every text parse_iso_date rejects gets a reason.
    for (std::string_view text :
         {"2027-02-29", "2100-02-29", "2201-01-01", "2027-01-32", " 2027-01-01"})
        CHECK_FALSE(tilsyn::date_problem(text).empty());
}

TEST_CASE("dates: copenhagen_date across New Year and summer time") {
    using tilsyn::copenhagen_date;
    // Winter: UTC+1.
    CHECK(copenhagen_date(utc(2026, 12, 31, 22, 59, 59)) == ymd(2026, 12, 31));
    CHECK(copenhagen_date(utc(2026, 12, 31, 23, 0)) == ymd(2027, 1, 1));
    CHECK(copenhagen_date(utc(2026, 12, 31, 23, 30)) == ymd(2027, 1, 1));
    CHECK(copenhagen_date(utc(2027, 1, 1, 0, 0)) == ymd(2027, 1, 1));
    // Summer: UTC+2.
    CHECK(copenhagen_date(utc(2027, 6, 30, 21, 59, 59)) == ymd(2027, 6, 30));
    CHECK(copenhagen_date(utc(2027, 6, 30, 22, 0)) == ymd(2027, 7, 1));
    CHECK(copenhagen_date(utc(2027, 6, 30, 22, 30)) == ymd(2027, 7, 1));
    CHECK(copenhagen_date(utc(2027, 6, 30, 12, 0)) == ymd(2027, 6, 30));
    // Summer time begins Sunday 28 March 2027 at 01:00 UTC.
    CHECK(copenhagen_date(utc(2027, 3, 27, 22, 59)) == ymd(2027, 3, 27));  // 23:59 CET
    CHECK(copenhagen_date(utc(2027, 3, 27, 23, 0)) == ymd(2027, 3, 28));   // 00:00 CET
    CHECK(copenhagen_date(utc(2027, 3, 28, 21, 59)) == ymd(2027, 3, 28));  // 23:59 CEST
    CHECK(copenhagen_date(utc(2027, 3, 28, 22, 0)) == ymd(2027, 3, 29));   // 00:00 CEST
    // Summer time ends Sunday 31 October 2027 at 01:00 UTC.
    CHECK(copenhagen_date(utc(2027, 10, 30, 21, 59)) == ymd(2027, 10, 30));  // 23:59 CEST
    CHECK(copenhagen_date(utc(2027, 10, 30, 22, 0)) == ymd(2027, 10, 31));   // 00:00 CEST
    CHECK(copenhagen_date(utc(2027, 10, 31, 22, 59)) == ymd(2027, 10, 31));  // 23:59 CET
    CHECK(copenhagen_date(utc(2027, 10, 31, 23, 0)) == ymd(2027, 11, 1));    // 00:00 CET
    // Far from today: the rules are the same up to max_year.
    CHECK(copenhagen_date(utc(2100, 6, 30, 22, 30)) == ymd(2100, 7, 1));
    CHECK(copenhagen_date(utc(2199, 12, 31, 23, 30)) == ymd(2200, 1, 1));
    CHECK(copenhagen_date(utc(1970, 1, 1, 0, 0)) == ymd(1970, 1, 1));
    // Last Sunday of March/October in other years (2026: 29 March, 25 October).
    CHECK(copenhagen_date(utc(2026, 3, 28, 22, 30)) == ymd(2026, 3, 28));    // Saturday, still CET
    CHECK(copenhagen_date(utc(2026, 3, 29, 22, 30)) == ymd(2026, 3, 30));    // CEST
    CHECK(copenhagen_date(utc(2026, 10, 24, 22, 30)) == ymd(2026, 10, 25));  // CEST
    CHECK(copenhagen_date(utc(2026, 10, 25, 22, 30)) == ymd(2026, 10, 25));  // CET again
    // Every hour of 2027: the Copenhagen date is the UTC date shifted by one hour in winter and
    // two in summer (last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC).
    const pt::ptime dst_start = utc(2027, 3, 28, 1, 0);
    const pt::ptime dst_end = utc(2027, 10, 31, 1, 0);
    for (pt::ptime t = utc(2027, 1, 1, 0, 0); t < utc(2028, 1, 1, 0, 0); t += pt::minutes(30)) {
        const bool summer = t >= dst_start && t < dst_end;
        const Date expected = (t + pt::hours(summer ? 2 : 1)).date();
        if (copenhagen_date(t) != expected) {
            FAIL_CHECK("copenhagen_date(" << pt::to_iso_extended_string(t)
                                          << "Z) = " << tilsyn::iso(copenhagen_date(t))
                                          << ", expected " << tilsyn::iso(expected));
        }
    }
}

TEST_CASE("dates: copenhagen_date_of reads the log's recorded_at") {
    using tilsyn::copenhagen_date_of;
    CHECK(copenhagen_date_of("2027-03-15T08:30:00Z") == ymd(2027, 3, 15));
    CHECK(copenhagen_date_of("2027-03-15T22:59:59Z") == ymd(2027, 3, 15));
    CHECK(copenhagen_date_of("2027-03-15T23:00:00Z") == ymd(2027, 3, 16));  // CET: 00:00
    CHECK(copenhagen_date_of("2027-06-30T22:00:00Z") == ymd(2027, 7, 1));   // CEST: 00:00
    CHECK(copenhagen_date_of("2026-12-31T23:30:00Z") == ymd(2027, 1, 1));
    CHECK_FALSE(copenhagen_date_of(""));
    CHECK_FALSE(copenhagen_date_of("2027-03-15"));
    CHECK_FALSE(copenhagen_date_of("2027-03-15T08:30:00"));
    CHECK_FALSE(copenhagen_date_of("2027-03-15 08:30:00Z"));
    CHECK_FALSE(copenhagen_date_of("2027-03-15T24:00:00Z"));
    CHECK_FALSE(copenhagen_date_of("2027-03-15T08:60:00Z"));
    CHECK_FALSE(copenhagen_date_of("2027-02-29T08:30:00Z"));
    CHECK_FALSE(copenhagen_date_of("2027-03-15T08-30-00Z"));
}
