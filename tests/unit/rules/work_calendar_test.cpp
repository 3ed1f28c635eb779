// Unit tests for src/rules/work_calendar.{h,cpp}: weekends, Danish public holidays and the policy's
// closing days, and the working-day queries the plan is built on.
//
// Calendar facts used below (checked against tests/data/dk_public_holidays_2000_2035.tsv):
//   2027: 1 Jan is a Friday; Easter Sunday 28 Mar (Skærtorsdag 25, Langfredag 26, 2. påskedag
//         29 Mar); Kristi himmelfart Thu 6 May; 2. pinsedag Mon 17 May; 24 and 31 Dec are
//         Fridays, 25 and 26 Dec a weekend.
//   2026: Easter 5 Apr (Skærtorsdag 2, Langfredag 3, 2. påskedag 6 Apr); 1 Apr is a Wednesday.
//   2021: Easter 4 Apr (Skærtorsdag 1 Apr, Langfredag 2 Apr, 2. påskedag 5 Apr).
//   2024: Easter 31 Mar (Skærtorsdag 28, Langfredag 29 Mar, 2. påskedag Mon 1 Apr).

#include <doctest/doctest.h>

#include "rules/policy.h"
#include "rules/work_calendar.h"
#include "test_support.h"

#include <string>
#include <vector>

namespace {

using tilsyn::ClosingDayRule;
using tilsyn::Date;
using tilsyn::WorkCalendar;

using tilsyn::test::ymd;

bool is_weekend(Date d) {
    return d.day_of_week() == boost::gregorian::Saturday ||
           d.day_of_week() == boost::gregorian::Sunday;
}

WorkCalendar default_calendar() {
    return WorkCalendar(tilsyn::Policy{}.closing_days);
}

}  // namespace

TEST_CASE("work_calendar: the policy's default closing days are 24 and 31 December") {
    const tilsyn::Policy p;
    REQUIRE(p.closing_days.size() == 2);
    CHECK_FALSE(p.closing_days[0].year.has_value());
    CHECK(p.closing_days[0].month == 12);
    CHECK(p.closing_days[0].day == 24);
    CHECK_FALSE(p.closing_days[1].year.has_value());
    CHECK(p.closing_days[1].month == 12);
    CHECK(p.closing_days[1].day == 31);

    const WorkCalendar with_defaults = default_calendar();
    const WorkCalendar holidays_only;
    CHECK_FALSE(with_defaults.is_working_day(ymd(2027, 12, 24)));  // Friday
    CHECK_FALSE(with_defaults.is_working_day(ymd(2027, 12, 31)));  // Friday
    CHECK(with_defaults.is_working_day(ymd(2027, 12, 23)));
    CHECK(with_defaults.is_working_day(ymd(2027, 12, 30)));
    CHECK(holidays_only.is_working_day(ymd(2027, 12, 24)));  // not a public holiday
    CHECK(holidays_only.is_working_day(ymd(2027, 12, 31)));
}

TEST_CASE("work_calendar: weekends are never working days") {
    const WorkCalendar cal = default_calendar();
    for (Date d = ymd(2026, 1, 1); d <= ymd(2028, 12, 31); d += boost::gregorian::days(1))
        if (is_weekend(d)) {
            INFO("date: " << tilsyn::iso(d));
            CHECK_FALSE(cal.is_working_day(d));
        }
    CHECK_FALSE(cal.is_working_day(ymd(2027, 1, 9)));   // Saturday
    CHECK_FALSE(cal.is_working_day(ymd(2027, 1, 10)));  // Sunday
    CHECK(cal.is_working_day(ymd(2027, 1, 8)));         // Friday
    CHECK(cal.is_working_day(ymd(2027, 1, 11)));        // Monday
}

TEST_CASE("work_calendar: public holidays on weekdays are not working days") {
    const WorkCalendar cal;
    for (const Date d : {ymd(2027, 1, 1), ymd(2027, 3, 25), ymd(2027, 3, 26), ymd(2027, 3, 29),
                         ymd(2027, 5, 6), ymd(2027, 5, 17), ymd(2026, 12, 25), ymd(2024, 4, 1)}) {
        INFO("date: " << tilsyn::iso(d));
        CHECK_FALSE(cal.is_working_day(d));
    }
    // Ordinary weekdays around them are working days; Grundlovsdag and 1 May are not public
    // holidays (only policy closing days if a municipality says so).
    for (const Date d : {ymd(2027, 3, 24), ymd(2027, 3, 30), ymd(2027, 5, 7), ymd(2027, 5, 18),
                         ymd(2026, 6, 5), ymd(2026, 5, 1), ymd(2023, 5, 8)}) {
        INFO("date: " << tilsyn::iso(d));
        CHECK(cal.is_working_day(d));
    }
    // Store bededag: a holiday in 2023 (Friday 5 May), abolished from 2024 (would be 26 April).
    CHECK_FALSE(cal.is_working_day(ymd(2023, 5, 5)));
    CHECK(cal.is_working_day(ymd(2024, 4, 26)));
}

TEST_CASE("work_calendar: an annual 02-29 closing day applies only in leap years") {
    const WorkCalendar cal({ClosingDayRule{std::nullopt, 2, 29, "Skuddag"}});
    CHECK_FALSE(cal.is_working_day(ymd(2028, 2, 29)));  // Tuesday
    CHECK_FALSE(cal.is_working_day(ymd(2024, 2, 29)));  // Thursday
    CHECK(cal.is_working_day(ymd(2028, 2, 28)));
    CHECK(cal.is_working_day(ymd(2028, 3, 1)));
    CHECK(cal.is_working_day(ymd(2027, 3, 1)));  // no 29 Feb in 2027: nothing moves to 1 Mar
    CHECK(cal.is_working_day(ymd(2027, 2, 26)));

    bool found = false;
    for (const auto& c : cal.closed_days(2028))
        if (c.date == ymd(2028, 2, 29)) {
            found = true;
            CHECK(c.name == "Skuddag");
            CHECK_FALSE(c.public_holiday);
        }
    CHECK(found);
    for (const auto& c : cal.closed_days(2027)) {
        INFO("closed: " << tilsyn::iso(c.date) << " " << c.name);
        CHECK(c.name != "Skuddag");
    }
    CHECK(cal.closed_days(2027).size() == 10);  // only the public holidays
}

TEST_CASE("work_calendar: a one-off closing day applies only in its year") {
    const WorkCalendar cal({ClosingDayRule{2027, 5, 7, "Fredag efter Kristi himmelfart"}});
    CHECK_FALSE(cal.is_working_day(ymd(2027, 5, 7)));  // Friday
    CHECK(cal.is_working_day(ymd(2026, 5, 7)));        // Thursday
    CHECK(cal.is_working_day(ymd(2029, 5, 7)));        // Monday
    std::size_t listed = 0;
    for (const auto& c : cal.closed_days(2027))
        if (c.name == "Fredag efter Kristi himmelfart") {
            ++listed;
            CHECK(c.date == ymd(2027, 5, 7));
        }
    CHECK(listed == 1);
    for (const auto& c : cal.closed_days(2026)) CHECK(c.name != "Fredag efter Kristi himmelfart");
}

TEST_CASE("work_calendar: first_working_day of periods that start on closing days") {
    const WorkCalendar cal = default_calendar();
    // January 2027: Nytårsdag (Friday), then a weekend.
    CHECK(cal.first_working_day(ymd(2027, 1, 1), ymd(2027, 1, 31)) == ymd(2027, 1, 4));
    // April 2021: Skærtorsdag, Langfredag, weekend, 2. påskedag, so Tuesday 6 April.
    CHECK(cal.first_working_day(ymd(2021, 4, 1), ymd(2021, 4, 30)) == ymd(2021, 4, 6));
    // April 2024 starts on 2. påskedag (Monday).
    CHECK(cal.first_working_day(ymd(2024, 4, 1), ymd(2024, 4, 30)) == ymd(2024, 4, 2));
    // April 2026: 1 April is a Wednesday before Skærtorsdag, so it is itself the first working day.
    CHECK(cal.first_working_day(ymd(2026, 4, 1), ymd(2026, 4, 30)) == ymd(2026, 4, 1));
    CHECK(cal.first_working_day(ymd(2026, 4, 2), ymd(2026, 4, 30)) == ymd(2026, 4, 7));
    // A working day as the start is returned as is.
    CHECK(cal.first_working_day(ymd(2027, 12, 1), ymd(2027, 12, 31)) == ymd(2027, 12, 1));
    // Across the year boundary: 31 Dec 2026 (closed), 1 Jan 2027 (holiday), weekend.
    CHECK(cal.first_working_day(ymd(2026, 12, 31), ymd(2027, 1, 10)) == ymd(2027, 1, 4));
}

TEST_CASE("work_calendar: last_working_day of periods that end on closing days") {
    const WorkCalendar cal = default_calendar();
    // December 2027 ends on Friday 31 December, a closing day.
    CHECK(cal.last_working_day(ymd(2027, 12, 1), ymd(2027, 12, 31)) == ymd(2027, 12, 30));
    // Without the policy's closing days, 31 December is an ordinary Friday.
    CHECK(WorkCalendar().last_working_day(ymd(2027, 12, 1), ymd(2027, 12, 31)) ==
          ymd(2027, 12, 31));
    // March 2024 ends with Skærtorsdag, Langfredag and a weekend.
    CHECK(cal.last_working_day(ymd(2024, 3, 1), ymd(2024, 3, 31)) == ymd(2024, 3, 27));
    // January 2027 ends on a Sunday.
    CHECK(cal.last_working_day(ymd(2027, 1, 1), ymd(2027, 1, 31)) == ymd(2027, 1, 29));
    // Q1 2027 ends on Wednesday 31 March, an ordinary working day.
    CHECK(cal.last_working_day(ymd(2027, 1, 1), ymd(2027, 3, 31)) == ymd(2027, 3, 31));
    // Across the year boundary.
    CHECK(cal.last_working_day(ymd(2027, 12, 20), ymd(2028, 1, 2)) == ymd(2027, 12, 30));
}

TEST_CASE("work_calendar: no working day in a range gives nullopt") {
    const WorkCalendar cal = default_calendar();
    // Friday 24 Dec 2027 (closed), then Juledag and 2. juledag on the weekend.
    CHECK_FALSE(cal.first_working_day(ymd(2027, 12, 24), ymd(2027, 12, 26)).has_value());
    CHECK_FALSE(cal.last_working_day(ymd(2027, 12, 24), ymd(2027, 12, 26)).has_value());
    CHECK_FALSE(cal.first_working_day(ymd(2027, 3, 25), ymd(2027, 3, 29)).has_value());  // Easter
    // An empty range (from after to).
    CHECK_FALSE(cal.first_working_day(ymd(2027, 1, 5), ymd(2027, 1, 4)).has_value());
    CHECK_FALSE(cal.last_working_day(ymd(2027, 1, 5), ymd(2027, 1, 4)).has_value());
    // A single working day.
    CHECK(cal.first_working_day(ymd(2027, 1, 4), ymd(2027, 1, 4)) == ymd(2027, 1, 4));
    CHECK(cal.last_working_day(ymd(2027, 1, 4), ymd(2027, 1, 4)) == ymd(2027, 1, 4));
}

TEST_CASE("work_calendar: working_days_before skips weekends and holidays, strictly before") {
    const WorkCalendar cal = default_calendar();
    CHECK(cal.working_days_before(ymd(2027, 1, 5), 1) == ymd(2027, 1, 4));
    CHECK(cal.working_days_before(ymd(2027, 1, 11), 1) == ymd(2027, 1, 8));  // Monday -> Friday
    CHECK(cal.working_days_before(ymd(2027, 1, 11), 5) == ymd(2027, 1, 4));
    // The sixth working day back crosses Nytårsdag and the closed 31 December 2026.
    CHECK(cal.working_days_before(ymd(2027, 1, 11), 6) == ymd(2026, 12, 30));
    // Tuesday after Easter 2027 -> Wednesday before Skærtorsdag.
    CHECK(cal.working_days_before(ymd(2027, 3, 30), 1) == ymd(2027, 3, 24));
    CHECK(cal.working_days_before(ymd(2027, 3, 30), 2) == ymd(2027, 3, 23));
    // Tuesday after Easter 2026: back over 2. påskedag, the weekend, Langfredag, Skærtorsdag.
    CHECK(cal.working_days_before(ymd(2026, 4, 7), 1) == ymd(2026, 4, 1));
    // From a closed day the count still starts the day before.
    CHECK(cal.working_days_before(ymd(2027, 1, 9), 1) == ymd(2027, 1, 8));
    // Monday 3 January 2028: back over the weekend and the closed Friday 31 December 2027.
    CHECK(cal.working_days_before(ymd(2028, 1, 3), 1) == ymd(2027, 12, 30));
}

TEST_CASE("work_calendar: 2027 has 253 working days with the default closing days") {
    // 2027 has 365 days starting and ending on a Friday: 52 full weeks (260 weekdays) plus one
    // extra Friday = 261 weekdays. Public holidays on weekdays: Nytårsdag (Fri), Skærtorsdag (Thu),
    // Langfredag (Fri), 2. påskedag (Mon), Kristi himmelfartsdag (Thu), 2. pinsedag (Mon) = 6;
    // Påskedag, Pinsedag (Sundays) and Juledag, 2. juledag (Sat/Sun) fall on weekends. The
    // policy closes Friday 24 and Friday 31 December: 261 - 6 - 2 = 253.
    const WorkCalendar cal = default_calendar();
    CHECK(cal.working_days_in(ymd(2027, 1, 1), ymd(2027, 12, 31)) == 253);
    CHECK(WorkCalendar().working_days_in(ymd(2027, 1, 1), ymd(2027, 12, 31)) == 255);

    // January 2027: 21 weekdays (Jan 1 Fri; 4 full weeks Mon 4 - Fri 29) minus Nytårsdag = 20.
    CHECK(cal.working_days_in(ymd(2027, 1, 1), ymd(2027, 1, 31)) == 20);
    // The same count by brute force from is_working_day.
    int n = 0;
    for (Date d = ymd(2027, 1, 1); d <= ymd(2027, 12, 31); d += boost::gregorian::days(1))
        n += cal.is_working_day(d) ? 1 : 0;
    CHECK(n == 253);
    CHECK(cal.working_days_in(ymd(2027, 1, 4), ymd(2027, 1, 4)) == 1);
    CHECK(cal.working_days_in(ymd(2027, 1, 1), ymd(2027, 1, 3)) == 0);
    CHECK(cal.working_days_in(ymd(2027, 1, 5), ymd(2027, 1, 4)) == 0);
}

TEST_CASE("work_calendar: closed_days lists holidays and policy days in date order") {
    const WorkCalendar cal = default_calendar();
    const auto days = cal.closed_days(2027);
    REQUIRE(days.size() == 12);  // 10 public holidays + 24 and 31 December
    for (std::size_t i = 1; i < days.size(); ++i) {
        INFO(tilsyn::iso(days[i - 1].date) << " then " << tilsyn::iso(days[i].date));
        CHECK(days[i - 1].date < days[i].date);
    }
    CHECK(days.front().date == ymd(2027, 1, 1));
    CHECK(days.front().name == "Nytårsdag");
    CHECK(days.front().public_holiday);
    // Juleaftensdag sits between 2. pinsedag and Juledag, not appended at the end.
    CHECK(days[7].date == ymd(2027, 5, 17));
    CHECK(days[8].date == ymd(2027, 12, 24));
    CHECK(days[8].name == "Juleaftensdag");
    CHECK_FALSE(days[8].public_holiday);
    CHECK(days[9].date == ymd(2027, 12, 25));
    CHECK(days[9].public_holiday);
    CHECK(days.back().date == ymd(2027, 12, 31));
    CHECK(days.back().name == "Nytårsaftensdag");
    // Holidays on weekends are listed so the user sees them.
    bool easter_sunday = false;
    for (const auto& c : days) easter_sunday = easter_sunday || c.date == ymd(2027, 3, 28);
    CHECK(easter_sunday);
    // Everything listed is closed.
    for (const auto& c : days) CHECK_FALSE(cal.is_working_day(c.date));
}

TEST_CASE("work_calendar: a policy day on a holiday is listed once with both names") {
    const WorkCalendar cal({ClosingDayRule{std::nullopt, 1, 1, "Nytårskur"},
                            ClosingDayRule{std::nullopt, 3, 20, "Personaledag"},
                            ClosingDayRule{2027, 5, 6, "Kristi himmelfartsdag"}});
    const auto days = cal.closed_days(2027);
    for (std::size_t i = 1; i < days.size(); ++i) CHECK(days[i - 1].date < days[i].date);

    std::size_t on_new_year = 0;
    for (const auto& c : days)
        if (c.date == ymd(2027, 1, 1)) {
            ++on_new_year;
            CHECK(c.name == "Nytårsdag / Nytårskur");
            CHECK(c.public_holiday);
        }
    CHECK(on_new_year == 1);

    // Same name as the holiday: not repeated.
    std::size_t on_ascension = 0;
    for (const auto& c : days)
        if (c.date == ymd(2027, 5, 6)) {
            ++on_ascension;
            CHECK(c.name == "Kristi himmelfartsdag");
            CHECK(c.public_holiday);
        }
    CHECK(on_ascension == 1);

    // A policy day on an ordinary Saturday (20 March 2027) is listed too, so the user sees it
    // (work_calendar.h: "including those that fall on a weekend"), as a closing day.
    std::size_t on_saturday = 0;
    for (const auto& c : days)
        if (c.date == ymd(2027, 3, 20)) {
            ++on_saturday;
            CHECK(c.name == "Personaledag");
            CHECK_FALSE(c.public_holiday);
        }
    CHECK(on_saturday == 1);
    CHECK(days.size() ==
          11);  // 10 public holidays (two of them merged with policy days) + 20 March
    CHECK_FALSE(cal.is_working_day(ymd(2027, 3, 20)));
    // In 2026, 20 March is a Friday: listed, and closed.
    bool listed_2026 = false;
    for (const auto& c : cal.closed_days(2026))
        if (c.date == ymd(2026, 3, 20)) {
            listed_2026 = true;
            CHECK(c.name == "Personaledag");
            CHECK_FALSE(c.public_holiday);
        }
    CHECK(listed_2026);
    CHECK_FALSE(cal.is_working_day(ymd(2026, 3, 20)));
}
