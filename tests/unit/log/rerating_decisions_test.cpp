// Unit tests for re-rating with decisions in the log (src/log/rerating.*): rejected, accepted
// and withdrawn decisions, which supervisions count, every area's proposals, the colour
// decisions the plan takes, and the golden tests' minimal rules.

#include <doctest/doctest.h>

#include "log/rerating_support.h"

#include <string>
#include <vector>

namespace {

using namespace tilsyn;
using namespace tilsyn::test;

}  // namespace

TEST_CASE("rerating: a rejected decision settles the evidence before it") {
    const Rules rules = make_rules();
    Log log;
    log.supervise("bc-green", ymd(2027, 3, 1), 10, 3, 0);
    REQUIRE(propose(rules, log, "bc-green").has_value());
    log.decide("bc-green", ymd(2027, 3, 10), Verdict::reject, Colour::green, Colour::yellow);
    CHECK_FALSE(propose(rules, log, "bc-green").has_value());
    {
        const RerateInput input(rules, &log.store);
        CHECK(input.in_force(rules.centers[0].areas[0], today).rating.colour == Colour::green);
        CHECK(input.decisions().empty());  // a rejection changes no colour
    }
    // New evidence after it proposes again, with only the new supervision.
    const auto s = log.supervise("bc-green", ymd(2027, 4, 1), 10, 2, 0);
    const auto p = propose(rules, log, "bc-green");
    REQUIRE(p.has_value());
    REQUIRE(p->evidence.size() == 1);
    CHECK(p->evidence[0].starts_with("tilsyn #" + std::to_string(s) + " "));
    // A decision on another area settles nothing here.
    log.decide("bc-yellow", ymd(2027, 4, 10), Verdict::reject, Colour::yellow, Colour::red);
    CHECK(propose(rules, log, "bc-green").has_value());
}

TEST_CASE("rerating: a rejected proposal to lower also restarts the count") {
    const Rules rules = make_rules();
    Log log;
    for (int m = 2; m <= 4; ++m) log.supervise("bc-yellow", ymd(2027, m, 1), 20, 0, 0);
    REQUIRE(propose(rules, log, "bc-yellow").has_value());
    log.decide("bc-yellow", ymd(2027, 4, 15), Verdict::reject, Colour::yellow, Colour::green,
               "below-threshold");
    CHECK_FALSE(propose(rules, log, "bc-yellow").has_value());
    log.supervise("bc-yellow", ymd(2027, 5, 1), 20, 0, 0);
    log.supervise("bc-yellow", ymd(2027, 6, 1), 20, 0, 0);
    CHECK_FALSE(propose(rules, log, "bc-yellow").has_value());
    log.supervise("bc-yellow", ymd(2027, 7, 1), 20, 0, 0);
    CHECK(propose(rules, log, "bc-yellow").has_value());
}

TEST_CASE("rerating: an accepted decision changes the colour in force and settles the evidence") {
    const Rules rules = make_rules();
    Log log;
    log.supervise("bc-green", ymd(2027, 3, 1), 10, 3, 0);
    const auto d =
        log.decide("bc-green", ymd(2027, 3, 10), Verdict::accept, Colour::green, Colour::yellow);
    {
        const RerateInput input(rules, &log.store);
        const Area& area = rules.centers[0].areas[0];
        CHECK(input.in_force(area, ymd(2027, 3, 9)).rating.colour == Colour::green);
        const RatingStep now = input.in_force(area, ymd(2027, 3, 10));
        CHECK(now.rating.colour == Colour::yellow);
        CHECK(now.rating.decided);
        REQUIRE(input.decisions().count("bc-green") == 1);
        CHECK(input.decisions().at("bc-green").at(0).seq == d);
    }
    CHECK_FALSE(propose(rules, log, "bc-green").has_value());

    // From yellow now: three good supervisions lower it again, one bad raises it to red.
    for (int m = 4; m <= 6; ++m) log.supervise("bc-green", ymd(2027, m, 1), 20, 0, 0);
    auto p = propose(rules, log, "bc-green");
    REQUIRE(p.has_value());
    CHECK(p->from == Colour::yellow);
    CHECK(p->to == Colour::green);
    log.supervise("bc-green", ymd(2027, 7, 1), 10, 2, 0);
    p = propose(rules, log, "bc-green");
    REQUIRE(p.has_value());
    CHECK(p->from == Colour::yellow);
    CHECK(p->to == Colour::red);
    CHECK(p->evidence.size() == 1);
}

TEST_CASE("rerating: a withdrawn decision settles nothing and changes no colour") {
    const Rules rules = make_rules();
    Log log;
    log.supervise("bc-green", ymd(2027, 3, 1), 10, 3, 0);
    const auto d =
        log.decide("bc-green", ymd(2027, 3, 10), Verdict::accept, Colour::green, Colour::yellow);
    log.withdraw(d);
    const RerateInput input(rules, &log.store);
    CHECK(input.decisions().empty());
    CHECK(input.in_force(rules.centers[0].areas[0], today).rating.colour == Colour::green);
    const auto p = propose(rules, log, "bc-green");
    REQUIRE(p.has_value());
    CHECK(p->to == Colour::yellow);
}

TEST_CASE("rerating: withdrawn supervisions, later ones and earlier ones do not count") {
    const Rules rules = make_rules();
    SUBCASE("withdrawn") {
        Log log;
        const auto s = log.supervise("bc-green", ymd(2027, 3, 1), 10, 3, 0, {material()});
        log.withdraw(s);  // its finding goes with it
        CHECK_FALSE(propose(rules, log, "bc-green").has_value());
    }
    SUBCASE("performed after the day asked about") {
        Log log;
        log.supervise("bc-green", ymd(2027, 6, 1), 10, 3, 0);
        CHECK_FALSE(propose(rules, log, "bc-green", ymd(2027, 5, 31)).has_value());
        CHECK(propose(rules, log, "bc-green", ymd(2027, 6, 1)).has_value());
    }
    SUBCASE("performed before the assessment in force") {
        Rules later = make_rules();
        Assessment fresh = later.centers[0].areas[0].assessments[0];
        fresh.date = ymd(2027, 6, 1);
        fresh.reason = "ny vurdering";
        later.centers[0].areas[0].assessments.push_back(fresh);
        Log log;
        log.supervise("bc-green", ymd(2027, 5, 31), 10, 3, 0);
        CHECK(propose(later, log, "bc-green", ymd(2027, 5, 31)).has_value());
        CHECK_FALSE(propose(later, log, "bc-green", ymd(2027, 6, 1)).has_value());
        log.supervise("bc-green", ymd(2027, 6, 1), 10, 3, 0);
        const auto p = propose(later, log, "bc-green");
        REQUIRE(p.has_value());
        CHECK(p->evidence.size() == 1);
        CHECK(p->evidence[0].find(" 2027-06-01:") != std::string::npos);
    }
    SUBCASE("another area's supervisions") {
        Log log;
        log.supervise("bc-yellow", ymd(2027, 3, 1), 10, 3, 0);
        log.supervise("bc-unknown", ymd(2027, 3, 1), 10, 3, 0);
        CHECK_FALSE(propose(rules, log, "bc-green").has_value());
    }
}

TEST_CASE("rerating: propose_all gives every area's proposal in register order") {
    const Rules rules = make_rules();
    Log log;
    log.supervise("bc-red", ymd(2027, 2, 1), 20, 0, 0);
    log.supervise("bc-red", ymd(2027, 3, 1), 20, 0, 0);
    log.supervise("bc-red", ymd(2027, 4, 1), 20, 0, 0);
    log.supervise("bc-green", ymd(2027, 4, 1), 10, 0, 0, {material()});
    log.supervise("bc-yellow", ymd(2027, 4, 1), 15, 1, 0);  // nothing for yellow
    const RerateInput input(rules, &log.store);
    const auto all = input.propose_all(today);
    REQUIRE(all.size() == 2);
    CHECK(all[0].area->id == "bc-green");
    CHECK(all[0].rule == "material-finding");
    CHECK(all[1].area->id == "bc-red");
    CHECK(all[1].rule == "below-threshold");
    CHECK(all[1].to == Colour::yellow);
}

TEST_CASE("rerating: colour_decisions keeps accepted and set decisions, live, by date") {
    TempDir dir("tilsyn-rerate");
    Store store((dir.path / "tilsyn.db").string(), Store::Mode::create);
    std::vector<std::int64_t> seqs;
    tilsyn::test::write(store, "2027-12-31T12:00:00Z", [&](Store::Writer& w) {
        auto d = [&](const char* area, Date day, Verdict v) {
            DecisionEntry e;
            e.area = area;
            e.decided = day;
            e.verdict = v;
            e.from = Colour::green;
            e.to = Colour::yellow;
            e.rule = "manual";
            e.reason = "r";
            e.by = "b";
            seqs.push_back(w.append(e));
        };
        // (entry 1 is the log's signing key)
        d("bc-a", ymd(2027, 5, 1), Verdict::accept);  // 2
        d("bc-a", ymd(2027, 3, 1), Verdict::set);     // 3: earlier date, later in the log
        d("bc-a", ymd(2027, 4, 1), Verdict::reject);  // 4: changes nothing
        d("bc-b", ymd(2027, 4, 1), Verdict::accept);  // 5: withdrawn below
        d("bc-a", ymd(2027, 5, 1), Verdict::set);     // 6: same day as 2, after it
        w.append(CorrectionEntry{5, ymd(2027, 4, 2), "fejl"});
    });
    const DecisionsByArea by_area = colour_decisions(store);
    CHECK(by_area.count("bc-b") == 0);
    REQUIRE(by_area.count("bc-a") == 1);
    std::vector<std::int64_t> order;
    for (const auto& ld : by_area.at("bc-a")) order.push_back(ld.seq);
    CHECK(order == std::vector<std::int64_t>{3, 2, 6});
    CHECK(by_area.at("bc-a")[0].manual);
}

TEST_CASE("rerating: find_area names the flag and the known areas when the id is unknown") {
    const Rules rules = make_rules();
    const auto [c, a] = find_area(rules, "bc-yellow", "--area");
    CHECK(c == &rules.centers[0]);
    CHECK(a == &rules.centers[0].areas[1]);
    try {
        find_area(rules, "bc-gul", "--area");
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()) ==
              "--area: no area \"bc-gul\" in regler; known areas: bc-green, bc-yellow, bc-red");
    }
}

TEST_CASE("rerating: with the rules of tests/golden/fixtures/minimal") {
    const Rules rules =
        load_rules(std::string(TILSYN_SOURCE_DIR) + "/tests/golden/fixtures/minimal");
    Log log;
    log.supervise("bc-sygedagpenge", ymd(2026, 11, 1), 10, 0, 0);
    log.supervise("bc-enkeltydelser", ymd(2026, 11, 1), 10, 2, 0);
    log.supervise("bc-boligstoette", ymd(2026, 11, 1), 10, 0, 0, {material()});
    const RerateInput input(rules, &log.store);
    const auto all = input.propose_all(ymd(2026, 12, 1));
    REQUIRE(all.size() == 2);
    CHECK(all[0].area->id == "bc-enkeltydelser");
    CHECK(all[0].from == Colour::yellow);
    CHECK(all[0].to == Colour::red);
    CHECK(all[1].area->id == "bc-boligstoette");
    CHECK(all[1].from == Colour::green);
    CHECK(all[1].to == Colour::red);
}
