// Unit tests for src/plan/rating_timeline.{h,cpp}: an area's register assessments merged with the
// re-rating decisions of the log. A decision holds from its day until the next assessment
// (a fresh rating of the whole area); on the same day the assessment comes first, so the
// decision wins; on() before the first step gives the first step.

#include <doctest/doctest.h>

#include "plan/rating_timeline.h"
#include "test_support.h"

#include <span>
#include <string>
#include <vector>

namespace {

using namespace tilsyn;

using tilsyn::test::ymd;

constexpr AxisScore green_score{1, 2};   // 2 < 6
constexpr AxisScore yellow_score{2, 3};  // 6
constexpr AxisScore red_score{3, 5};     // 15

Assessment assessment(Date date, AxisScore s, AxisScore r, std::string reason) {
    Assessment a;
    a.date = date;
    a.sagsbehandling = s;
    a.statsrefusion = r;
    a.reason = std::move(reason);
    return a;
}

ColourDecision decided(std::int64_t seq, Date day, Colour /*from*/, Colour to, std::string reason,
                       bool manual = false) {
    return {seq, day, to, manual, "Chef", std::move(reason)};
}

Area area_with(std::vector<Assessment> assessments) {
    Area a;
    a.id = "bc-a";
    a.name = "Område A";
    a.assessments = std::move(assessments);
    return a;
}

}  // namespace

TEST_CASE("rating timeline: assessments only, without decisions") {
    const Policy policy;
    const Area area =
        area_with({assessment(ymd(2026, 10, 1), green_score, green_score, "grøn start"),
                   assessment(ymd(2027, 4, 1), yellow_score, green_score, "flere fejl"),
                   assessment(ymd(2027, 9, 15), red_score, yellow_score, "mange fejl")});
    {
        const RatingTimeline t(policy, area, nullptr);
        REQUIRE(t.steps().size() == 3);
        CHECK(t.steps()[0].from == ymd(2026, 10, 1));
        CHECK(t.steps()[0].rating.colour == Colour::green);
        CHECK(t.steps()[1].from == ymd(2027, 4, 1));
        CHECK(t.steps()[1].rating.colour == Colour::yellow);
        CHECK(t.steps()[1].rating.sagsbehandling == Colour::yellow);
        CHECK(t.steps()[1].rating.statsrefusion == Colour::green);
        CHECK(t.steps()[2].rating.colour == Colour::red);
        CHECK(t.steps()[2].rating.cadence == Cadence::every(1));
        for (std::size_t i = 0; i < 3; ++i) {
            CHECK(t.steps()[i].assessment == &area.assessments[i]);
            CHECK(t.steps()[i].decision == nullptr);
            CHECK_FALSE(t.steps()[i].rating.decided);
            CHECK(t.steps()[i].reason() == area.assessments[i].reason);
        }
        CHECK(t.steps()[1].source() == "vurdering 2027-04-01");

        CHECK(&t.on(ymd(2026, 10, 1)) == &t.steps()[0]);
        CHECK(&t.on(ymd(2027, 3, 31)) == &t.steps()[0]);
        CHECK(&t.on(ymd(2027, 4, 1)) == &t.steps()[1]);
        CHECK(&t.on(ymd(2027, 9, 14)) == &t.steps()[1]);
        CHECK(&t.on(ymd(2027, 9, 15)) == &t.steps()[2]);
        CHECK(&t.on(ymd(2099, 1, 1)) == &t.steps()[2]);
    }
    // An empty list of decisions is the same as none.
    const std::vector<ColourDecision> empty;
    const RatingTimeline t(policy, area, &empty);
    CHECK(t.steps().size() == 3);
}

TEST_CASE("rating timeline: on() before the first step gives the first step") {
    const Policy policy;
    const Area area = area_with({assessment(ymd(2027, 1, 1), yellow_score, yellow_score, "gul"),
                                 assessment(ymd(2027, 6, 1), green_score, green_score, "grøn")});
    const RatingTimeline t(policy, area, nullptr);
    CHECK(&t.on(ymd(2026, 12, 31)) == &t.steps()[0]);
    CHECK(&t.on(ymd(1990, 1, 1)) == &t.steps()[0]);
    CHECK(t.on(ymd(2026, 12, 31)).rating.colour == Colour::yellow);
}

TEST_CASE("rating timeline: a decision between assessments holds until the next assessment") {
    const Policy policy;
    const Area area =
        area_with({assessment(ymd(2027, 1, 1), green_score, green_score, "grøn"),
                   assessment(ymd(2027, 9, 1), green_score, green_score, "grøn igen")});
    const std::vector<ColourDecision> decisions{
        decided(12, ymd(2027, 3, 15), Colour::green, Colour::yellow, "fejlrate 30 %")};
    const RatingTimeline t(policy, area, &decisions);
    REQUIRE(t.steps().size() == 3);

    const RatingStep& before = t.on(ymd(2027, 3, 14));
    CHECK(before.rating.colour == Colour::green);
    CHECK(before.decision == nullptr);

    const RatingStep& during = t.on(ymd(2027, 3, 15));
    CHECK(&during == &t.steps()[1]);
    CHECK(during.from == ymd(2027, 3, 15));
    CHECK(during.rating.colour == Colour::yellow);
    CHECK(during.rating.cadence == policy.cadence_of(Colour::yellow));
    CHECK(during.rating.decided);
    CHECK_FALSE(during.rating.colour_overridden);
    CHECK_FALSE(during.rating.cadence_overridden);
    CHECK(during.decision == &decisions[0]);
    CHECK(during.assessment == &area.assessments[0]);  // the scores underneath
    CHECK(during.reason() == "fejlrate 30 %");
    CHECK(during.source() == "beslutning #12, 2027-03-15");
    CHECK(&t.on(ymd(2027, 8, 31)) == &during);

    // The later assessment supersedes the decision.
    const RatingStep& after = t.on(ymd(2027, 9, 1));
    CHECK(after.rating.colour == Colour::green);
    CHECK_FALSE(after.rating.decided);
    CHECK(after.decision == nullptr);
    CHECK(after.assessment == &area.assessments[1]);
    CHECK(after.reason() == "grøn igen");
}

TEST_CASE("rating timeline: a later assessment supersedes a decision even if it rates lower") {
    const Policy policy;
    const Area area =
        area_with({assessment(ymd(2027, 1, 1), yellow_score, green_score, "gul"),
                   assessment(ymd(2027, 6, 1), yellow_score, green_score, "stadig gul")});
    const std::vector<ColourDecision> decisions{
        decided(4, ymd(2027, 2, 1), Colour::yellow, Colour::red, "væsentligt fund"),
        decided(9, ymd(2027, 7, 1), Colour::yellow, Colour::green, "tre gode tilsyn")};
    const RatingTimeline t(policy, area, &decisions);
    REQUIRE(t.steps().size() == 4);
    CHECK(t.on(ymd(2027, 1, 31)).rating.colour == Colour::yellow);
    CHECK(t.on(ymd(2027, 2, 1)).rating.colour == Colour::red);
    CHECK(t.on(ymd(2027, 5, 31)).rating.colour == Colour::red);
    CHECK(t.on(ymd(2027, 6, 1)).rating.colour == Colour::yellow);  // red decision superseded
    CHECK(t.on(ymd(2027, 6, 1)).decision == nullptr);
    CHECK(t.on(ymd(2027, 7, 1)).rating.colour == Colour::green);  // a decision after it holds
    CHECK(t.on(ymd(2027, 7, 1)).assessment == &area.assessments[1]);
    CHECK(t.on(ymd(2027, 7, 1)).source() == "beslutning #9, 2027-07-01");
}

TEST_CASE("rating timeline: several decisions in a row each take over") {
    const Policy policy;
    const Area area = area_with({assessment(ymd(2027, 1, 1), green_score, green_score, "grøn")});
    const std::vector<ColourDecision> decisions{
        decided(2, ymd(2027, 2, 1), Colour::green, Colour::yellow, "op"),
        decided(3, ymd(2027, 3, 1), Colour::yellow, Colour::red, "op igen"),
        decided(5, ymd(2027, 5, 1), Colour::red, Colour::yellow, "ned", true)};
    const RatingTimeline t(policy, area, &decisions);
    REQUIRE(t.steps().size() == 4);
    CHECK(t.steps()[1].rating.colour == Colour::yellow);
    CHECK(t.steps()[2].rating.colour == Colour::red);
    CHECK(t.steps()[2].rating.cadence == Cadence::every(1));
    CHECK(t.steps()[3].rating.colour == Colour::yellow);
    CHECK(t.steps()[3].rating.cadence == Cadence::every(3));
    CHECK(t.steps()[3].decision == &decisions[2]);
    for (const RatingStep& s : t.steps()) CHECK(s.assessment == &area.assessments[0]);
}

TEST_CASE("rating timeline: on the same day the assessment comes first and the decision wins") {
    const Policy policy;
    const Area area = area_with({assessment(ymd(2027, 1, 1), green_score, green_score, "grøn"),
                                 assessment(ymd(2027, 4, 1), red_score, red_score, "rød")});
    const std::vector<ColourDecision> decisions{
        decided(7, ymd(2027, 4, 1), Colour::red, Colour::yellow, "besluttet samme dag")};
    const RatingTimeline t(policy, area, &decisions);
    REQUIRE(t.steps().size() == 2);  // one step per day
    const RatingStep& s = t.on(ymd(2027, 4, 1));
    CHECK(s.from == ymd(2027, 4, 1));
    CHECK(s.rating.colour == Colour::yellow);
    CHECK(s.decision == &decisions[0]);
    CHECK(s.assessment == &area.assessments[1]);    // the same-day assessment is underneath
    CHECK(s.rating.sagsbehandling == Colour::red);  // its axis colours are kept
    CHECK(s.reason() == "besluttet samme dag");
}

TEST_CASE("rating timeline: two decisions on one day: the later in the list wins") {
    const Policy policy;
    const Area area = area_with({assessment(ymd(2027, 1, 1), green_score, green_score, "grøn")});
    const std::vector<ColourDecision> decisions{
        decided(3, ymd(2027, 3, 1), Colour::green, Colour::red, "først"),
        decided(4, ymd(2027, 3, 1), Colour::green, Colour::yellow, "rettet samme dag")};
    const RatingTimeline t(policy, area, &decisions);
    REQUIRE(t.steps().size() == 2);
    CHECK(t.on(ymd(2027, 3, 1)).rating.colour == Colour::yellow);
    CHECK(t.on(ymd(2027, 3, 1)).decision == &decisions[1]);
}

TEST_CASE("rating timeline: a decision dated before the first assessment") {
    const Policy policy;
    const Area area = area_with({assessment(ymd(2027, 1, 1), green_score, green_score, "grøn")});
    const std::vector<ColourDecision> decisions{
        decided(1, ymd(2026, 12, 1), Colour::green, Colour::red, "før registret")};
    const RatingTimeline t(policy, area, &decisions);
    REQUIRE(t.steps().size() == 2);
    CHECK(t.steps()[0].from == ymd(2026, 12, 1));
    CHECK(t.steps()[0].rating.colour == Colour::red);
    CHECK(t.steps()[0].assessment == &area.assessments[0]);
    // The assessment, being later, supersedes it.
    CHECK(t.on(ymd(2027, 1, 1)).rating.colour == Colour::green);
    CHECK(t.on(ymd(2026, 11, 1)).rating.colour == Colour::red);  // before the first: the first
}

TEST_CASE("rating timeline: a decision replaces overrides of the assessment underneath") {
    const Policy policy;
    Assessment a =
        assessment(ymd(2027, 1, 1), green_score, green_score, "grøn, men tilsyn hver måned");
    a.colour_override = Override<Colour>{Colour::yellow, "politisk fokus"};
    a.cadence_override = Override<Cadence>{Cadence::every(1), "nyt system"};
    const Area area = area_with({a});
    const std::vector<ColourDecision> decisions{
        decided(8, ymd(2027, 5, 1), Colour::yellow, Colour::red, "væsentligt fund")};
    const RatingTimeline t(policy, area, &decisions);
    const RatingStep& first = t.on(ymd(2027, 1, 1));
    CHECK(first.rating.colour == Colour::yellow);
    CHECK(first.rating.colour_overridden);
    CHECK(first.rating.cadence == Cadence::every(1));
    CHECK(first.rating.cadence_overridden);

    const RatingStep& second = t.on(ymd(2027, 5, 1));
    CHECK(second.rating.colour == Colour::red);
    CHECK(second.rating.cadence == policy.cadence_of(Colour::red));
    CHECK_FALSE(second.rating.colour_overridden);
    CHECK_FALSE(second.rating.cadence_overridden);
    CHECK(second.rating.decided);
}

TEST_CASE("rating timeline: steps are in date order and on() agrees with a linear search") {
    const Policy policy;
    const Area area = area_with({assessment(ymd(2027, 1, 1), green_score, green_score, "1"),
                                 assessment(ymd(2027, 3, 1), yellow_score, green_score, "2"),
                                 assessment(ymd(2027, 8, 1), red_score, green_score, "3")});
    const std::vector<ColourDecision> decisions{
        decided(1, ymd(2027, 2, 10), Colour::green, Colour::yellow, "a"),
        decided(2, ymd(2027, 3, 1), Colour::yellow, Colour::red, "b"),
        decided(3, ymd(2027, 5, 20), Colour::red, Colour::yellow, "c"),
        decided(4, ymd(2027, 12, 31), Colour::red, Colour::green, "d")};
    const RatingTimeline t(policy, area, &decisions);
    REQUIRE(t.steps().size() == 6);
    for (std::size_t i = 1; i < t.steps().size(); ++i)
        CHECK(t.steps()[i - 1].from < t.steps()[i].from);
    for (Date day = ymd(2026, 12, 1); day <= ymd(2028, 1, 31); day += boost::gregorian::days(1)) {
        const RatingStep* expected = &t.steps().front();
        for (const RatingStep& s : t.steps())
            if (s.from <= day) expected = &s;
        CHECK(&t.on(day) == expected);
    }
}

TEST_CASE("rating timeline: append_rating_steps keeps each area's steps apart") {
    const Policy policy;
    const Area a = area_with({assessment(ymd(2027, 1, 1), green_score, green_score, "a1"),
                              assessment(ymd(2027, 6, 1), red_score, green_score, "a2")});
    Area b = area_with({assessment(ymd(2027, 6, 1), yellow_score, green_score, "b1")});
    b.id = "bc-b";
    const std::vector<ColourDecision> decisions_b{
        decided(3, ymd(2027, 6, 1), Colour::yellow, Colour::green, "samme dag")};

    std::vector<RatingStep> steps;
    append_rating_steps(policy, a, nullptr, steps);
    REQUIRE(steps.size() == 2);
    append_rating_steps(policy, b, &decisions_b, steps);
    // b's first step starts on the day a's last one does; it must not replace it.
    REQUIRE(steps.size() == 3);
    CHECK(steps[1].assessment == &a.assessments[1]);
    CHECK(steps[1].rating.colour == Colour::red);
    CHECK(steps[2].assessment == &b.assessments[0]);
    CHECK(steps[2].decision == &decisions_b[0]);
    CHECK(steps[2].rating.colour == Colour::green);

    // step_on over each area's own span.
    const std::span<const RatingStep> of_a(steps.data(), 2), of_b(steps.data() + 2, 1);
    CHECK(&step_on(of_a, ymd(2026, 1, 1)) == &steps[0]);
    CHECK(&step_on(of_a, ymd(2027, 5, 31)) == &steps[0]);
    CHECK(&step_on(of_a, ymd(2027, 6, 1)) == &steps[1]);
    CHECK(&step_on(of_b, ymd(2027, 1, 1)) == &steps[2]);
    CHECK(&step_on(of_b, ymd(2028, 1, 1)) == &steps[2]);

    // The same steps as a RatingTimeline of each area.
    const RatingTimeline ta(policy, a, nullptr), tb(policy, b, &decisions_b);
    REQUIRE(ta.steps().size() == 2);
    REQUIRE(tb.steps().size() == 1);
    CHECK(tb.steps()[0].rating.colour == steps[2].rating.colour);
    CHECK(tb.steps()[0].decision == steps[2].decision);
}
