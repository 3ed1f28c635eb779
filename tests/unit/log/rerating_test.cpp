// Unit tests for the re-rating rules (src/log/rerating.*): error rates against the policy's
// thresholds, material findings, and lowering after enough good supervisions.

#include <doctest/doctest.h>

#include "log/rerating_support.h"

#include <string>
#include <vector>

namespace {

using namespace tilsyn;
using namespace tilsyn::test;

}  // namespace

TEST_CASE("rerating: rate_text shows errors, cases and the rate rounded half up to one decimal") {
    CHECK(rate_text(3, 10) == "3 af 10 (30,0 %)");
    CHECK(rate_text(0, 10) == "0 af 10 (0,0 %)");
    CHECK(rate_text(10, 10) == "10 af 10 (100,0 %)");
    CHECK(rate_text(1, 3) == "1 af 3 (33,3 %)");
    CHECK(rate_text(2, 3) == "2 af 3 (66,7 %)");
    CHECK(rate_text(1, 8) == "1 af 8 (12,5 %)");
    CHECK(rate_text(1, 16) == "1 af 16 (6,3 %)");    // 6,25 rounds up
    CHECK(rate_text(1, 400) == "1 af 400 (0,3 %)");  // 0,25 rounds up
    CHECK(rate_text(1, 2001) == "1 af 2001 (0,0 %)");
    CHECK(rate_text(0, 0) == "0 af 0");
}

TEST_CASE("rerating: nothing recorded, nothing proposed") {
    const Rules rules = make_rules();
    Log log;
    const RerateInput input(rules, &log.store);
    CHECK(input.propose_all(today).empty());
    CHECK(input.decisions().empty());
    CHECK(input.in_force(rules.centers[0].areas[1], today).rating.colour == Colour::yellow);

    // No store at all is an empty log.
    const RerateInput none(rules, nullptr);
    CHECK(none.propose_all(today).empty());
    CHECK(none.in_force(rules.centers[0].areas[2], today).rating.colour == Colour::red);
}

TEST_CASE("rerating: an error rate exactly at the threshold is not above it") {
    const Rules rules = make_rules();  // raise_above_percent = 10
    Log log;
    log.supervise("bc-green", ymd(2027, 2, 1), 10, 1, 0);     // 10 %
    log.supervise("bc-green", ymd(2027, 3, 1), 20, 0, 2);     // 10 %
    log.supervise("bc-green", ymd(2027, 4, 1), 100, 10, 10);  // 10 % on both
    CHECK_FALSE(propose(rules, log, "bc-green").has_value());
    CHECK_FALSE(propose(rules, log, "bc-yellow").has_value());
}

TEST_CASE("rerating: an error rate just above the threshold on either axis: one colour up") {
    const Rules rules = make_rules();
    SUBCASE("sagsbehandling") {
        Log log;
        const auto seq = log.supervise("bc-green", ymd(2027, 3, 1), 100, 11, 0);  // 11 %
        const auto p = propose(rules, log, "bc-green");
        REQUIRE(p.has_value());
        CHECK(p->area == &rules.centers[0].areas[0]);
        CHECK(p->center == &rules.centers[0]);
        CHECK(p->from == Colour::green);
        CHECK(p->to == Colour::yellow);
        CHECK(p->rule == "error-rate");
        CHECK(p->rule_text == "fejlrate over 10 % på en akse: én farve op");
        REQUIRE(p->evidence.size() == 1);
        CHECK(p->evidence[0] ==
              "tilsyn #" + std::to_string(seq) +
                  " 2027-03-01: sagsbehandling 11 af 100 (11,0 %), statsrefusion 0 af 100 (0,0 %)");
        CHECK(p->evidence_text() == p->evidence[0]);
    }
    SUBCASE("statsrefusion, the smallest rate above 10 %") {
        Log log;
        log.supervise("bc-green", ymd(2027, 3, 1), 1000, 0, 101);  // 10,1 %
        const auto p = propose(rules, log, "bc-green");
        REQUIRE(p.has_value());
        CHECK(p->to == Colour::yellow);
        CHECK(p->rule == "error-rate");
    }
    SUBCASE("yellow goes to red") {
        Log log;
        log.supervise("bc-yellow", ymd(2027, 3, 1), 10, 2, 0);
        const auto p = propose(rules, log, "bc-yellow");
        REQUIRE(p.has_value());
        CHECK(p->from == Colour::yellow);
        CHECK(p->to == Colour::red);
    }
    SUBCASE("red stays red: nothing to propose") {
        Log log;
        log.supervise("bc-red", ymd(2027, 3, 1), 10, 9, 9);
        CHECK_FALSE(propose(rules, log, "bc-red").has_value());
    }
    SUBCASE("every supervision above the threshold is evidence, in date order") {
        Log log;
        const auto later = log.supervise("bc-green", ymd(2027, 5, 1), 10, 3, 0);
        log.supervise("bc-green", ymd(2027, 4, 1), 10, 1, 0);  // at the threshold: not evidence
        const auto earlier = log.supervise("bc-green", ymd(2027, 3, 1), 10, 0, 5);
        const auto p = propose(rules, log, "bc-green");
        REQUIRE(p.has_value());
        REQUIRE(p->evidence.size() == 2);
        CHECK(p->evidence[0].starts_with("tilsyn #" + std::to_string(earlier) + " 2027-03-01:"));
        CHECK(p->evidence[1].starts_with("tilsyn #" + std::to_string(later) + " 2027-05-01:"));
        CHECK(p->evidence_text() == p->evidence[0] + "; " + p->evidence[1]);
    }
}

TEST_CASE("rerating: a supervision with no cases has no rate") {
    const Rules rules = make_rules();
    Log log;
    log.supervise("bc-green", ymd(2027, 3, 1), 0, 0, 0);
    CHECK_FALSE(propose(rules, log, "bc-green").has_value());
    // Nor does it count as a good one.
    log.supervise("bc-yellow", ymd(2027, 3, 1), 0, 0, 0);
    log.supervise("bc-yellow", ymd(2027, 4, 1), 0, 0, 0);
    log.supervise("bc-yellow", ymd(2027, 5, 1), 0, 0, 0);
    CHECK_FALSE(propose(rules, log, "bc-yellow").has_value());
}

TEST_CASE("rerating: a væsentlig finding proposes red at once") {
    const Rules rules = make_rules();
    SUBCASE("from green, whatever the error rate") {
        Log log;
        const auto s = log.supervise("bc-green", ymd(2027, 3, 1), 10, 0, 0, {material()});
        const auto p = propose(rules, log, "bc-green");
        REQUIRE(p.has_value());
        CHECK(p->from == Colour::green);
        CHECK(p->to == Colour::red);
        CHECK(p->rule == "material-finding");
        CHECK(p->rule_text == "væsentligt fund: straks rød");
        REQUIRE(p->evidence.size() == 1);
        CHECK(p->evidence[0] == "fund #" + std::to_string(s + 1) + " i tilsyn #" +
                                    std::to_string(s) +
                                    " 2027-03-01: sag 2027-004512, statsrefusion, refusion");
    }
    SUBCASE("it wins over a high error rate") {
        Log log;
        log.supervise("bc-yellow", ymd(2027, 3, 1), 10, 5, 5,
                      {material("A"), minor(), material("B")});
        const auto p = propose(rules, log, "bc-yellow");
        REQUIRE(p.has_value());
        CHECK(p->to == Colour::red);
        CHECK(p->rule == "material-finding");
        CHECK(p->evidence.size() == 2);  // the two væsentlige, not the minor one
    }
    SUBCASE("a minor finding alone proposes nothing") {
        Log log;
        log.supervise("bc-green", ymd(2027, 3, 1), 10, 0, 0, {minor()});
        CHECK_FALSE(propose(rules, log, "bc-green").has_value());
    }
    SUBCASE("red already: nothing to propose") {
        Log log;
        log.supervise("bc-red", ymd(2027, 3, 1), 10, 0, 0, {material()});
        CHECK_FALSE(propose(rules, log, "bc-red").has_value());
    }
    SUBCASE("a withdrawn finding does not count") {
        Log log;
        const auto s = log.supervise("bc-green", ymd(2027, 3, 1), 10, 0, 0, {material()});
        log.withdraw(s + 1);
        CHECK_FALSE(propose(rules, log, "bc-green").has_value());
    }
}

TEST_CASE("rerating: material_to_red = false leaves a væsentlig finding to the other rules") {
    RerateRules r;
    r.material_to_red = false;
    const Rules rules = make_rules(r);
    Log log;
    log.supervise("bc-green", ymd(2027, 3, 1), 10, 0, 0, {material()});
    CHECK_FALSE(propose(rules, log, "bc-green").has_value());
    log.supervise("bc-green", ymd(2027, 4, 1), 10, 2, 0, {material()});
    const auto p = propose(rules, log, "bc-green");
    REQUIRE(p.has_value());
    CHECK(p->to == Colour::yellow);  // one up, not red
    CHECK(p->rule == "error-rate");

    // A supervision with a væsentlig finding is never a good one.
    Log low;
    low.supervise("bc-yellow", ymd(2027, 3, 1), 20, 0, 0);
    low.supervise("bc-yellow", ymd(2027, 4, 1), 20, 0, 0, {material()});
    low.supervise("bc-yellow", ymd(2027, 5, 1), 20, 0, 0);
    CHECK_FALSE(propose(rules, low, "bc-yellow").has_value());
}

TEST_CASE("rerating: below the threshold in N consecutive supervisions: one colour down") {
    const Rules rules = make_rules();  // lower_below_percent = 5, lower_after = 3
    Log log;
    const auto s1 = log.supervise("bc-yellow", ymd(2027, 2, 1), 20, 0, 0);
    CHECK_FALSE(propose(rules, log, "bc-yellow").has_value());  // one good is not enough
    const auto s2 = log.supervise("bc-yellow", ymd(2027, 3, 1), 21, 1, 0, {minor()});  // 4,8 %
    CHECK_FALSE(propose(rules, log, "bc-yellow").has_value());               // two are not either
    const auto s3 = log.supervise("bc-yellow", ymd(2027, 4, 1), 100, 4, 4);  // 4 %
    const auto p = propose(rules, log, "bc-yellow");
    REQUIRE(p.has_value());
    CHECK(p->from == Colour::yellow);
    CHECK(p->to == Colour::green);
    CHECK(p->rule == "below-threshold");
    CHECK(p->rule_text == "3 tilsyn i træk under 5 % på begge akser: én farve ned");
    REQUIRE(p->evidence.size() == 3);
    CHECK(p->evidence[0].starts_with("tilsyn #" + std::to_string(s1) + " 2027-02-01:"));
    CHECK(p->evidence[1].starts_with("tilsyn #" + std::to_string(s2) + " 2027-03-01:"));
    CHECK(p->evidence[2] ==
          "tilsyn #" + std::to_string(s3) +
              " 2027-04-01: sagsbehandling 4 af 100 (4,0 %), statsrefusion 4 af 100 (4,0 %)");

    // As of a day before the third supervision, only two count.
    CHECK_FALSE(propose(rules, log, "bc-yellow", ymd(2027, 3, 31)).has_value());
    CHECK(propose(rules, log, "bc-yellow", ymd(2027, 4, 1)).has_value());
}

TEST_CASE("rerating: exactly at the lower threshold is not below it") {
    const Rules rules = make_rules();
    Log log;
    log.supervise("bc-yellow", ymd(2027, 2, 1), 20, 0, 0);
    log.supervise("bc-yellow", ymd(2027, 3, 1), 20, 0, 1);  // 5 % on one axis
    log.supervise("bc-yellow", ymd(2027, 4, 1), 20, 0, 0);
    CHECK_FALSE(propose(rules, log, "bc-yellow").has_value());
    log.supervise("bc-yellow", ymd(2027, 5, 1), 100, 5, 0);  // 5 %
    CHECK_FALSE(propose(rules, log, "bc-yellow").has_value());
}

TEST_CASE("rerating: hysteresis: the last N supervisions must all be good") {
    const Rules rules = make_rules();
    Log log;
    log.supervise("bc-yellow", ymd(2027, 2, 1), 20, 0, 0);  // good
    log.supervise("bc-yellow", ymd(2027, 3, 1), 20, 0, 0);  // good
    log.supervise("bc-yellow", ymd(2027, 4, 1), 15, 1, 0);  // 6,7 %: neither up nor down
    log.supervise("bc-yellow", ymd(2027, 5, 1), 20, 0, 0);  // good
    CHECK_FALSE(propose(rules, log, "bc-yellow").has_value());
    log.supervise("bc-yellow", ymd(2027, 6, 1), 20, 0, 0);      // good
    CHECK_FALSE(propose(rules, log, "bc-yellow").has_value());  // the middling one is in the last 3
    log.supervise("bc-yellow", ymd(2027, 7, 1), 20, 0, 0);      // good
    const auto p = propose(rules, log, "bc-yellow");
    REQUIRE(p.has_value());
    CHECK(p->to == Colour::green);
    CHECK(p->evidence.size() == 3);
    CHECK(p->evidence[0].find(" 2027-05-01:") != std::string::npos);
}

TEST_CASE("rerating: the last N are the last performed, not the last recorded") {
    const Rules rules = make_rules();
    SUBCASE("a middling supervision recorded late but performed first") {
        Log log;
        log.supervise("bc-yellow", ymd(2027, 6, 1), 20, 0, 0);
        log.supervise("bc-yellow", ymd(2027, 7, 1), 20, 0, 0);
        log.supervise("bc-yellow", ymd(2027, 8, 1), 20, 0, 0);
        log.supervise("bc-yellow", ymd(2027, 2, 1), 15, 1, 0);
        CHECK(propose(rules, log, "bc-yellow").has_value());
    }
    SUBCASE("a middling supervision performed last") {
        Log log;
        log.supervise("bc-yellow", ymd(2027, 9, 1), 15, 1, 0);
        log.supervise("bc-yellow", ymd(2027, 6, 1), 20, 0, 0);
        log.supervise("bc-yellow", ymd(2027, 7, 1), 20, 0, 0);
        log.supervise("bc-yellow", ymd(2027, 8, 1), 20, 0, 0);
        CHECK_FALSE(propose(rules, log, "bc-yellow").has_value());
    }
}

TEST_CASE("rerating: lowering follows the policy's lower_after and lower_below_percent") {
    RerateRules r;
    r.lower_after = 1;
    r.lower_below_percent = 10;
    r.raise_above_percent = 20;
    const Rules rules = make_rules(r);
    Log log;
    log.supervise("bc-red", ymd(2027, 3, 1), 10, 1, 0);  // 10 %: not below 10
    CHECK_FALSE(propose(rules, log, "bc-red").has_value());
    log.supervise("bc-red", ymd(2027, 4, 1), 100, 9, 9);  // 9 %
    const auto p = propose(rules, log, "bc-red");
    REQUIRE(p.has_value());
    CHECK(p->from == Colour::red);
    CHECK(p->to == Colour::yellow);
    CHECK(p->rule_text == "1 tilsyn i træk under 10 % på begge akser: én farve ned");
    CHECK(p->evidence.size() == 1);

    // 15 % is above 10 but not above this policy's 20.
    log.supervise("bc-green", ymd(2027, 3, 1), 20, 3, 0);
    CHECK_FALSE(propose(rules, log, "bc-green").has_value());
    log.supervise("bc-green", ymd(2027, 4, 1), 20, 5, 0);  // 25 %
    REQUIRE(propose(rules, log, "bc-green").has_value());
    CHECK(propose(rules, log, "bc-green")->rule_text ==
          "fejlrate over 20 % på en akse: én farve op");
}

TEST_CASE("rerating: green cannot go lower") {
    const Rules rules = make_rules();
    Log log;
    for (int m = 2; m <= 7; ++m) log.supervise("bc-green", ymd(2027, m, 1), 20, 0, 0);
    CHECK_FALSE(propose(rules, log, "bc-green").has_value());
}
