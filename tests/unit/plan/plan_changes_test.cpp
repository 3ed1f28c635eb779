// Unit tests for how level_plan follows the year's dated changes (docs/rules.md, "When the
// plan changes"): a change never moves a supervision planned before the next month boundary,
// its own area's or any other's; other leaders' plans do not change at all; what a change
// drops is kept as cancelled, and what it alters counts a higher sequence, dated by the change;
// a year without changes has none of it; a plan of one leader is the whole plan's.

#include <doctest/doctest.h>

#include "plan/leveling.h"
#include "plan_support.h"

#include <fmt/core.h>

#include <map>
#include <string>

namespace {

using namespace tilsyn;
using tilsyn::test::area;
using tilsyn::test::assessed;
using tilsyn::test::assessed_2026;
using tilsyn::test::plan_of;
using tilsyn::test::ymd;

// One center, two leaders with four areas each, so that leveling has choices to make.
Rules busy_rules() {
    Rules r;
    r.dir = "(built in code)";
    Center c;
    c.id = "jc";
    c.name = "Center for Job og Social";
    c.source = "jc.toml";
    c.leaders = {{"mhl", "Mette Holm Larsen", "mhl@lejre.example", {}},
                 {"abk", "Anders Bo Kjær", "abk@lejre.example", {}}};
    for (std::size_t leader = 0; leader < 2; ++leader)
        for (const Colour colour : {Colour::red, Colour::yellow, Colour::yellow, Colour::green})
            c.areas.push_back(area(c.leaders[leader].id + "-" + std::to_string(c.areas.size()),
                                   leader, {assessed(assessed_2026, colour)}));
    r.centers.push_back(std::move(c));
    return r;
}

std::map<std::string, const Occurrence*> by_uid(const std::vector<Occurrence>& occurrences) {
    std::map<std::string, const Occurrence*> out;
    for (const Occurrence& o : occurrences) out[o.uid("t.invalid")] = &o;
    return out;
}

// mhl-1 is yellow; a decision on 20 May 2027 makes it red.
DecisionsByArea raise_of_mhl_1() {
    DecisionsByArea d;
    d["mhl-1"].push_back({12, ymd(2027, 5, 20), Colour::red, false, "Centerchef", "Fejl fundet"});
    return d;
}

}  // namespace

TEST_CASE("level_plan: a year without dated changes has nothing cancelled and sequence 0") {
    const Rules rules = busy_rules();
    const WorkCalendar cal(rules.policy.closing_days);
    const Plan plan = plan_of(rules, cal, 2027);
    CHECK(plan.cancelled.empty());
    for (const Occurrence& o : plan.occurrences) {
        CHECK(o.sequence == 0);
        CHECK(o.modified == assessed_2026);  // the newest change the plan knows
    }
}

TEST_CASE("level_plan: a decision moves nothing planned before the next month boundary") {
    const Rules rules = busy_rules();
    const WorkCalendar cal(rules.policy.closing_days);
    const DecisionsByArea decisions = raise_of_mhl_1();
    const Plan before = plan_of(rules, cal, 2027);
    const Plan after = plan_of(rules, cal, 2027, {}, &decisions);
    const auto old = by_uid(before.occurrences);
    const auto now = by_uid(after.occurrences);
    const Date boundary = ymd(2027, 6, 1);

    // (Plain pairs: doctest's INFO captures its arguments, which structured bindings cannot be.)
    for (const auto& entry : old) {
        const std::string& uid = entry.first;
        const Occurrence* o = entry.second;
        INFO(uid << " planned " << iso(o->planned));
        if (o->leader().id == "abk") {
            // Another leader's year is not planned again at all.
            REQUIRE(now.count(uid));
            CHECK(now.at(uid)->planned == o->planned);
            CHECK(now.at(uid)->sequence == 0);
        } else if (o->planned < boundary && now.count(uid)) {
            CHECK(now.at(uid)->planned == o->planned);
        }
    }
    // The raised area: its second quarter ends at the boundary, the same occurrence, shortened;
    // the third and fourth quarters are cancelled; monthly supervision starts in June.
    const auto cancelled = by_uid(after.cancelled);
    const Occurrence& q2 = *now.at("mhl-1-2027-Q2@t.invalid");
    CHECK(q2.period_end == ymd(2027, 5, 31));
    CHECK(q2.sequence == 1);
    CHECK(q2.modified == ymd(2027, 5, 20));
    CHECK(q2.planned < boundary);
    REQUIRE(cancelled.size() == 2);
    for (const char* uid : {"mhl-1-2027-Q3@t.invalid", "mhl-1-2027-Q4@t.invalid"}) {
        INFO(uid);
        REQUIRE(cancelled.count(uid));
        CHECK(cancelled.at(uid)->sequence == 1);
        CHECK(cancelled.at(uid)->modified == ymd(2027, 5, 20));
    }
    for (int month = 6; month <= 12; ++month) {
        const std::string uid = fmt::format("mhl-1-2027-M{:02}@t.invalid", month);
        INFO(uid);
        REQUIRE(now.count(uid));
        CHECK(now.at(uid)->sequence == 0);
        CHECK(now.at(uid)->modified == ymd(2027, 5, 20));
        CHECK(now.at(uid)->planned >= boundary);
    }
    // What moved after the boundary says so.
    for (const auto& entry : now) {
        const std::string& uid = entry.first;
        const Occurrence* o = entry.second;
        if (old.count(uid) && old.at(uid)->planned != o->planned) {
            INFO(uid);
            CHECK(o->planned >= boundary);
            CHECK(o->sequence == 1);
        }
    }
}

TEST_CASE("level_plan: a closing day cancels what follows and keeps what came before") {
    Rules rules = busy_rules();
    rules.centers[0].areas[0].closed = Closure{ymd(2027, 9, 15), "Lagt sammen med mhl-1"};
    const WorkCalendar cal(rules.policy.closing_days);
    const Plan plan = plan_of(rules, cal, 2027);
    const auto now = by_uid(plan.occurrences);
    const auto cancelled = by_uid(plan.cancelled);
    for (int month = 1; month <= 12; ++month) {
        const std::string uid = fmt::format("mhl-0-2027-M{:02}@t.invalid", month);
        INFO(uid);
        if (month <= 9) {
            REQUIRE(now.count(uid));
            CHECK(now.at(uid)->planned < ymd(2027, 9, 15));
        } else {
            REQUIRE(cancelled.count(uid));
            CHECK(cancelled.at(uid)->modified == ymd(2027, 9, 15));
            CHECK(cancelled.at(uid)->sequence == 1);
        }
    }
}

TEST_CASE("level_plan: with the year's changes, a plan of one leader has the whole plan's") {
    Rules rules = busy_rules();
    rules.centers[0].areas[5].assessments.push_back(assessed(ymd(2027, 3, 10), Colour::red));
    const WorkCalendar cal(rules.policy.closing_days);
    const DecisionsByArea decisions = raise_of_mhl_1();
    const Plan whole = plan_of(rules, cal, 2027, {}, &decisions);
    const auto all = by_uid(whole.occurrences);
    const auto all_cancelled = by_uid(whole.cancelled);
    for (const char* leader : {"mhl", "abk"}) {
        INFO(leader);
        PlanFilter f;
        f.leader = leader;
        const Plan one = plan_of(rules, cal, 2027, f, &decisions);
        REQUIRE_FALSE(one.occurrences.empty());
        for (const auto& entry : by_uid(one.occurrences)) {
            const std::string& uid = entry.first;
            const Occurrence* o = entry.second;
            INFO(uid);
            REQUIRE(all.count(uid));
            CHECK(all.at(uid)->planned == o->planned);
            CHECK(all.at(uid)->sequence == o->sequence);
        }
        for (const auto& [uid, o] : by_uid(one.cancelled)) CHECK(all_cancelled.count(uid));
    }
}

TEST_CASE("level_plan: without leveling, the changes are still followed") {
    const Rules rules = busy_rules();
    const WorkCalendar cal(rules.policy.closing_days);
    const DecisionsByArea decisions = raise_of_mhl_1();
    Plan plan = make_plan(rules, cal, 2027, {}, &decisions);
    level_plan(plan, rules.policy, PlanningDays(cal, rules.policy.blackout), false);
    CHECK_FALSE(plan.leveled);
    CHECK(plan.cancelled.size() == 2);
    for (const Occurrence& o : plan.occurrences)
        CHECK(o.planned == PlanningDays(cal, rules.policy.blackout)
                               .first_in(o.period_start, o.period_end)
                               .value());
}
