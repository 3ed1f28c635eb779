// Unit tests for leveling a plan (src/plan/leveling.cpp's level_plan): every leveled
// date is a working day of its period outside the blackout, unless the blackout covers the
// whole period (then any working day of it); the due date stays the period's last working day;
// the first days of January and the summer weeks are avoided; without leveling every
// supervision is on the first plannable day of its period; a plan filtered to one leader has
// the same dates as the whole plan; leveling lowers a leader's busiest month; leveling_problem
// makes the same classes whatever the occurrences' order. Rules are built
// in code: one center, three leaders, areas of every colour and of other cadences, with hours.

#include <doctest/doctest.h>

#include "base/dates.h"
#include "plan/leveling.h"
#include "plan/plan.h"
#include "rules/planning_days.h"
#include "rules/rules_loader.h"
#include "test_support.h"
#include "workload/workload.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

namespace {

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

// Scores that give each colour with the default policy (product; yellow from 6, red from 15).
Assessment assessed(Colour c, std::optional<Cadence> cadence = std::nullopt) {
    Assessment a;
    a.date = ymd(2026, 10, 15);
    switch (c) {
        case Colour::red:
            a.sagsbehandling = {5, 5};
            a.statsrefusion = {1, 2};
            break;
        case Colour::yellow:
            a.sagsbehandling = {1, 1};
            a.statsrefusion = {2, 3};
            break;
        case Colour::green:
            a.sagsbehandling = {1, 1};
            a.statsrefusion = {1, 5};
            break;
    }
    a.reason = "Vurdering";
    if (cadence) a.cadence_override = tilsyn::Override<Cadence>{*cadence, "Fastsat af direktionen"};
    return a;
}

// One center, three leaders; per leader two red, four yellow (one every 2 months, one every 4
// months) and three green areas (one yearly), some with their own hours.
Rules leveling_rules() {
    Rules r;
    r.dir = "(built in code)";
    r.policy.workload.minutes = std::array<int, 3>{120, 180, 240};  // green, yellow, red
    Center c;
    c.id = "jc";
    c.name = "Center for Job og Social";
    c.source = "jc.toml";
    c.leaders = {{"mhl", "Mette Holm Larsen", "mhl@lejre.example", {}},
                 {"abk", "Anders Bo Kjær", "abk@lejre.example", {}},
                 {"pvj", "Peter Vinther Jensen", "pvj@lejre.example", {}}};
    const std::vector<std::tuple<Colour, std::optional<Cadence>, std::optional<int>>> kinds{
        {Colour::red, std::nullopt, std::nullopt},
        {Colour::red, std::nullopt, 300},
        {Colour::yellow, std::nullopt, std::nullopt},
        {Colour::yellow, std::nullopt, 90},
        {Colour::yellow, Cadence::every(2), std::nullopt},
        {Colour::yellow, Cadence::every(4), std::nullopt},
        {Colour::green, std::nullopt, std::nullopt},
        {Colour::green, std::nullopt, 150},
        {Colour::green, Cadence::every(12), std::nullopt}};
    for (std::size_t leader = 0; leader < c.leaders.size(); ++leader)
        for (std::size_t k = 0; k < kinds.size(); ++k) {
            const auto& [colour, cadence, minutes] = kinds[k];
            Area a;
            a.id = "a-" + c.leaders[leader].id + "-" + std::to_string(k);
            a.name = "Område " + a.id;
            a.leader = leader;
            a.focus = "Fokus";
            a.minutes = minutes;
            a.assessments = {assessed(colour, cadence)};
            c.areas.push_back(std::move(a));
        }
    r.centers.push_back(std::move(c));
    return r;
}

WorkCalendar calendar_of(const Rules& r) {
    return WorkCalendar(r.policy.closing_days);
}

std::map<std::string, Date> planned_by_uid(const Plan& plan) {
    std::map<std::string, Date> out;
    for (const Occurrence& o : plan.occurrences) out[o.uid("t.invalid")] = o.planned;
    return out;
}

/// Every occurrence on a working day of its period, outside the blackout when the period has
/// a plannable day; due on the period's last working day.
void check_dates(const Plan& plan, const Rules& rules, const WorkCalendar& cal) {
    const tilsyn::PlanningDays days(cal, rules.policy.blackout);
    for (const Occurrence& o : plan.occurrences) {
        INFO(o.area->id << " " << o.period_code() << ": planned " << tilsyn::iso(o.planned)
                        << ", due " << tilsyn::iso(o.due));
        CHECK(cal.is_working_day(o.planned));
        CHECK(o.period_start <= o.planned);
        CHECK(o.planned <= o.period_end);
        CHECK(o.due == cal.last_working_day(o.period_start, o.period_end));
        bool plannable = false;
        for (Date d = o.period_start; d <= o.period_end; d += boost::gregorian::days(1))
            plannable |= days.plannable(d);
        if (plannable) CHECK_FALSE(rules.policy.blackout.contains(o.planned));
    }
}

std::vector<const Occurrence*> of_area(const Plan& plan, const std::string& id) {
    std::vector<const Occurrence*> out;
    for (const Occurrence& o : plan.occurrences)
        if (o.area->id == id) out.push_back(&o);
    std::sort(out.begin(), out.end(), [](const Occurrence* x, const Occurrence* y) {
        return x->period_start < y->period_start;
    });
    return out;
}

}  // namespace

TEST_CASE("level_plan: planned on working days of the period outside the blackout, due unchanged") {
    const Rules rules = leveling_rules();
    const WorkCalendar cal = calendar_of(rules);
    for (int year : {2026, 2027, 2028}) {
        INFO("year " << year);
        const Plan plan = tilsyn::test::plan_of(rules, cal, year, {});
        CHECK(plan.leveled);
        check_dates(plan, rules, cal);
    }
}

TEST_CASE("level_plan: a red area's January after the new year, its July before the summer weeks") {
    const Rules rules = leveling_rules();
    const WorkCalendar cal = calendar_of(rules);
    const Plan plan = tilsyn::test::plan_of(rules, cal, 2027, {});
    for (const auto& leader : rules.centers[0].leaders)
        for (const std::string kind : {"-0", "-1"}) {  // the red areas
            const auto months = of_area(plan, "a-" + leader.id + kind);
            REQUIRE(months.size() == 12);
            INFO(leader.id << kind << ": January " << tilsyn::iso(months[0]->planned) << ", July "
                           << tilsyn::iso(months[6]->planned));
            // 1 January is a holiday and 2 January in the Christmas blackout (and a Saturday).
            CHECK(months[0]->planned >= ymd(2027, 1, 4));
            // ISO weeks 28-31 of 2027 are 12 July to 8 August: July has 1-9 July left.
            CHECK(months[6]->planned <= ymd(2027, 7, 9));
            CHECK(months[6]->due == ymd(2027, 7, 30));
            CHECK(months[11]->planned <= ymd(2027, 12, 21));
            // 31 December is a closing day; the Christmas blackout does not move the due date.
            CHECK(months[11]->due == ymd(2027, 12, 30));
        }
}

TEST_CASE(
    "level_plan: a blackout over a whole month keeps the monthly supervision in it, moves the "
    "others out") {
    Rules rules = leveling_rules();
    rules.policy.blackout.spans.push_back({{7, 1}, {7, 31}});
    const WorkCalendar cal = calendar_of(rules);
    const Plan plan = tilsyn::test::plan_of(rules, cal, 2027, {});
    check_dates(plan, rules, cal);
    int red_july = 0;
    for (const Occurrence& o : plan.occurrences) {
        if (o.planned.month() != 7) continue;
        INFO(o.area->id << " " << o.period_code() << " on " << tilsyn::iso(o.planned));
        // Only July's own period (a monthly one) may use it, and then on a working day of July.
        CHECK(o.period_start == ymd(2027, 7, 1));
        CHECK(o.period_end == ymd(2027, 7, 31));
        CHECK(cal.is_working_day(o.planned));
        ++red_july;
    }
    CHECK(red_july == 6);  // two red areas per leader
    // Without leveling the same fallback: the first working day of July.
    const Plan plain = tilsyn::test::plan_of(rules, cal, 2027, {}, nullptr, false);
    for (const Occurrence& o : plain.occurrences)
        if (o.period_start == ymd(2027, 7, 1) && o.period_end == ymd(2027, 7, 31))
            CHECK(o.planned == ymd(2027, 7, 1));
}

TEST_CASE("level_plan: without leveling, the first plannable day of each period") {
    const Rules rules = leveling_rules();
    const WorkCalendar cal = calendar_of(rules);
    const tilsyn::PlanningDays days(cal, rules.policy.blackout);
    const Plan plan = tilsyn::test::plan_of(rules, cal, 2027, {}, nullptr, false);
    CHECK_FALSE(plan.leveled);
    check_dates(plan, rules, cal);
    for (const Occurrence& o : plan.occurrences) {
        INFO(o.area->id << " " << o.period_code());
        CHECK(o.planned == days.first_in(o.period_start, o.period_end));
    }
    // The first working day of 2027 outside the Christmas blackout, and of the third quarter
    // (1 July, before the summer weeks).
    CHECK(of_area(plan, "a-mhl-0")[0]->planned == ymd(2027, 1, 4));
    CHECK(of_area(plan, "a-mhl-2")[2]->planned == ymd(2027, 7, 1));
}

TEST_CASE("level_plan: a plan of one leader has the whole plan's dates") {
    const Rules rules = leveling_rules();
    const WorkCalendar cal = calendar_of(rules);
    const auto whole = planned_by_uid(tilsyn::test::plan_of(rules, cal, 2027, {}));
    for (const auto& leader : rules.centers[0].leaders) {
        INFO("leader " << leader.id);
        PlanFilter f;
        f.leader = leader.id;
        const Plan one = tilsyn::test::plan_of(rules, cal, 2027, f);
        REQUIRE_FALSE(one.occurrences.empty());
        for (const auto& entry : planned_by_uid(one)) {
            INFO(entry.first);
            CHECK(whole.at(entry.first) == entry.second);
        }
    }
}

TEST_CASE("level_plan: leveling lowers the busiest month, to the bound, and is deterministic") {
    const Rules rules = leveling_rules();
    const WorkCalendar cal = calendar_of(rules);
    const Plan leveled = tilsyn::test::plan_of(rules, cal, 2027, {});
    const Plan plain = tilsyn::test::plan_of(rules, cal, 2027, {}, nullptr, false);
    const tilsyn::Workload a = tilsyn::plan_workload(leveled, rules, cal);
    const tilsyn::Workload b = tilsyn::plan_workload(plain, rules, cal);
    REQUIRE(a.leaders.size() == 3);
    for (std::size_t l = 0; l < a.leaders.size(); ++l) {
        const auto peak = [](const tilsyn::WorkloadRow& row) {
            return row.months[static_cast<std::size_t>(row.peak_month())].minutes;
        };
        INFO("leader " << a.leaders[l].leader->id);
        CHECK(peak(a.leaders[l]) < peak(b.leaders[l]));
        REQUIRE(a.leaders[l].bounds);
        CHECK(static_cast<double>(peak(a.leaders[l])) >= a.leaders[l].bounds->lp - 1e-9);
    }
    CHECK(planned_by_uid(leveled) == planned_by_uid(tilsyn::test::plan_of(rules, cal, 2027, {})));
}

TEST_CASE(
    "level_plan: a leader's supervisions of one month are on different days, spread over its "
    "weeks") {
    const Rules rules = leveling_rules();
    const WorkCalendar cal = calendar_of(rules);
    const Plan plan = tilsyn::test::plan_of(rules, cal, 2027, {});
    std::map<std::pair<const tilsyn::Leader*, Date>, int> per_day;
    std::map<std::pair<const tilsyn::Leader*, int>, std::set<int>> weeks_of_month;
    for (const Occurrence& o : plan.occurrences) {
        ++per_day[{&o.leader(), o.planned}];
        weeks_of_month[{&o.leader(), o.planned.month()}].insert(o.planned.week_number());
    }
    for (const auto& entry : per_day) {
        INFO(entry.first.first->id << " on " << tilsyn::iso(entry.first.second));
        CHECK(entry.second == 1);
    }
    // Each leader has at least three supervisions every month; they use more than one week.
    for (const auto& entry : weeks_of_month) {
        INFO(entry.first.first->id << " in month " << entry.first.second);
        CHECK(entry.second.size() >= 2);
    }
}

TEST_CASE(
    "leveling_problem: the same classes from the walk's order and from date order, jobs in "
    "register order") {
    // Four areas of each kind per leader, so that a class holds several, and the leaders'
    // areas interleaved, so that consecutive areas belong to different leaders.
    Rules rules = leveling_rules();
    std::vector<Area>& areas = rules.centers[0].areas;
    const std::vector<Area> one_of_each = areas;
    for (int copy = 1; copy < 4; ++copy)
        for (Area a : one_of_each) {
            a.id += "-" + std::to_string(copy);
            areas.push_back(std::move(a));
        }
    std::stable_sort(areas.begin(), areas.end(), [](const Area& x, const Area& y) {
        return x.id[6] <
               y.id[6];  // "a-<leader>-<kind>[-<copy>]", leader ids of three letters: by kind
    });
    REQUIRE(areas[0].leader != areas[1].leader);
    // A second center: the walk's order is set up a center at a time, on several threads, and
    // date order all at once, and both must give the same classes.
    Center second = rules.centers[0];
    second.id = "yd";
    second.source = "yd.toml";
    for (Area& a : second.areas) a.id = "y" + a.id;
    rules.centers.push_back(std::move(second));
    const WorkCalendar cal = calendar_of(rules);
    // Leveled, so that a class's supervisions fall on different days: in date order, they are
    // not in register order.
    const Plan plan = tilsyn::test::plan_of(rules, cal, 2027, {});
    std::vector<Occurrence> walked = plan.occurrences;
    std::sort(walked.begin(), walked.end(), tilsyn::before_in_register_order);
    REQUIRE_FALSE(std::is_sorted(plan.occurrences.begin(), plan.occurrences.end(),
                                 tilsyn::before_in_register_order));

    const tilsyn::PlanningDays days(cal, rules.policy.blackout);
    // Each class as its months, its minutes and its jobs by area and period.
    using Class = std::tuple<std::uint16_t, int, std::vector<std::string>>;
    auto classes = [&](const std::vector<Occurrence>& occurrences) {
        std::vector<std::pair<std::string, std::vector<Class>>> out;
        for (const tilsyn::LeaderLeveling& l :
             tilsyn::leveling_problem(days, 2027, occurrences).leaders) {
            out.emplace_back(l.center->id + "/" + l.leader->id, std::vector<Class>{});
            for (const tilsyn::LevelingClass& c : l.classes) {
                std::vector<std::string> jobs;
                for (std::size_t j : c.jobs)
                    jobs.push_back(occurrences[j].area->id + " " + occurrences[j].period_code());
                out.back().second.emplace_back(c.months, c.minutes, jobs);
                std::vector<const Occurrence*> in_class;
                for (std::size_t j : c.jobs) in_class.push_back(&occurrences[j]);
                CHECK(std::is_sorted(in_class.begin(), in_class.end(),
                                     [](const Occurrence* x, const Occurrence* y) {
                                         return tilsyn::before_in_register_order(*x, *y);
                                     }));
            }
        }
        return out;
    };
    const auto from_walk = classes(walked);
    CHECK(from_walk == classes(plan.occurrences));
    // Every leader, with a class per kind of supervision; a yearly green area is fixed to one
    // month.
    REQUIRE(from_walk.size() == 6);
    CHECK(from_walk[0].first == "jc/mhl");
    CHECK(from_walk[3].first == "yd/mhl");
    std::size_t jobs = 0;
    for (const auto& [leader, cs] : from_walk) {
        CHECK(cs.size() >= 4);
        for (const auto& c : cs) jobs += std::get<2>(c).size();
    }
    CHECK(jobs == plan.occurrences.size());
}
