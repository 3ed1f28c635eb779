// Unit tests for src/log/registration.{h,cpp}: the day an entry was recorded, in Copenhagen,
// against the day its supervision was performed, counted in the policy's working days; late
// beyond register_within, never late when imported.
//
// Calendar facts used: Easter 2027 is 28 March (skærtorsdag 25 March, langfredag 26 March,
// 2. påskedag 29 March); summer time runs from 28 March to 31 October 2027.

#include <doctest/doctest.h>

#include "log/registration.h"
#include "test_support.h"

namespace {

using namespace tilsyn;
using tilsyn::test::ymd;

}  // namespace

TEST_CASE("registration: counted in working days after the day performed") {
    const WorkCalendar calendar;
    const RegistrationRule rule(calendar, 5);
    // Monday 2027-01-11: the same day is 0, Monday a week later is 5 (on the limit), Tuesday 6.
    auto same_day = rule.of("2027-01-11T15:00:00Z", ymd(2027, 1, 11), false);
    REQUIRE(same_day);
    CHECK(same_day->recorded == ymd(2027, 1, 11));
    CHECK(same_day->working_days == 0);
    CHECK(same_day->status == RegistrationStatus::timely);
    CHECK(rule.of("2027-01-18T08:00:00Z", ymd(2027, 1, 11), false)->working_days == 5);
    CHECK(rule.of("2027-01-18T08:00:00Z", ymd(2027, 1, 11), false)->status ==
          RegistrationStatus::timely);
    CHECK(rule.of("2027-01-19T08:00:00Z", ymd(2027, 1, 11), false)->working_days == 6);
    CHECK(rule.of("2027-01-19T08:00:00Z", ymd(2027, 1, 11), false)->status ==
          RegistrationStatus::late);
    // Recorded before the day performed (a log whose clock was pinned): 0, not negative.
    CHECK(rule.of("2026-12-01T09:00:00Z", ymd(2027, 1, 11), false)->working_days == 0);
}

TEST_CASE("registration: Easter and weekends are not working days") {
    const WorkCalendar calendar;
    const RegistrationRule rule(calendar, 0);
    // Wednesday 24 March to Tuesday 30 March 2027: only the Tuesday is a working day.
    const auto r = rule.of("2027-03-30T07:00:00Z", ymd(2027, 3, 24), false);
    REQUIRE(r);
    CHECK(r->working_days == 1);
    CHECK(r->status == RegistrationStatus::late);
    // The policy's closing days count too: with 24 December closed, Thursday 23 to Friday 24
    // December is no working day later.
    const WorkCalendar christmas_eve_closed({{std::nullopt, 12, 24, "Juleaftensdag"}});
    CHECK(RegistrationRule(christmas_eve_closed, 0)
              .of("2027-12-24T10:00:00Z", ymd(2027, 12, 23), false)
              ->working_days == 0);
    CHECK(rule.of("2027-12-24T10:00:00Z", ymd(2027, 12, 23), false)->working_days == 1);
}

TEST_CASE("registration: the recording day is the day in Copenhagen") {
    const WorkCalendar calendar;
    const RegistrationRule rule(calendar, 0);
    // 21:30 UTC on Monday 5 April 2027 is 23:30 in Copenhagen (summer time): the same day.
    CHECK(rule.of("2027-04-05T21:30:00Z", ymd(2027, 4, 5), false)->recorded == ymd(2027, 4, 5));
    CHECK(rule.of("2027-04-05T21:30:00Z", ymd(2027, 4, 5), false)->status ==
          RegistrationStatus::timely);
    // 22:30 UTC is 00:30 on Tuesday: one working day later, late with register_within = 0.
    CHECK(rule.of("2027-04-05T22:30:00Z", ymd(2027, 4, 5), false)->recorded == ymd(2027, 4, 6));
    CHECK(rule.of("2027-04-05T22:30:00Z", ymd(2027, 4, 5), false)->status ==
          RegistrationStatus::late);
    CHECK_FALSE(rule.of("2027-04-05", ymd(2027, 4, 5), false));
}

TEST_CASE("registration: an imported supervision is imported, never late") {
    const WorkCalendar calendar;
    const RegistrationRule rule(calendar, 5);
    const auto r = rule.of("2027-12-01T09:00:00Z", ymd(2027, 3, 15), true);
    REQUIRE(r);
    CHECK(r->status == RegistrationStatus::imported);
    CHECK(r->recorded == ymd(2027, 12, 1));
    CHECK_FALSE(r->working_days);
    CHECK(registration_name(RegistrationStatus::imported) == "imported");
    CHECK(registration_danish(RegistrationStatus::late) == "registreret sent");
}
