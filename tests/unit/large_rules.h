#pragma once
// A plan's worth of rules built in code, for the tests of the plan's writers: many areas of
// every colour, with texts that need quoting and escaping.

#include "plan/plan.h"
#include "rules/rules_loader.h"
#include "test_support.h"

#include <string>
#include <utility>

namespace tilsyn::test {

// Scores that give each colour with the default policy (product; yellow from 6, red from 15).
inline Assessment assessed(Date date, Colour c, std::string reason) {
    Assessment a;
    a.date = date;
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
    a.reason = std::move(reason);
    return a;
}

// Two centers of `per_center` areas each, of every colour, with texts that need escaping and
// folding, Danish letters, overrides and re-assessments during the year.
inline Rules large_rules(int per_center) {
    Rules r;
    r.dir = "(built in code)";
    r.policy.reminder = Reminder{};
    for (const char* id : {"a", "b"}) {
        Center c;
        c.id = id;
        c.name = std::string("Center ") + id + ", Job; Ydelse";
        c.source = c.id + ".toml";
        for (int l = 0; l < 7; ++l)
            c.leaders.push_back({"l" + std::to_string(l),
                                 "Leder " + std::to_string(l) + " Sørensen",
                                 "l" + std::to_string(l) + "@" + c.id + ".example",
                                 {}});
        for (int i = 0; i < per_center; ++i) {
            Area a;
            a.id = c.id + "-" + std::to_string(i);
            a.name = "Område " + std::to_string(i) + (i % 3 ? "" : ", med komma");
            a.focus = i % 5 ? "Opstart af nye sager" : "Fremdrift; opfølgning\\rettidighed";
            a.leader = static_cast<std::size_t>(i % 7);
            const Colour colour = static_cast<Colour>(i % 3);
            a.assessments.push_back(
                assessed(ymd(2026, 10, 1), colour,
                         "Syntetisk vurdering " + std::to_string(i) +
                             ": fejl i opstartsfasen, få fejl i løbende sager.\nAnden linje"));
            if (i % 11 == 0)
                a.assessments.back().cadence_override =
                    Override<Cadence>{Cadence::every(2), "Udvalgets ønske, 2027"};
            if (i % 13 == 0)
                a.assessments.push_back(
                    assessed(ymd(2027, 6, 15), Colour::red, "Genvurderet, rød"));
            c.areas.push_back(std::move(a));
        }
        r.centers.push_back(std::move(c));
    }
    return r;
}

/// The 2027 plan of all of `rules`, leveled, on the policy's own calendar.
inline Plan plan_2027(const Rules& rules) {
    const WorkCalendar calendar(rules.policy.closing_days);
    return plan_of(rules, calendar, 2027);
}

}  // namespace tilsyn::test
