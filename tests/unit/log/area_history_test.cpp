// Unit tests for an area's history (src/log/area_history.*): the steps of its colour with their
// sources and reasons, decisions that changed nothing on their day, the closing day, and the
// rating in force. `tilsyn history` prints the same (tests/golden/cases/history-*.test).

#include <doctest/doctest.h>

#include "log/area_history.h"
#include "log/rerating_support.h"

#include <string>

namespace {

using namespace tilsyn;
using namespace tilsyn::test;

Inputs inputs_of(Rules rules, Store* store) {
    Inputs in{std::move(rules), WorkCalendar{}, {}};
    in.calendar = WorkCalendar(in.rules.policy.closing_days);
    if (store) in.decisions = colour_decisions(*store);
    return in;
}

AreaHistory history_of(const Inputs& in, Store* store, const std::string& id, Date day) {
    const auto [center, area] = in.rules.find_area(id);
    REQUIRE(area != nullptr);
    return area_history(in, store, *center, *area, day);
}

}  // namespace

TEST_CASE("area history: without a log, one step per assessment, with its rating and reason") {
    Rules rules = make_rules();
    Assessment later = rules.centers[0].areas[1].assessments[0];
    later.date = ymd(2027, 6, 1);
    later.sagsbehandling = red_score;
    later.reason = "Nye regler";
    rules.centers[0].areas[1].assessments.push_back(later);
    const Inputs in = inputs_of(std::move(rules), nullptr);

    const AreaHistory h = history_of(in, nullptr, "bc-yellow", ymd(2027, 3, 1));
    REQUIRE(h.events.size() == 2);
    CHECK(h.events[0].day == start);
    REQUIRE(h.events[0].rating.has_value());
    CHECK(h.events[0].rating->colour == Colour::yellow);
    CHECK(h.events[0].what == "vurdering 2027-01-01");
    CHECK(h.events[0].reason == "registret");
    CHECK(h.events[1].day == ymd(2027, 6, 1));
    CHECK(h.events[1].rating->colour == Colour::red);
    CHECK(h.events[1].reason == "Nye regler");
    // In force on the day asked about, not the latest step.
    CHECK_FALSE(h.closed);
    CHECK(h.in_force.colour == Colour::yellow);
    CHECK(history_of(in, nullptr, "bc-yellow", ymd(2027, 6, 1)).in_force.colour == Colour::red);
}

TEST_CASE("area history: accepted, rejected and withdrawn decisions, each on its day") {
    Log log;
    const auto accepted =
        log.decide("bc-yellow", ymd(2027, 3, 15), Verdict::accept, Colour::yellow, Colour::red);
    const auto rejected =
        log.decide("bc-green", ymd(2027, 4, 10), Verdict::reject, Colour::green, Colour::yellow);
    const auto set =
        log.decide("bc-green", ymd(2027, 5, 3), Verdict::set, Colour::green, Colour::red, "manual");
    const auto correction = log.withdraw(set);
    const Inputs in = inputs_of(make_rules(), &log.store);

    const AreaHistory yellow = history_of(in, &log.store, "bc-yellow", ymd(2027, 6, 1));
    REQUIRE(yellow.events.size() == 2);
    REQUIRE(yellow.events[1].rating.has_value());
    CHECK(yellow.events[1].day == ymd(2027, 3, 15));
    CHECK(yellow.events[1].rating->colour == Colour::red);
    CHECK(yellow.events[1].rating->decided);
    // The plan follows a decision from the next period it reaches, which the history says.
    CHECK(yellow.events[1].what == "beslutning #" + std::to_string(accepted) +
                                       ", 2027-03-15, forslag accepteret af Chef; planlagt fra "
                                       "2027-04-01");
    CHECK(yellow.events[1].reason == "besluttet");
    CHECK(yellow.in_force.colour == Colour::red);

    const AreaHistory green = history_of(in, &log.store, "bc-green", ymd(2027, 12, 31));
    REQUIRE(green.events.size() == 3);
    CHECK(green.events[0].rating.has_value());
    CHECK(green.events[1].day == ymd(2027, 4, 10));
    CHECK_FALSE(green.events[1].rating.has_value());
    CHECK(green.events[1].what ==
          "beslutning #" + std::to_string(rejected) + ", grøn -> gul afvist af Chef");
    // The withdrawn decision is no step of the colour: it shows on the correction's day, with
    // the correction's reason.
    CHECK(green.events[2].day == today);
    CHECK_FALSE(green.events[2].rating.has_value());
    CHECK(green.events[2].what == "beslutning #" + std::to_string(set) +
                                      ", grøn -> rød (2027-05-03) trukket tilbage ved rettelse #" +
                                      std::to_string(correction));
    CHECK(green.events[2].reason == "fejl");
    CHECK(green.in_force.colour == Colour::green);
}

TEST_CASE("area history: a closed area ends with its closing day, and is closed from it") {
    Rules rules = make_rules();
    rules.centers[0].source = "regler/bc.toml";
    rules.centers[0].areas[2].closed = Closure{ymd(2027, 9, 1), "Opgaven flyttet"};
    const Inputs in = inputs_of(std::move(rules), nullptr);

    const AreaHistory before = history_of(in, nullptr, "bc-red", ymd(2027, 8, 31));
    REQUIRE(before.events.size() == 2);
    CHECK(before.events.back().day == ymd(2027, 9, 1));
    CHECK_FALSE(before.events.back().rating.has_value());
    CHECK(before.events.back().what == "lukket (regler/bc.toml)");
    CHECK(before.events.back().reason == "Opgaven flyttet");
    CHECK_FALSE(before.closed);
    CHECK(before.in_force.colour == Colour::red);
    CHECK(history_of(in, nullptr, "bc-red", ymd(2027, 9, 1)).closed);
}
