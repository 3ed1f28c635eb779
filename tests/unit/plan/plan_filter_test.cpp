// Unit tests for src/plan/plan.{h,cpp}: filters by center and leader, periods without a working
// day, UIDs, and a plan of a rules directory loaded from disk.

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
    CHECK(of_area(tilsyn::test::plan_of(monthly, cal, 2028, {}), "a").size() == 12);
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
    const WorkCalendar moved(
        std::vector<tilsyn::ClosingDayRule>{{std::nullopt, 12, 24, "Juleaftensdag"},
                                            {std::nullopt, 12, 31, "Nytårsaftensdag"},
                                            {2027, 3, 1, "Personaledag"}});
    const Plan other = tilsyn::test::plan_of(rules, moved, 2027, {});
    std::map<std::string, Date> planned_before, planned_after;
    for (const auto& o : plan.occurrences) planned_before[o.uid("d")] = o.planned;
    for (const auto& o : other.occurrences) planned_after[o.uid("d")] = o.planned;
    REQUIRE(planned_before.size() == planned_after.size());
    for (const auto& entry : planned_before) {
        const std::string& uid = entry.first;
        INFO("uid " << uid);
        REQUIRE(planned_after.count(uid) == 1);
    }
    CHECK(planned_before.at("jc-red-2027-M03@d") == ymd(2027, 3, 1));
    CHECK(planned_after.at("jc-red-2027-M03@d") == ymd(2027, 3, 2));

    // Another year gives other UIDs.
    const Plan next = tilsyn::test::plan_of(rules, default_calendar(), 2028, {});
    for (const auto& o : next.occurrences) CHECK(uids.count(o.uid("tilsyn.lejre.example")) == 0);

    // With re-assessments, UIDs are still unique within the year.
    const Rules changing = single_area_rules(
        {assessed(assessed_2026, Colour::red), assessed(ymd(2027, 2, 10), Colour::yellow),
         assessed(ymd(2027, 5, 20), Colour::red), assessed(ymd(2027, 8, 1), Colour::green)});
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
    CHECK(of_area(plan, "ac-one")[0]->uid(rules.policy.uid_domain) ==
          "ac-one-2027-Y1@tilsyn.test.example");
}
