// Unit tests for src/rerating.{h,cpp}: proposals from supervisions recorded through a real
// Store. A væsentlig finding proposes red at once; an error rate above the threshold on
// either axis proposes one colour up (exactly at the threshold is not above); N consecutive
// supervisions below the lower threshold on both axes propose one colour down (exactly at it
// is not below; one good supervision is not enough). Any decision on the area, a rejected
// one too, settles the evidence before it. Withdrawn entries do not count.

#include <doctest/doctest.h>

#include "test_support.h"

#include "error.h"
#include "rerating.h"
#include "rules_loader.h"
#include "store.h"

#include <string>
#include <vector>

namespace {

using namespace tilsyn;
using tilsyn::test::TempDir;

using tilsyn::test::ymd;

constexpr AxisScore green_score{1, 2};   // 2
constexpr AxisScore yellow_score{2, 3};  // 6
constexpr AxisScore red_score{3, 5};     // 15

const Date start = ymd(2027, 1, 1);  // every area's first assessment
const Date today = ymd(2027, 12, 31);

Area make_area(std::string id, AxisScore score) {
    Area a;
    a.id = std::move(id);
    a.name = a.id;
    Assessment as;
    as.date = start;
    as.sagsbehandling = score;
    as.statsrefusion = green_score;
    as.reason = "registret";
    a.assessments.push_back(as);
    return a;
}

/// One center "bc" with a green, a yellow and a red area, and the policy's re-rating rules.
Rules make_rules(RerateRules rerating = {}) {
    Rules rules;
    rules.dir = "regler";
    rules.policy.rerating = rerating;
    Center c;
    c.id = "bc";
    c.name = "Borgercenter";
    c.leaders.push_back({"ahl", "Anne Holm", "ahl@test.example", {}});
    c.areas.push_back(make_area("bc-green", green_score));
    c.areas.push_back(make_area("bc-yellow", yellow_score));
    c.areas.push_back(make_area("bc-red", red_score));
    rules.centers.push_back(std::move(c));
    return rules;
}

/// A findings log in a throw-away directory.
struct Log {
    TempDir dir{"tilsyn-rerate"};
    Store store{(dir.path / "tilsyn.db").string(), Store::Mode::create};

    /// Records a supervision (and its findings) in one write; returns its seq.
    std::int64_t supervise(const std::string& area, Date performed, std::int64_t cases,
                           std::int64_t errors_s, std::int64_t errors_r,
                           std::vector<FindingEntry> findings = {}) {
        std::int64_t seq = 0;
        store.write("2027-12-31T12:00:00Z", [&](Store::Writer& w) {
            SupervisionEntry s;
            s.area = area;
            s.center = "bc";
            s.leader = "ahl";
            s.performed = performed;
            s.cases = cases;
            s.errors_sagsbehandling = errors_s;
            s.errors_statsrefusion = errors_r;
            seq = w.append(s);
            for (FindingEntry f : findings) {
                f.supervision = seq;
                w.append(f);
            }
        });
        return seq;
    }

    std::int64_t decide(const std::string& area, Date day, Verdict verdict, Colour from, Colour to,
                        std::string rule = "error-rate") {
        std::int64_t seq = 0;
        store.write("2027-12-31T12:00:00Z", [&](Store::Writer& w) {
            DecisionEntry d;
            d.area = area;
            d.decided = day;
            d.verdict = verdict;
            d.from = from;
            d.to = to;
            d.rule = std::move(rule);
            d.reason = "besluttet";
            d.by = "Chef";
            seq = w.append(d);
        });
        return seq;
    }

    std::int64_t withdraw(std::int64_t target) {
        std::int64_t seq = 0;
        store.write("2027-12-31T12:00:00Z", [&](Store::Writer& w) {
            seq = w.append(CorrectionEntry{target, today, "fejl"});
        });
        return seq;
    }
};

FindingEntry material(std::string case_ref = "2027-004512") {
    FindingEntry f;
    f.case_ref = std::move(case_ref);
    f.axis = Axis::statsrefusion;
    f.category = "refusion";
    f.severity = Severity::vaesentlig;
    f.description = "For meget hjemtaget";
    return f;
}

FindingEntry minor() {
    FindingEntry f = material();
    f.axis = Axis::sagsbehandling;
    f.category = "partshøring";
    f.severity = Severity::mindre;
    return f;
}

/// The proposal for one area of make_rules(), read from the log as it is now.
std::optional<Proposal> propose(const Rules& rules, Log& log, const std::string& area, Date day = today) {
    const RerateInput input(rules, &log.store);
    const auto [c, a] = rules.find_area(area);
    REQUIRE(a != nullptr);
    return input.propose(*c, *a, day);
}

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
    log.supervise("bc-green", ymd(2027, 2, 1), 10, 1, 0);    // 10 %
    log.supervise("bc-green", ymd(2027, 3, 1), 20, 0, 2);    // 10 %
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
        CHECK(p->evidence[0] == "tilsyn #" + std::to_string(seq) +
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
        CHECK(p->evidence[0] == "fund #" + std::to_string(s + 1) + " i tilsyn #" + std::to_string(s) +
                                    " 2027-03-01: sag 2027-004512, statsrefusion, refusion");
    }
    SUBCASE("it wins over a high error rate") {
        Log log;
        log.supervise("bc-yellow", ymd(2027, 3, 1), 10, 5, 5, {material("A"), minor(), material("B")});
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
    CHECK_FALSE(propose(rules, log, "bc-yellow").has_value());  // two are not either
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
    CHECK(p->evidence[2] == "tilsyn #" + std::to_string(s3) +
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
    log.supervise("bc-yellow", ymd(2027, 6, 1), 20, 0, 0);  // good
    CHECK_FALSE(propose(rules, log, "bc-yellow").has_value());  // the middling one is in the last 3
    log.supervise("bc-yellow", ymd(2027, 7, 1), 20, 0, 0);  // good
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
    CHECK(propose(rules, log, "bc-green")->rule_text == "fejlrate over 20 % på en akse: én farve op");
}

TEST_CASE("rerating: green cannot go lower") {
    const Rules rules = make_rules();
    Log log;
    for (int m = 2; m <= 7; ++m) log.supervise("bc-green", ymd(2027, m, 1), 20, 0, 0);
    CHECK_FALSE(propose(rules, log, "bc-green").has_value());
}

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
    log.decide("bc-yellow", ymd(2027, 4, 15), Verdict::reject, Colour::yellow, Colour::green, "below-threshold");
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
    const auto d = log.decide("bc-green", ymd(2027, 3, 10), Verdict::accept, Colour::green, Colour::yellow);
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
    const auto d = log.decide("bc-green", ymd(2027, 3, 10), Verdict::accept, Colour::green, Colour::yellow);
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
    store.write("2027-12-31T12:00:00Z", [&](Store::Writer& w) {
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
        d("bc-a", ymd(2027, 5, 1), Verdict::accept);  // 1
        d("bc-a", ymd(2027, 3, 1), Verdict::set);     // 2: earlier date, later in the log
        d("bc-a", ymd(2027, 4, 1), Verdict::reject);  // 3: changes nothing
        d("bc-b", ymd(2027, 4, 1), Verdict::accept);  // 4: withdrawn below
        d("bc-a", ymd(2027, 5, 1), Verdict::set);     // 5: same day as 1, after it
        w.append(CorrectionEntry{4, ymd(2027, 4, 2), "fejl"});
    });
    const DecisionsByArea by_area = colour_decisions(store);
    CHECK(by_area.count("bc-b") == 0);
    REQUIRE(by_area.count("bc-a") == 1);
    std::vector<std::int64_t> order;
    for (const auto& ld : by_area.at("bc-a")) order.push_back(ld.seq);
    CHECK(order == std::vector<std::int64_t>{2, 1, 5});
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
    const Rules rules = load_rules(std::string(TILSYN_SOURCE_DIR) + "/tests/golden/fixtures/minimal");
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
