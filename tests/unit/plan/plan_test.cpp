// Unit tests for src/plan/plan.{h,cpp}: occurrences per cadence, working-day placement inside
// each period, plan order, and re-assessments taking effect from the next period start. Rules
// are built in code (plan_support.h).

#include <doctest/doctest.h>

#include "plan/plan_support.h"

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace {

using namespace tilsyn;
using namespace tilsyn::test;
namespace fs = std::filesystem;

}  // namespace

TEST_CASE(
    "plan: occurrences per cadence (monthly 12, quarterly 4, half-yearly 2, every 2 months 6, "
    "every 4 months 3, yearly 1)") {
    const Rules rules = sample_rules();
    const WorkCalendar cal = default_calendar();
    for (int year : {2027, 2028, 2029, 2032}) {
        INFO("year " << year);
        const Plan plan = tilsyn::test::plan_of(rules, cal, year, {});
        CHECK(plan.year == year);
        CHECK(of_area(plan, "jc-red").size() == 12);
        CHECK(of_area(plan, "yd-red").size() == 12);
        CHECK(of_area(plan, "jc-yellow").size() == 4);
        CHECK(of_area(plan, "jc-green").size() == 2);
        CHECK(of_area(plan, "yd-green").size() == 2);
        CHECK(of_area(plan, "jc-bimonthly").size() == 6);
        CHECK(of_area(plan, "jc-tertial").size() == 3);
        CHECK(of_area(plan, "jc-yearly").size() == 1);
        CHECK(plan.occurrences.size() == 12 + 12 + 4 + 2 + 2 + 6 + 3 + 1);
        CHECK(plan.changes.empty());
        check_periods_tile_year(plan, rules);
    }
    const Plan plan = tilsyn::test::plan_of(rules, cal, 2027, {});
    CHECK(codes(of_area(plan, "jc-yellow")) ==
          std::vector<std::string>{"2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"});
    CHECK(codes(of_area(plan, "jc-green")) == std::vector<std::string>{"2027-H1", "2027-H2"});
    CHECK(codes(of_area(plan, "jc-bimonthly")) == std::vector<std::string>{"2027-B1", "2027-B2",
                                                                           "2027-B3", "2027-B4",
                                                                           "2027-B5", "2027-B6"});
    CHECK(codes(of_area(plan, "jc-tertial")) ==
          std::vector<std::string>{"2027-T1", "2027-T2", "2027-T3"});
    CHECK(codes(of_area(plan, "jc-yearly")) == std::vector<std::string>{"2027-Y1"});
    const auto red = of_area(plan, "jc-red");
    REQUIRE(red.size() == 12);
    CHECK(red[0]->period_code() == "2027-M01");
    CHECK(red[2]->period_code() == "2027-M03");
    CHECK(red[2]->period_name() == "marts 2027");
    CHECK(red[11]->period_code() == "2027-M12");
    CHECK(of_area(plan, "jc-yellow")[0]->period_name() == "1. kvartal 2027");
}

TEST_CASE("plan: planned and due are working days inside their period, planned <= due") {
    // Assessed before every year below, so that each is planned whole.
    Rules rules = sample_rules();
    for (Center& c : rules.centers)
        for (Area& a : c.areas) a.assessments.front().date = ymd(2020, 1, 1);
    const WorkCalendar cal = default_calendar();
    const tilsyn::PlanningDays days(cal, rules.policy.blackout);
    for (int year : {2021, 2024, 2026, 2027})
        for (bool level : {false, true}) {
            const Plan plan = tilsyn::test::plan_of(rules, cal, year, {}, nullptr, level);
            CHECK(plan.leveled == level);
            for (const auto& o : plan.occurrences) {
                INFO(o.area->id << " " << o.period_code() << ": planned " << tilsyn::iso(o.planned)
                                << ", due " << tilsyn::iso(o.due) << (level ? " (leveled)" : ""));
                CHECK(o.year == year);
                CHECK(days.plannable(o.planned));  // no period here is wholly blacked out
                CHECK(cal.is_working_day(o.due));
                CHECK(o.period_start <= o.planned);
                CHECK(o.due <= o.period_end);
                CHECK(o.planned <= o.due);
                // Unleveled, planned is the first plannable day; due is always the last working
                // day.
                if (!level) CHECK(days.first_in(o.period_start, o.period_end) == o.planned);
                CHECK(cal.last_working_day(o.period_start, o.period_end) == o.due);
                CHECK(o.period_start == o.rating().cadence.period_start(year, o.slot));
                CHECK(o.period_end == o.rating().cadence.period_end(year, o.slot));
            }
        }
    // Known dates in 2027: January starts on Nytårsdag, a weekend and the blackout to 2 January;
    // December ends on the closed 31 December; the blackout from 22 December leaves the due date.
    const Plan plan = tilsyn::test::plan_of(rules, cal, 2027, {}, nullptr, false);
    const auto red = of_area(plan, "jc-red");
    CHECK(red.front()->planned == ymd(2027, 1, 4));
    CHECK(red.front()->due == ymd(2027, 1, 29));
    CHECK(red.back()->planned == ymd(2027, 12, 1));
    CHECK(red.back()->due == ymd(2027, 12, 30));
    // July 2027: ISO weeks 28-31 run 12 July to 8 August, so the first plannable day is 1 July.
    CHECK(red[6]->planned == ymd(2027, 7, 1));
    const auto yearly = of_area(plan, "jc-yearly");
    CHECK(yearly.front()->planned == ymd(2027, 1, 4));
    CHECK(yearly.front()->due == ymd(2027, 12, 30));
    // April 2021: Easter; the first working day is Tuesday 6 April.
    const Plan p2021 = tilsyn::test::plan_of(rules, cal, 2021, {}, nullptr, false);
    CHECK(of_area(p2021, "jc-yellow")[1]->planned == ymd(2021, 4, 6));
}

TEST_CASE("plan: occurrences are ordered by planned date, then register order") {
    const Rules rules = sample_rules();
    std::map<const Area*, std::pair<std::size_t, std::size_t>> order;
    for (std::size_t ci = 0; ci < rules.centers.size(); ++ci)
        for (std::size_t ai = 0; ai < rules.centers[ci].areas.size(); ++ai)
            order[&rules.centers[ci].areas[ai]] = {ci, ai};
    for (bool level : {false, true}) {
        const Plan plan =
            tilsyn::test::plan_of(rules, default_calendar(), 2027, {}, nullptr, level);
        for (std::size_t i = 1; i < plan.occurrences.size(); ++i) {
            const auto& a = plan.occurrences[i - 1];
            const auto& b = plan.occurrences[i];
            INFO(a.area->id << " " << tilsyn::iso(a.planned) << " then " << b.area->id << " "
                            << tilsyn::iso(b.planned));
            CHECK(a.planned <= b.planned);
            if (a.planned == b.planned) CHECK(order.at(a.area) < order.at(b.area));
        }
    }
    // Unleveled, on 4 January 2027 every area has its first supervision, in register order.
    const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {}, nullptr, false);
    std::vector<std::string> first_day;
    for (const auto& o : plan.occurrences)
        if (o.planned == ymd(2027, 1, 4)) first_day.push_back(o.area->id);
    CHECK(first_day == std::vector<std::string>{"jc-red", "jc-yellow", "jc-green", "jc-bimonthly",
                                                "jc-yearly", "jc-tertial", "yd-red", "yd-green"});
}

TEST_CASE("plan: areas lists every planned area and its run of rating steps, in register order") {
    Rules rules = sample_rules();
    // One area re-assessed during the year: two steps.
    rules.centers[0].areas[1].assessments.push_back(assessed(ymd(2027, 4, 1), Colour::red));
    for (const PlanFilter& filter : {PlanFilter{}, PlanFilter{{}, std::string("abk")}}) {
        const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, filter);
        std::vector<std::string> ids;
        std::size_t next_step = 0;
        for (const tilsyn::PlannedArea& pa : plan.areas) {
            ids.push_back(pa.area->id);
            CHECK(pa.first_step == next_step);  // the runs tile the steps
            CHECK(pa.step_count == pa.area->assessments.size());
            for (std::size_t s = pa.first_step; s < pa.first_step + pa.step_count; ++s)
                CHECK(plan.steps[s].assessment == &pa.area->assessments[s - pa.first_step]);
            CHECK(&pa.center->leader_of(*pa.area) == &pa.center->leaders[pa.area->leader]);
            next_step += pa.step_count;
        }
        CHECK(next_step == plan.steps.size());
        // Every occurrence's step lies in its own area's run.
        for (const Occurrence& o : plan.occurrences) {
            const auto pa =
                std::find_if(plan.areas.begin(), plan.areas.end(),
                             [&](const tilsyn::PlannedArea& x) { return x.area == o.area; });
            REQUIRE(pa != plan.areas.end());
            const auto s = static_cast<std::size_t>(o.step - plan.steps.data());
            CHECK(s >= pa->first_step);
            CHECK(s < pa->first_step + pa->step_count);
        }
        if (filter.leader)
            CHECK(ids == std::vector<std::string>{"jc-yellow", "jc-bimonthly", "jc-tertial"});
        else
            CHECK(ids == std::vector<std::string>{"jc-red", "jc-yellow", "jc-green", "jc-bimonthly",
                                                  "jc-yearly", "jc-tertial", "yd-red", "yd-green"});
    }
}

TEST_CASE("plan: two plans of the same rules are identical") {
    const Rules rules = sample_rules();
    const WorkCalendar cal = default_calendar();
    const Plan a = tilsyn::test::plan_of(rules, cal, 2027, {});
    const Plan b = tilsyn::test::plan_of(rules, cal, 2027, {});
    const WorkCalendar fresh = default_calendar();  // a calendar without cached years
    const Plan c = tilsyn::test::plan_of(rules, fresh, 2027, {});
    CHECK(rows(a) == rows(b));
    CHECK(rows(a) == rows(c));
    CHECK(a.changes.size() == b.changes.size());
}

TEST_CASE(
    "plan: a re-assessment red -> yellow effective 2027-04-01 gives 3 monthly + 3 quarterly") {
    const Rules rules = single_area_rules(
        {assessed(assessed_2026, Colour::red), assessed(ymd(2027, 4, 1), Colour::yellow)});
    const Area& a = rules.centers[0].areas[0];
    const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {});
    const auto os = of_area(plan, "a");
    CHECK(codes(os) == std::vector<std::string>{"2027-M01", "2027-M02", "2027-M03", "2027-Q2",
                                                "2027-Q3", "2027-Q4"});
    REQUIRE(os.size() == 6);
    for (std::size_t i = 0; i < 3; ++i) {
        CHECK(os[i]->rating().colour == Colour::red);
        CHECK(os[i]->rating().cadence == Cadence::every(1));
        CHECK(os[i]->step->assessment == &a.assessments[0]);
    }
    for (std::size_t i = 3; i < 6; ++i) {
        CHECK(os[i]->rating().colour == Colour::yellow);
        CHECK(os[i]->rating().cadence == Cadence::every(3));
        CHECK(os[i]->step->assessment == &a.assessments[1]);
    }
    CHECK(os[3]->period_start == ymd(2027, 4, 1));
    CHECK(os[3]->period_end == ymd(2027, 6, 30));
    check_periods_tile_year(plan, rules);

    REQUIRE(plan.changes.size() == 1);
    const auto& ch = plan.changes[0];
    CHECK(ch.area == &a);
    CHECK(ch.center == &rules.centers[0]);
    CHECK(ch.from == Colour::red);
    CHECK(ch.to == Colour::yellow);
    CHECK(ch.effective == ymd(2027, 4, 1));
    CHECK(ch.step->assessment == &a.assessments[1]);
    CHECK(ch.step->decision == nullptr);
}

TEST_CASE("plan: a change dated inside a monthly period takes effect from the next period start") {
    // Re-assessed to yellow on 10 February: February was already started as a red month.
    const Rules rules = single_area_rules(
        {assessed(assessed_2026, Colour::red), assessed(ymd(2027, 2, 10), Colour::yellow)});
    const Area& a = rules.centers[0].areas[0];
    const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {});
    const auto os = of_area(plan, "a");
    REQUIRE(os.size() >= 5);
    CHECK(os[0]->period_code() == "2027-M01");
    CHECK(os[1]->period_code() == "2027-M02");
    CHECK(os[1]->rating().colour == Colour::red);
    CHECK(os[1]->period_end == ymd(2027, 2, 28));
    CHECK(os[1]->step->assessment == &a.assessments[0]);
    for (const auto* o : os) {
        INFO(o->period_code() << " from " << tilsyn::iso(o->period_start));
        if (o->period_start < ymd(2027, 3, 1)) {
            CHECK(o->rating().colour == Colour::red);
        } else {
            CHECK(o->rating().colour == Colour::yellow);
            CHECK(o->step->assessment == &a.assessments[1]);
        }
        CHECK(o->period_start <= o->planned);
        CHECK(o->due <= o->period_end);
    }
    // The quarters after the change are whole.
    const auto n = os.size();
    CHECK(os[n - 3]->period_code() == "2027-Q2");
    CHECK(os[n - 2]->period_code() == "2027-Q3");
    CHECK(os[n - 1]->period_code() == "2027-Q4");
    check_periods_tile_year(plan, rules);

    REQUIRE(plan.changes.size() == 1);
    CHECK(plan.changes[0].from == Colour::red);
    CHECK(plan.changes[0].to == Colour::yellow);
    CHECK(plan.changes[0].effective == ymd(2027, 3, 1));
    CHECK(plan.changes[0].step->assessment == &a.assessments[1]);
}

TEST_CASE("plan: a raise acts from the next month, cutting the running period short") {
    // Yellow (quarterly) re-assessed red on 10 February: Q1 ends on 28 February (same code and
    // UID, named by its months), monthly from March.
    const Rules rules = single_area_rules(
        {assessed(assessed_2026, Colour::yellow), assessed(ymd(2027, 2, 10), Colour::red)});
    const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {});
    const auto os = of_area(plan, "a");
    CHECK(codes(os) == std::vector<std::string>{"2027-Q1", "2027-M03", "2027-M04", "2027-M05",
                                                "2027-M06", "2027-M07", "2027-M08", "2027-M09",
                                                "2027-M10", "2027-M11", "2027-M12"});
    REQUIRE_FALSE(os.empty());
    CHECK(os[0]->rating().colour == Colour::yellow);
    CHECK(os[0]->period_end == ymd(2027, 2, 28));
    CHECK(os[0]->due == ymd(2027, 2, 26));  // 28 February 2027 is a Sunday
    CHECK(os[0]->period_name() == "januar-februar 2027");
    CHECK(os[0]->uid("x") == "a-2027-Q1@x");
    REQUIRE(plan.changes.size() == 1);
    CHECK(plan.changes[0].from == Colour::yellow);
    CHECK(plan.changes[0].to == Colour::red);
    CHECK(plan.changes[0].effective == ymd(2027, 3, 1));
}

TEST_CASE("plan: a raise on a month's first day acts that day; in the last month, next period") {
    SUBCASE("on 1 February: Q1 is January") {
        const Rules rules = single_area_rules(
            {assessed(assessed_2026, Colour::yellow), assessed(ymd(2027, 2, 1), Colour::red)});
        const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {});
        const auto os = of_area(plan, "a");
        REQUIRE(os.size() == 12);
        CHECK(os[0]->period_code() == "2027-Q1");
        CHECK(os[0]->period_end == ymd(2027, 1, 31));
        CHECK(os[0]->period_name() == "januar 2027");
        CHECK(os[1]->period_code() == "2027-M02");
    }
    SUBCASE("on 20 March: Q1 whole, monthly from April") {
        const Rules rules = single_area_rules(
            {assessed(assessed_2026, Colour::yellow), assessed(ymd(2027, 3, 20), Colour::red)});
        const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {});
        const auto os = of_area(plan, "a");
        REQUIRE(os.size() == 10);
        CHECK(os[0]->period_end == ymd(2027, 3, 31));
        CHECK(os[0]->period_name() == "1. kvartal 2027");
    }
}

TEST_CASE("plan: a lowering waits for the period's end, then a short period to the boundary") {
    // Red lowered to yellow on 9 April: April stays monthly, then May-June as the rest of Q2.
    const Rules rules = single_area_rules(
        {assessed(assessed_2026, Colour::red), assessed(ymd(2027, 4, 9), Colour::yellow)});
    const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {});
    const auto os = of_area(plan, "a");
    CHECK(codes(os) == std::vector<std::string>{"2027-M01", "2027-M02", "2027-M03", "2027-M04",
                                                "2027-Q2", "2027-Q3", "2027-Q4"});
    REQUIRE(os.size() == 7);
    CHECK(os[4]->period_start == ymd(2027, 5, 1));
    CHECK(os[4]->period_name() == "maj-juni 2027");
    CHECK(os[5]->period_name() == "3. kvartal 2027");
}

TEST_CASE("plan: a quarter begun again in the year gets a code of its own") {
    // Yellow, raised to red on 10 January (Q1 is January), lowered on 5 February: after
    // February the rest of Q1 (March) is a second Q1 occurrence.
    const Rules rules = single_area_rules({assessed(assessed_2026, Colour::yellow),
                                           assessed(ymd(2027, 1, 10), Colour::red),
                                           assessed(ymd(2027, 2, 5), Colour::yellow)});
    const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {});
    CHECK(codes(of_area(plan, "a")) == std::vector<std::string>{"2027-Q1", "2027-M02", "2027-Q1-2",
                                                                "2027-Q2", "2027-Q3", "2027-Q4"});
    std::set<std::string> uids;
    for (const Occurrence* o : of_area(plan, "a")) uids.insert(o->uid("x"));
    CHECK(uids.size() == 6);
}

TEST_CASE("plan: assessments outside the year, and a first assessment dated later") {
    SUBCASE("a change in the previous year is no change within the plan's year") {
        const Rules rules = single_area_rules(
            {assessed(ymd(2025, 1, 10), Colour::green), assessed(assessed_2026, Colour::red)});
        const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {});
        CHECK(of_area(plan, "a").size() == 12);
        CHECK(plan.changes.empty());
    }
    SUBCASE("nothing is planned before the first assessment") {
        const Rules rules = single_area_rules({assessed(ymd(2027, 6, 15), Colour::yellow)});
        const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {});
        CHECK(codes(of_area(plan, "a")) == std::vector<std::string>{"2027-Q3", "2027-Q4"});
        CHECK(plan.changes.empty());
        CHECK(of_area(tilsyn::test::plan_of(rules, default_calendar(), 2026, {}), "a").empty());
    }
    SUBCASE("a change dated in the next year does not affect this year") {
        const Rules rules = single_area_rules(
            {assessed(assessed_2026, Colour::yellow), assessed(ymd(2028, 1, 1), Colour::red)});
        const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {});
        CHECK(of_area(plan, "a").size() == 4);
        CHECK(plan.changes.empty());
        const Plan next = tilsyn::test::plan_of(rules, default_calendar(), 2028, {});
        CHECK(of_area(next, "a").size() == 12);
        CHECK(next.changes.empty());  // colour changes are within a year, between its periods
    }
}

TEST_CASE(
    "plan: an area starts with the first period that begins on or after its first assessment") {
    // The case: first assessed on Monday 16 June 2025, red (monthly).
    Rules rules = single_area_rules({assessed(ymd(2025, 6, 16), Colour::red)});
    const WorkCalendar cal = default_calendar();
    CHECK(tilsyn::test::plan_of(rules, cal, 2024, {}).occurrences.empty());
    SUBCASE("by default, from the next period") {
        const Plan plan = tilsyn::test::plan_of(rules, cal, 2025, {});
        const auto months = of_area(plan, "a");
        REQUIRE(months.size() == 6);
        CHECK(months.front()->period_code() == "2025-M07");
        CHECK(months.front()->period_start == ymd(2025, 7, 1));
    }
    SUBCASE("opted in: the running period, from the assessment's day, when enough days remain") {
        rules.policy.start.running_period = true;
        // 16-30 June 2025: 11 working days.
        rules.policy.start.min_working_days = 11;
        const Plan plan = tilsyn::test::plan_of(rules, cal, 2025, {});
        const auto months = of_area(plan, "a");
        REQUIRE(months.size() == 7);
        const Occurrence& june = *months.front();
        CHECK(june.period_code() == "2025-M06");
        CHECK(june.period_start == ymd(2025, 6, 16));
        CHECK(june.period_end == ymd(2025, 6, 30));
        CHECK(june.planned >= ymd(2025, 6, 16));
        CHECK(june.uid("x") == "a-2025-M06@x");
        rules.policy.start.min_working_days = 12;
        CHECK(of_area(tilsyn::test::plan_of(rules, cal, 2025, {}), "a").size() == 6);
    }
    SUBCASE("an assessment on a period's first day starts that period") {
        const Rules first_day = single_area_rules({assessed(ymd(2025, 7, 1), Colour::yellow)});
        const Plan plan = tilsyn::test::plan_of(first_day, cal, 2025, {});
        CHECK(codes(of_area(plan, "a")) == std::vector<std::string>{"2025-Q3", "2025-Q4"});
    }
}

TEST_CASE("plan: require_planned_year names the earliest assessment of a year before them all") {
    const Rules rules = single_area_rules({assessed(ymd(2025, 6, 16), Colour::red)});
    CHECK_NOTHROW(require_planned_year(rules, {}, 2025));
    CHECK_NOTHROW(require_planned_year(rules, {}, 2030));
    try {
        require_planned_year(rules, {}, 2024);
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()).find("there is no plan for 2024: the earliest assessment in "
                                         "the register is dated 2025-06-16") == 0);
    }
}

TEST_CASE("plan: nothing is planned from a closed area's closing day on") {
    Rules rules = single_area_rules({assessed(assessed_2026, Colour::yellow)});
    Area& area = rules.centers[0].areas[0];
    const WorkCalendar cal = default_calendar();
    SUBCASE("closed inside a period: the period ends the day before, same UID") {
        area.closed = Closure{ymd(2027, 5, 15), "Flyttet"};
        const Plan plan = tilsyn::test::plan_of(rules, cal, 2027, {});
        const auto quarters = of_area(plan, "a");
        REQUIRE(codes(quarters) == std::vector<std::string>{"2027-Q1", "2027-Q2"});
        CHECK(quarters[1]->period_end == ymd(2027, 5, 14));
        CHECK(quarters[1]->due == ymd(2027, 5, 14));  // a Friday
        CHECK(quarters[1]->planned <= ymd(2027, 5, 14));
        CHECK(quarters[1]->uid("x") == "a-2027-Q2@x");
        CHECK(tilsyn::test::plan_of(rules, cal, 2028, {}).occurrences.empty());
    }
    SUBCASE("closed on a period's first day: the previous period is the last") {
        area.closed = Closure{ymd(2027, 4, 1), "Flyttet"};
        const Plan plan = tilsyn::test::plan_of(rules, cal, 2027, {});
        CHECK(codes(of_area(plan, "a")) == std::vector<std::string>{"2027-Q1"});
    }
    SUBCASE("closed with no working day left in the period it cuts: that period is dropped") {
        // 1 January 2028 is Nytårsdag and a Saturday, 2 January a Sunday.
        area.closed = Closure{ymd(2028, 1, 3), "Flyttet"};
        CHECK(tilsyn::test::plan_of(rules, cal, 2028, {}).occurrences.empty());
        CHECK(tilsyn::test::plan_of(rules, cal, 2027, {}).occurrences.size() == 4);
    }
}
