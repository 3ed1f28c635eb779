#pragma once
// Rules built in code for the plan's unit tests (areas of every cadence in two centers, one
// area with dated re-assessments), and views of a plan by area, period code and row.

#include "base/error.h"
#include "large_rules.h"
#include "plan/plan.h"
#include "rules/planning_days.h"
#include "rules/rules_loader.h"
#include "test_support.h"

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace tilsyn::test {

inline Assessment assessed(Date date, Colour c) {
    return tilsyn::test::assessed(date, c, "Vurdering " + tilsyn::iso(date));
}

inline Assessment with_cadence(Assessment a, Cadence c) {
    a.cadence_override = tilsyn::Override<Cadence>{c, "Fastsat af direktionen"};
    return a;
}

inline Area area(std::string id, std::size_t leader, std::vector<Assessment> assessments) {
    Area a;
    a.id = std::move(id);
    a.name = "Område " + a.id;
    a.leader = leader;
    a.focus = "Fokus";
    a.assessments = std::move(assessments);
    return a;
}

inline const Date assessed_2026 = ymd(2026, 10, 15);

// Two centers, three leaders, areas of every cadence.
inline Rules sample_rules() {
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
        area("jc-bimonthly", 1,
             {with_cadence(assessed(assessed_2026, Colour::red), Cadence::every(2))}));
    jc.areas.push_back(
        area("jc-yearly", 0,
             {with_cadence(assessed(assessed_2026, Colour::green), Cadence::every(12))}));
    jc.areas.push_back(
        area("jc-tertial", 1,
             {with_cadence(assessed(assessed_2026, Colour::yellow), Cadence::every(4))}));
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
inline Rules single_area_rules(std::vector<Assessment> assessments) {
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

inline WorkCalendar default_calendar() {
    return WorkCalendar(tilsyn::Policy{}.closing_days);
}

inline std::vector<const Occurrence*> of_area(const Plan& plan, std::string_view id) {
    std::vector<const Occurrence*> out;
    for (const auto& o : plan.occurrences)
        if (o.area->id == id) out.push_back(&o);
    std::sort(out.begin(), out.end(), [](const Occurrence* a, const Occurrence* b) {
        return a->period_start < b->period_start;
    });
    return out;
}

inline std::vector<std::string> codes(const std::vector<const Occurrence*>& os) {
    std::vector<std::string> out;
    for (const auto* o : os) out.push_back(o->period_code());
    return out;
}

// Every area's periods follow each other without gaps or overlaps and cover the year.
inline void check_periods_tile_year(const Plan& plan, const Rules& rules) {
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
inline std::vector<Row> rows(const Plan& plan) {
    std::vector<Row> out;
    for (const auto& o : plan.occurrences)
        out.emplace_back(o.center->id, o.area->id, o.period_start, o.period_end, o.planned, o.due,
                         static_cast<int>(o.rating().colour), o.rating().cadence.months(),
                         o.uid("tilsyn.invalid"));
    return out;
}

}  // namespace tilsyn::test
