// Unit tests for src/plan.{h,cpp}: occurrences per cadence, working-day placement inside each
// period, re-assessments taking effect from the next period start, filters and UIDs. Rules are
// built in code; one test loads a small rules directory written to a temporary directory.

#include <doctest/doctest.h>

#include "large_rules.h"
#include "test_support.h"

#include "error.h"
#include "plan.h"
#include "planning_days.h"
#include "rules_loader.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace {

using tilsyn::test::TempDir;
using tilsyn::test::complete_utf8;

namespace fs = std::filesystem;
using tilsyn::Area;
using tilsyn::Assessment;
using tilsyn::Cadence;
using tilsyn::Center;
using tilsyn::Colour;
using tilsyn::Date;
using tilsyn::Occurrence;
using tilsyn::Plan;
using tilsyn::PlanFilter;
using tilsyn::Rules;
using tilsyn::WorkCalendar;

using tilsyn::test::ymd;

Assessment assessed(Date date, Colour c) {
    return tilsyn::test::assessed(date, c, "Vurdering " + tilsyn::iso(date));
}

Assessment with_cadence(Assessment a, Cadence c) {
    a.cadence_override = tilsyn::Override<Cadence>{c, "Fastsat af direktionen"};
    return a;
}

Area area(std::string id, std::size_t leader, std::vector<Assessment> assessments) {
    Area a;
    a.id = std::move(id);
    a.name = "Område " + a.id;
    a.leader = leader;
    a.focus = "Fokus";
    a.assessments = std::move(assessments);
    return a;
}

const Date assessed_2026 = ymd(2026, 10, 15);

// Two centers, three leaders, areas of every cadence.
Rules sample_rules() {
    Rules r;
    r.dir = "(built in code)";
    Center jc;
    jc.id = "jc";
    jc.name = "Center for Job og Social";
    jc.source = "jc.toml";
    jc.leaders = {{"mhl", "Mette Holm Larsen", "mhl@lejre.example", {}},
                  {"abk", "Anders Bo Kjær", "abk@lejre.example", {}}};
    jc.areas.push_back(area("jc-red", 0, {assessed(assessed_2026, Colour::red)}));
    jc.areas.push_back(area("jc-yellow", 1, {assessed(assessed_2026, Colour::yellow)}));
    jc.areas.push_back(area("jc-green", 0, {assessed(assessed_2026, Colour::green)}));
    jc.areas.push_back(
        area("jc-bimonthly", 1, {with_cadence(assessed(assessed_2026, Colour::red), Cadence::every(2))}));
    jc.areas.push_back(
        area("jc-yearly", 0, {with_cadence(assessed(assessed_2026, Colour::green), Cadence::every(12))}));
    jc.areas.push_back(
        area("jc-tertial", 1, {with_cadence(assessed(assessed_2026, Colour::yellow), Cadence::every(4))}));
    r.centers.push_back(std::move(jc));

    Center yd;
    yd.id = "ydelsen";
    yd.name = "Center for Ydelser";
    yd.source = "ydelsen.toml";
    yd.leaders = {{"pvj", "Peter Vinther Jensen", "pvj@lejre.example", {}}};
    yd.areas.push_back(area("yd-red", 0, {assessed(assessed_2026, Colour::red)}));
    yd.areas.push_back(area("yd-green", 0, {assessed(assessed_2026, Colour::green)}));
    r.centers.push_back(std::move(yd));
    return r;
}

// One center with one area.
Rules single_area_rules(std::vector<Assessment> assessments) {
    Rules r;
    r.dir = "(built in code)";
    Center c;
    c.id = "c";
    c.name = "Center";
    c.source = "c.toml";
    c.leaders = {{"l", "Leder", "l@lejre.example", {}}};
    c.areas.push_back(area("a", 0, std::move(assessments)));
    r.centers.push_back(std::move(c));
    return r;
}

WorkCalendar default_calendar() { return WorkCalendar(tilsyn::Policy{}.closing_days); }

std::vector<const Occurrence*> of_area(const Plan& plan, std::string_view id) {
    std::vector<const Occurrence*> out;
    for (const auto& o : plan.occurrences)
        if (o.area->id == id) out.push_back(&o);
    std::sort(out.begin(), out.end(),
              [](const Occurrence* a, const Occurrence* b) { return a->period_start < b->period_start; });
    return out;
}

std::vector<std::string> codes(const std::vector<const Occurrence*>& os) {
    std::vector<std::string> out;
    for (const auto* o : os) out.push_back(o->period_code());
    return out;
}

// Every area's periods follow each other without gaps or overlaps and cover the year.
void check_periods_tile_year(const Plan& plan, const Rules& rules) {
    for (const auto& c : rules.centers)
        for (const auto& a : c.areas) {
            const auto os = of_area(plan, a.id);
            if (os.empty()) continue;
            INFO("area " << a.id);
            Date expected = ymd(plan.year, 1, 1);
            for (const auto* o : os) {
                CHECK(o->period_start == expected);
                CHECK(o->period_end >= o->period_start);
                expected = o->period_end + boost::gregorian::days(1);
            }
            CHECK(expected == ymd(plan.year + 1, 1, 1));
        }
}

using Row = std::tuple<std::string, std::string, Date, Date, Date, Date, int, int, std::string>;
std::vector<Row> rows(const Plan& plan) {
    std::vector<Row> out;
    for (const auto& o : plan.occurrences)
        out.emplace_back(o.center->id, o.area->id, o.period_start, o.period_end, o.planned, o.due,
                         static_cast<int>(o.rating().colour), o.rating().cadence.months(),
                         o.uid("tilsyn.invalid"));
    return out;
}


}  // namespace

TEST_CASE("plan: occurrences per cadence (monthly 12, quarterly 4, half-yearly 2, every 2 months 6, every 4 months 3, yearly 1)") {
    const Rules rules = sample_rules();
    const WorkCalendar cal = default_calendar();
    for (int year : {2024, 2026, 2027, 2028}) {
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
    CHECK(codes(of_area(plan, "jc-yellow")) == std::vector<std::string>{"2027-Q1", "2027-Q2", "2027-Q3", "2027-Q4"});
    CHECK(codes(of_area(plan, "jc-green")) == std::vector<std::string>{"2027-H1", "2027-H2"});
    CHECK(codes(of_area(plan, "jc-bimonthly")) ==
          std::vector<std::string>{"2027-B1", "2027-B2", "2027-B3", "2027-B4", "2027-B5", "2027-B6"});
    CHECK(codes(of_area(plan, "jc-tertial")) == std::vector<std::string>{"2027-T1", "2027-T2", "2027-T3"});
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
    const Rules rules = sample_rules();
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
                // Unleveled, planned is the first plannable day; due is always the last working day.
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
        const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {}, nullptr, level);
        for (std::size_t i = 1; i < plan.occurrences.size(); ++i) {
            const auto& a = plan.occurrences[i - 1];
            const auto& b = plan.occurrences[i];
            INFO(a.area->id << " " << tilsyn::iso(a.planned) << " then " << b.area->id << " " << tilsyn::iso(b.planned));
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
            const auto pa = std::find_if(plan.areas.begin(), plan.areas.end(),
                                         [&](const tilsyn::PlannedArea& x) { return x.area == o.area; });
            REQUIRE(pa != plan.areas.end());
            const auto s = static_cast<std::size_t>(o.step - plan.steps.data());
            CHECK(s >= pa->first_step);
            CHECK(s < pa->first_step + pa->step_count);
        }
        if (filter.leader)
            CHECK(ids == std::vector<std::string>{"jc-yellow", "jc-bimonthly", "jc-tertial"});
        else
            CHECK(ids == std::vector<std::string>{"jc-red", "jc-yellow", "jc-green", "jc-bimonthly", "jc-yearly",
                                                  "jc-tertial", "yd-red", "yd-green"});
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

TEST_CASE("plan: a re-assessment red -> yellow effective 2027-04-01 gives 3 monthly + 3 quarterly") {
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

TEST_CASE("plan: a change dated inside a quarter waits for the next quarter") {
    // Yellow (quarterly) re-assessed red on 10 February: Q1 stays yellow, monthly from April.
    const Rules rules = single_area_rules(
        {assessed(assessed_2026, Colour::yellow), assessed(ymd(2027, 2, 10), Colour::red)});
    const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {});
    const auto os = of_area(plan, "a");
    CHECK(codes(os) == std::vector<std::string>{"2027-Q1", "2027-M04", "2027-M05", "2027-M06",
                                                "2027-M07", "2027-M08", "2027-M09", "2027-M10",
                                                "2027-M11", "2027-M12"});
    REQUIRE_FALSE(os.empty());
    CHECK(os[0]->rating().colour == Colour::yellow);
    CHECK(os[0]->period_end == ymd(2027, 3, 31));
    CHECK(os[0]->due == ymd(2027, 3, 31));
    check_periods_tile_year(plan, rules);
    REQUIRE(plan.changes.size() == 1);
    CHECK(plan.changes[0].from == Colour::yellow);
    CHECK(plan.changes[0].to == Colour::red);
    CHECK(plan.changes[0].effective == ymd(2027, 4, 1));
}

TEST_CASE("plan: assessments outside the year, and a first assessment dated later") {
    SUBCASE("a change in the previous year is no change within the plan's year") {
        const Rules rules = single_area_rules(
            {assessed(ymd(2025, 1, 10), Colour::green), assessed(assessed_2026, Colour::red)});
        const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {});
        CHECK(of_area(plan, "a").size() == 12);
        CHECK(plan.changes.empty());
    }
    SUBCASE("before the first assessment, the first one applies") {
        const Rules rules = single_area_rules({assessed(ymd(2027, 6, 15), Colour::yellow)});
        const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {});
        CHECK(of_area(plan, "a").size() == 4);
        CHECK(plan.changes.empty());
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

TEST_CASE("plan: filter by center id or name") {
    const Rules rules = sample_rules();
    const WorkCalendar cal = default_calendar();
    for (const char* key : {"jc", "Center for Job og Social"}) {
        INFO("center filter: " << key);
        PlanFilter f;
        f.center = key;
        const Plan plan = tilsyn::test::plan_of(rules, cal, 2027, f);
        CHECK(plan.filter.center == std::optional<std::string>(key));
        CHECK(plan.occurrences.size() == 12 + 4 + 2 + 6 + 1 + 3);
        for (const auto& o : plan.occurrences) CHECK(o.center->id == "jc");
        const auto selected = tilsyn::selected_centers(rules, f);
        REQUIRE(selected.size() == 1);
        CHECK(selected[0] == &rules.centers[0]);
    }
    PlanFilter f;
    f.center = "ydelsen";
    const Plan plan = tilsyn::test::plan_of(rules, cal, 2027, f);
    CHECK(plan.occurrences.size() == 12 + 2);
    for (const auto& o : plan.occurrences) CHECK(o.center->id == "ydelsen");
    CHECK(tilsyn::selected_centers(rules, {}).size() == 2);
}

TEST_CASE("plan: filter by leader id, name or e-mail") {
    const Rules rules = sample_rules();
    const WorkCalendar cal = default_calendar();
    for (const char* key : {"mhl", "Mette Holm Larsen", "mhl@lejre.example"}) {
        INFO("leader filter: " << key);
        PlanFilter f;
        f.leader = key;
        const Plan plan = tilsyn::test::plan_of(rules, cal, 2027, f);
        std::set<std::string> areas;
        for (const auto& o : plan.occurrences) {
            areas.insert(o.area->id);
            CHECK(o.leader().id == "mhl");
        }
        CHECK(areas == std::set<std::string>{"jc-red", "jc-green", "jc-yearly"});
        CHECK(plan.occurrences.size() == 12 + 2 + 1);
    }
    PlanFilter both;
    both.center = "jc";
    both.leader = "abk";
    const Plan plan = tilsyn::test::plan_of(rules, cal, 2027, both);
    CHECK(plan.occurrences.size() == 4 + 6 + 3);
    for (const auto& o : plan.occurrences) CHECK(o.leader().id == "abk");
}

TEST_CASE("plan: filters that match nothing throw InputError") {
    const Rules rules = sample_rules();
    const WorkCalendar cal = default_calendar();
    PlanFilter no_center;
    no_center.center = "nowhere";
    CHECK_THROWS_AS(tilsyn::test::plan_of(rules, cal, 2027, no_center), tilsyn::InputError);
    CHECK_THROWS_AS(tilsyn::selected_centers(rules, no_center), tilsyn::InputError);
    try {
        tilsyn::test::plan_of(rules, cal, 2027, no_center);
    } catch (const tilsyn::InputError& e) {
        const std::string what = e.what();
        INFO("message: " << what);
        CHECK(what.find("nowhere") != std::string::npos);
        CHECK(what.find("jc") != std::string::npos);  // names the known centers
        CHECK(e.code() == tilsyn::ExitCode::bad_input);
    }

    PlanFilter no_leader;
    no_leader.leader = "nobody";
    CHECK_THROWS_AS(tilsyn::test::plan_of(rules, cal, 2027, no_leader), tilsyn::InputError);

    // The leader exists, but in another center.
    PlanFilter elsewhere;
    elsewhere.center = "ydelsen";
    elsewhere.leader = "mhl";
    CHECK_THROWS_AS(tilsyn::test::plan_of(rules, cal, 2027, elsewhere), tilsyn::InputError);

    // Filters are exact: case and partial names do not match.
    PlanFilter partial;
    partial.center = "JC";
    CHECK_THROWS_AS(tilsyn::test::plan_of(rules, cal, 2027, partial), tilsyn::InputError);
}

TEST_CASE("plan: a period without any working day throws InputError") {
    std::vector<tilsyn::ClosingDayRule> closed;
    for (int d = 1; d <= 28; ++d) closed.push_back({2027, 2, d, "Lukket"});
    const WorkCalendar cal(closed);
    const Rules monthly = single_area_rules({assessed(assessed_2026, Colour::red)});
    CHECK_THROWS_AS(tilsyn::test::plan_of(monthly, cal, 2027, {}), tilsyn::InputError);
    // A quarterly area still has working days in Q1.
    const Rules quarterly = single_area_rules({assessed(assessed_2026, Colour::yellow)});
    const Plan plan = tilsyn::test::plan_of(quarterly, cal, 2027, {});
    CHECK(of_area(plan, "a").size() == 4);
    // And the other years are unaffected by a one-off rule.
    CHECK(of_area(tilsyn::test::plan_of(monthly, cal, 2026, {}), "a").size() == 12);
}

TEST_CASE("plan: UIDs are unique and depend on area, year and slot, not on the date") {
    const Rules rules = sample_rules();
    const Plan plan = tilsyn::test::plan_of(rules, default_calendar(), 2027, {});
    std::set<std::string> uids;
    for (const auto& o : plan.occurrences) {
        const std::string uid = o.uid("tilsyn.lejre.example");
        CHECK(uid == o.area->id + "-" + o.period_code() + "@tilsyn.lejre.example");
        uids.insert(uid);
    }
    CHECK(uids.size() == plan.occurrences.size());
    const auto red = of_area(plan, "jc-red");
    CHECK(red[2]->uid("tilsyn.invalid") == "jc-red-2027-M03@tilsyn.invalid");
    CHECK(of_area(plan, "jc-yellow")[0]->uid("d") == "jc-yellow-2027-Q1@d");

    // An extra closing day moves March's planned date but keeps every UID.
    const WorkCalendar moved(std::vector<tilsyn::ClosingDayRule>{
        {std::nullopt, 12, 24, "Juleaftensdag"}, {std::nullopt, 12, 31, "Nytårsaftensdag"},
        {2027, 3, 1, "Personaledag"}});
    const Plan other = tilsyn::test::plan_of(rules, moved, 2027, {});
    std::map<std::string, Date> planned_before, planned_after;
    for (const auto& o : plan.occurrences) planned_before[o.uid("d")] = o.planned;
    for (const auto& o : other.occurrences) planned_after[o.uid("d")] = o.planned;
    REQUIRE(planned_before.size() == planned_after.size());
    for (const auto& [uid, date] : planned_before) {
        INFO("uid " << uid);
        REQUIRE(planned_after.count(uid) == 1);
    }
    CHECK(planned_before.at("jc-red-2027-M03@d") == ymd(2027, 3, 1));
    CHECK(planned_after.at("jc-red-2027-M03@d") == ymd(2027, 3, 2));

    // Another year gives other UIDs.
    const Plan next = tilsyn::test::plan_of(rules, default_calendar(), 2028, {});
    for (const auto& o : next.occurrences) CHECK(uids.count(o.uid("tilsyn.lejre.example")) == 0);

    // With re-assessments, UIDs are still unique within the year.
    const Rules changing = single_area_rules({assessed(assessed_2026, Colour::red),
                                              assessed(ymd(2027, 2, 10), Colour::yellow),
                                              assessed(ymd(2027, 5, 20), Colour::red),
                                              assessed(ymd(2027, 8, 1), Colour::green)});
    const Plan cp = tilsyn::test::plan_of(changing, default_calendar(), 2027, {});
    std::set<std::string> cuids;
    for (const auto& o : cp.occurrences) cuids.insert(o.uid("d"));
    CHECK(cuids.size() == cp.occurrences.size());
    check_periods_tile_year(cp, changing);
}

TEST_CASE("plan: a rules directory loaded from disk") {
    TempDir dir;
    dir.write("policy.toml",
              "[cadence]\n"
              "red = \"every 2 months\"\n"
              "yellow = \"quarterly\"\n"
              "green = \"yearly\"\n"
              "[closing_days]\n"
              "\"12-24\" = \"Juleaftensdag\"\n"
              "\"2027-03-01\" = \"Personaledag\"\n"
              "[ics]\n"
              "uid_domain = \"tilsyn.test.example\"\n");
    dir.write("b-center.toml",
              "id = \"bc\"\n"
              "name = \"Center B\"\n"
              "[[leaders]]\n"
              "id = \"lb\"\n"
              "name = \"Leder B\"\n"
              "email = \"lb@lejre.example\"\n"
              "[[areas]]\n"
              "id = \"bc-one\"\n"
              "name = \"Område én\"\n"
              "kind = \"ydelsestype\"\n"
              "leader = \"lb\"\n"
              "focus = \"Alt\"\n"
              "  [[areas.assessments]]\n"
              "  date = 2027-04-01\n"
              "  sagsbehandling = { likelihood = 1, consequence = 1 }\n"
              "  statsrefusion = { likelihood = 2, consequence = 3 }\n"
              "  reason = \"Gul\"\n"
              "  [[areas.assessments]]\n"
              "  date = 2026-10-15\n"
              "  sagsbehandling = { likelihood = 5, consequence = 5 }\n"
              "  statsrefusion = { likelihood = 1, consequence = 1 }\n"
              "  reason = \"Rød\"\n");
    dir.write("a-center.toml",
              "id = \"ac\"\n"
              "name = \"Center A\"\n"
              "[[leaders]]\n"
              "id = \"la\"\n"
              "name = \"Leder A\"\n"
              "email = \"la@lejre.example\"\n"
              "[[areas]]\n"
              "id = \"ac-one\"\n"
              "name = \"Område A\"\n"
              "kind = \"målgruppe\"\n"
              "leader = \"la\"\n"
              "focus = \"Alt\"\n"
              "  [[areas.assessments]]\n"
              "  date = 2026-10-15\n"
              "  sagsbehandling = { likelihood = 1, consequence = 1 }\n"
              "  statsrefusion = { likelihood = 1, consequence = 2 }\n"
              "  reason = \"Grøn\"\n");

    const Rules rules = tilsyn::load_rules(dir.path.string());
    REQUIRE(rules.centers.size() == 2);
    CHECK(rules.centers[0].id == "ac");  // file-name order
    CHECK(rules.centers[1].id == "bc");
    CHECK(rules.area_count() == 2);
    CHECK(rules.policy.uid_domain == "tilsyn.test.example");
    CHECK(rules.policy.cadence_of(Colour::red) == Cadence::every(2));
    CHECK(rules.policy.closing_days.size() == 2);  // replaces the defaults entirely
    const Area& b = rules.centers[1].areas[0];
    REQUIRE(b.assessments.size() == 2);
    CHECK(b.assessments[0].date == ymd(2026, 10, 15));  // sorted by date
    CHECK(b.assessments[1].date == ymd(2027, 4, 1));

    const WorkCalendar cal(rules.policy.closing_days);
    const Plan plan = tilsyn::test::plan_of(rules, cal, 2027, {});
    // ac-one: green, yearly; bc-one: red every 2 months Jan-Feb, Mar-Apr... then yellow from the
    // next period start after 2027-04-01, which is 1 May (the B2 period runs March-April).
    CHECK(codes(of_area(plan, "ac-one")) == std::vector<std::string>{"2027-Y1"});
    const auto bc = of_area(plan, "bc-one");
    REQUIRE(bc.size() >= 3);
    CHECK(bc[0]->period_code() == "2027-B1");
    CHECK(bc[1]->period_code() == "2027-B2");
    CHECK(bc[1]->planned == ymd(2027, 3, 2));  // 1 March is the policy's one-off closing day
    CHECK(bc[1]->rating().colour == Colour::red);
    CHECK(bc[2]->period_start == ymd(2027, 5, 1));
    CHECK(bc[2]->rating().colour == Colour::yellow);
    CHECK(bc.back()->period_code() == "2027-Q4");
    REQUIRE(plan.changes.size() == 1);
    CHECK(plan.changes[0].effective == ymd(2027, 5, 1));
    check_periods_tile_year(plan, rules);
    // 31 December is no longer closed: the yearly area is due on Friday 31 December.
    CHECK(of_area(plan, "ac-one")[0]->due == ymd(2027, 12, 31));
    CHECK(of_area(plan, "ac-one")[0]->uid(rules.policy.uid_domain) == "ac-one-2027-Y1@tilsyn.test.example");
}

TEST_CASE("plan: load_rules reports every repeated area id in register order, each against its first definition") {
    TempDir dir;
    // A register with one area per id, the area's id on line 8 + 11 * its position.
    auto center = [](const std::string& id, std::initializer_list<std::string> areas) {
        std::string text = "id = \"" + id + "\"\nname = \"Center " + id +
                           "\"\n[[leaders]]\nid = \"l\"\nname = \"Leder\"\nemail = \"l@lejre.example\"\n";
        for (const std::string& area : areas)
            text += "[[areas]]\nid = \"" + area +
                    "\"\nname = \"Område\"\nkind = \"målgruppe\"\nleader = \"l\"\nfocus = \"Alt\"\n"
                    "  [[areas.assessments]]\n  date = 2026-10-15\n"
                    "  sagsbehandling = { likelihood = 1, consequence = 1 }\n"
                    "  statsrefusion = { likelihood = 1, consequence = 1 }\n  reason = \"Grøn\"\n";
        return text;
    };
    dir.write("a.toml", center("a", {"x", "y"}));
    dir.write("b.toml", center("b", {"y", "w", "z"}));
    dir.write("c.toml", center("c", {"x", "z"}));
    const std::string a = (dir.path / "a.toml").string(), b = (dir.path / "b.toml").string(),
                      c = (dir.path / "c.toml").string();
    try {
        tilsyn::load_rules(dir.path.string());
        FAIL("repeated area ids were accepted");
    } catch (const tilsyn::RulesError& e) {
        std::vector<std::string> got;
        for (const auto& d : e.diagnostics())
            got.push_back(d.place.file + ":" + std::to_string(d.place.line) + ":" + std::to_string(d.place.column) +
                          ": " + d.message);
        CHECK(got == std::vector<std::string>{
                         b + ":8:6: duplicate area id \"y\" (first defined at " + a + ":19)",
                         c + ":8:6: duplicate area id \"x\" (first defined at " + a + ":8)",
                         c + ":19:6: duplicate area id \"z\" (first defined at " + b + ":30)",
                     });
    }
}

TEST_CASE("plan: load_rules reports a missing directory as InputError") {
    CHECK_THROWS_AS(tilsyn::load_rules("/nonexistent/tilsyn/rules"), tilsyn::InputError);
}
