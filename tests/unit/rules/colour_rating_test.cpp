// Unit tests for src/rules/colour.{h,cpp} and src/rules/rating.{h,cpp}: colour names, the "worse"
// order, scores and thresholds per axis, and the rating in force (worse axis, then overrides).

#include <doctest/doctest.h>

#include "rules/colour.h"
#include "rules/rating.h"

#include <string_view>

namespace {

using tilsyn::Assessment;
using tilsyn::AxisScore;
using tilsyn::Cadence;
using tilsyn::Colour;
using tilsyn::Policy;

Assessment assessment(AxisScore sagsbehandling, AxisScore statsrefusion) {
    Assessment a;
    a.date = tilsyn::Date(2027, 1, 15);
    a.sagsbehandling = sagsbehandling;
    a.statsrefusion = statsrefusion;
    a.reason = "test";
    return a;
}

constexpr AxisScore green_score{1, 5};   // 5
constexpr AxisScore yellow_score{2, 3};  // 6
constexpr AxisScore red_score{3, 5};     // 15

}  // namespace

TEST_CASE("colour: parse_colour accepts English and Danish names only") {
    CHECK(tilsyn::parse_colour("red") == Colour::red);
    CHECK(tilsyn::parse_colour("rød") == Colour::red);
    CHECK(tilsyn::parse_colour("yellow") == Colour::yellow);
    CHECK(tilsyn::parse_colour("gul") == Colour::yellow);
    CHECK(tilsyn::parse_colour("green") == Colour::green);
    CHECK(tilsyn::parse_colour("grøn") == Colour::green);
    for (std::string_view text : {"Red", "RED", "Rød", "rod", "groen", "blue", "orange", "amber",
                                  "", " red", "red ", "r", "grønt", "gult", "rødt", "0", "2"}) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(tilsyn::parse_colour(text).has_value());
    }
}

TEST_CASE("colour: tokens and Danish names round-trip") {
    for (Colour c : {Colour::green, Colour::yellow, Colour::red}) {
        CHECK(tilsyn::parse_colour(tilsyn::colour_token(c)) == c);
        CHECK(tilsyn::parse_colour(tilsyn::colour_danish(c)) == c);
    }
    CHECK(tilsyn::colour_token(Colour::red) == "red");
    CHECK(tilsyn::colour_token(Colour::yellow) == "yellow");
    CHECK(tilsyn::colour_token(Colour::green) == "green");
    CHECK(tilsyn::colour_danish(Colour::red) == "rød");
    CHECK(tilsyn::colour_danish(Colour::yellow) == "gul");
    CHECK(tilsyn::colour_danish(Colour::green) == "grøn");
}

TEST_CASE("colour: worse picks the higher risk, in either order") {
    using tilsyn::worse;
    CHECK(worse(Colour::green, Colour::green) == Colour::green);
    CHECK(worse(Colour::green, Colour::yellow) == Colour::yellow);
    CHECK(worse(Colour::yellow, Colour::green) == Colour::yellow);
    CHECK(worse(Colour::yellow, Colour::red) == Colour::red);
    CHECK(worse(Colour::red, Colour::yellow) == Colour::red);
    CHECK(worse(Colour::green, Colour::red) == Colour::red);
    CHECK(worse(Colour::red, Colour::green) == Colour::red);
    CHECK(worse(Colour::red, Colour::red) == Colour::red);
    CHECK(worse(Colour::yellow, Colour::yellow) == Colour::yellow);
}

TEST_CASE("rating: default policy matches docs/rules.md") {
    const Policy p;
    CHECK(p.method == tilsyn::RatingMethod::product);
    CHECK(p.red_from == 15);
    CHECK(p.yellow_from == 6);
    CHECK(p.likelihood.min == 1);
    CHECK(p.likelihood.max == 5);
    CHECK(p.consequence.min == 1);
    CHECK(p.consequence.max == 5);
    CHECK(p.cadence_of(Colour::red) == Cadence::every(1));
    CHECK(p.cadence_of(Colour::yellow) == Cadence::every(3));
    CHECK(p.cadence_of(Colour::green) == Cadence::every(6));
}

TEST_CASE("rating: axis_score and axis_colour on the default thresholds (product)") {
    const Policy p;
    struct Case {
        AxisScore s;
        int score;
        Colour colour;
    };
    const Case cases[] = {
        {{1, 1}, 1, Colour::green},   {{1, 5}, 5, Colour::green},   {{5, 1}, 5, Colour::green},
        {{2, 3}, 6, Colour::yellow},  {{3, 2}, 6, Colour::yellow},  {{3, 4}, 12, Colour::yellow},
        {{2, 7}, 14, Colour::yellow}, {{7, 2}, 14, Colour::yellow}, {{3, 5}, 15, Colour::red},
        {{5, 3}, 15, Colour::red},    {{4, 4}, 16, Colour::red},    {{5, 5}, 25, Colour::red},
    };
    for (const auto& c : cases) {
        INFO("likelihood " << c.s.likelihood << ", consequence " << c.s.consequence);
        CHECK(tilsyn::axis_score(p, c.s) == c.score);
        CHECK(tilsyn::axis_colour(p, c.s) == c.colour);
    }
    // Every product on the 1-5 scales: green 1-5, yellow 6-14, red 15-25.
    for (int l = 1; l <= 5; ++l)
        for (int k = 1; k <= 5; ++k) {
            const int score = l * k;
            const Colour expected = score >= 15  ? Colour::red
                                    : score >= 6 ? Colour::yellow
                                                 : Colour::green;
            INFO("l=" << l << " k=" << k);
            CHECK(tilsyn::axis_colour(p, {l, k}) == expected);
        }
}

TEST_CASE("rating: axis_score and axis_colour with method = sum") {
    Policy p;
    p.method = tilsyn::RatingMethod::sum;
    CHECK(tilsyn::axis_score(p, {2, 3}) == 5);
    CHECK(tilsyn::axis_colour(p, {2, 3}) == Colour::green);
    CHECK(tilsyn::axis_score(p, {3, 3}) == 6);
    CHECK(tilsyn::axis_colour(p, {3, 3}) == Colour::yellow);
    CHECK(tilsyn::axis_score(p, {5, 5}) == 10);
    CHECK(tilsyn::axis_colour(p, {5, 5}) == Colour::yellow);  // 15 is out of reach with sums of 1-5
    CHECK(tilsyn::axis_score(p, {1, 1}) == 2);
    CHECK(tilsyn::axis_colour(p, {1, 1}) == Colour::green);

    p.yellow_from = 5;
    p.red_from = 8;
    CHECK(tilsyn::axis_colour(p, {2, 2}) == Colour::green);   // 4
    CHECK(tilsyn::axis_colour(p, {2, 3}) == Colour::yellow);  // 5
    CHECK(tilsyn::axis_colour(p, {3, 4}) == Colour::yellow);  // 7
    CHECK(tilsyn::axis_colour(p, {4, 4}) == Colour::red);     // 8
    CHECK(tilsyn::axis_colour(p, {3, 5}) == Colour::red);     // 8
}

TEST_CASE("rating: custom thresholds move the edges") {
    Policy p;
    p.yellow_from = 4;
    p.red_from = 10;
    CHECK(tilsyn::axis_colour(p, {1, 3}) == Colour::green);   // 3
    CHECK(tilsyn::axis_colour(p, {2, 2}) == Colour::yellow);  // 4
    CHECK(tilsyn::axis_colour(p, {3, 3}) == Colour::yellow);  // 9
    CHECK(tilsyn::axis_colour(p, {2, 5}) == Colour::red);     // 10
}

TEST_CASE("rating: rate takes the worse of the two axes") {
    const Policy p;
    struct Case {
        AxisScore sb, sr;
        Colour sb_colour, sr_colour, colour;
    };
    const Case cases[] = {
        {green_score, green_score, Colour::green, Colour::green, Colour::green},
        {green_score, yellow_score, Colour::green, Colour::yellow, Colour::yellow},
        {yellow_score, green_score, Colour::yellow, Colour::green, Colour::yellow},
        {red_score, green_score, Colour::red, Colour::green, Colour::red},
        {green_score, red_score, Colour::green, Colour::red, Colour::red},
        {yellow_score, red_score, Colour::yellow, Colour::red, Colour::red},
        {red_score, yellow_score, Colour::red, Colour::yellow, Colour::red},
        {yellow_score, yellow_score, Colour::yellow, Colour::yellow, Colour::yellow},
    };
    for (const auto& c : cases) {
        const tilsyn::Rating r = tilsyn::rate(p, assessment(c.sb, c.sr));
        INFO("expected " << tilsyn::colour_token(c.colour) << ", got "
                         << tilsyn::colour_token(r.colour));
        CHECK(r.sagsbehandling == c.sb_colour);
        CHECK(r.statsrefusion == c.sr_colour);
        CHECK(r.colour == c.colour);
        CHECK(r.cadence == p.cadence_of(c.colour));
        CHECK_FALSE(r.colour_overridden);
        CHECK_FALSE(r.cadence_overridden);
    }
    CHECK(tilsyn::rate(p, assessment(red_score, green_score)).cadence == Cadence::every(1));
    CHECK(tilsyn::rate(p, assessment(yellow_score, green_score)).cadence == Cadence::every(3));
    CHECK(tilsyn::rate(p, assessment(green_score, green_score)).cadence == Cadence::every(6));
}

TEST_CASE("rating: the policy's cadence per colour is used") {
    Policy p;
    p.cadence = {Cadence::every(12), Cadence::every(4), Cadence::every(2)};  // green, yellow, red
    CHECK(tilsyn::rate(p, assessment(red_score, green_score)).cadence == Cadence::every(2));
    CHECK(tilsyn::rate(p, assessment(yellow_score, green_score)).cadence == Cadence::every(4));
    CHECK(tilsyn::rate(p, assessment(green_score, green_score)).cadence == Cadence::every(12));
}

TEST_CASE("rating: a colour override wins and brings its colour's cadence") {
    const Policy p;
    SUBCASE("computed red, overridden to green") {
        Assessment a = assessment(red_score, yellow_score);
        a.colour_override = tilsyn::Override<Colour>{Colour::green, "Nyt system"};
        const auto r = tilsyn::rate(p, a);
        CHECK(r.colour == Colour::green);
        CHECK(r.colour_overridden);
        CHECK_FALSE(r.cadence_overridden);
        CHECK(r.sagsbehandling == Colour::red);  // the axes still show what was computed
        CHECK(r.statsrefusion == Colour::yellow);
        CHECK(r.cadence == Cadence::every(6));  // green's cadence, not red's
    }
    SUBCASE("computed green, overridden to red") {
        Assessment a = assessment(green_score, green_score);
        a.colour_override = tilsyn::Override<Colour>{Colour::red, "Intensiveret tilsyn"};
        const auto r = tilsyn::rate(p, a);
        CHECK(r.colour == Colour::red);
        CHECK(r.colour_overridden);
        CHECK(r.sagsbehandling == Colour::green);
        CHECK(r.statsrefusion == Colour::green);
        CHECK(r.cadence == Cadence::every(1));
    }
    SUBCASE("override equal to the computed colour is still recorded as an override") {
        Assessment a = assessment(yellow_score, green_score);
        a.colour_override = tilsyn::Override<Colour>{Colour::yellow, "Bekræftet"};
        const auto r = tilsyn::rate(p, a);
        CHECK(r.colour == Colour::yellow);
        CHECK(r.colour_overridden);
    }
}

TEST_CASE("rating: a cadence override replaces the colour's cadence but not the colour") {
    const Policy p;
    Assessment a = assessment(red_score, green_score);
    a.cadence_override = tilsyn::Override<Cadence>{Cadence::every(2), "Ressourcer"};
    auto r = tilsyn::rate(p, a);
    CHECK(r.colour == Colour::red);
    CHECK_FALSE(r.colour_overridden);
    CHECK(r.cadence == Cadence::every(2));
    CHECK(r.cadence_overridden);

    // Both overrides: the cadence override wins over the overridden colour's cadence.
    a.colour_override = tilsyn::Override<Colour>{Colour::green, "Grøn"};
    a.cadence_override = tilsyn::Override<Cadence>{Cadence::every(12), "Årligt"};
    r = tilsyn::rate(p, a);
    CHECK(r.colour == Colour::green);
    CHECK(r.colour_overridden);
    CHECK(r.cadence == Cadence::every(12));
    CHECK(r.cadence_overridden);
}
