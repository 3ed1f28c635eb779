// Unit tests for src/plan/export/plan_json.cpp beyond the goldens: a plan of many areas, streamed
// an occurrence at a time, is one JSON document, with one object per occurrence in the plan's
// order, each pretty-printed one level in.

#include <doctest/doctest.h>

#include "large_rules.h"
#include "plan/export/plan_formats.h"
#include "plan/plan.h"

#include <nlohmann/json.hpp>

#include <sstream>
#include <string>

namespace {

using Json = nlohmann::ordered_json;

// The reference for the layout: nlohmann's own indented dump, each line but the first moved
// four spaces right.
std::string indented(const Json& j) {
    std::string out;
    for (char c : j.dump(2)) {
        out += c;
        if (c == '\n') out += "    ";
    }
    return out;
}

}  // namespace

TEST_CASE("plan_json: a plan of many areas is one document, an object per occurrence in order") {
    const tilsyn::Rules rules = tilsyn::test::large_rules(150);
    const tilsyn::Plan plan = tilsyn::test::plan_2027(rules);
    std::ostringstream out;
    tilsyn::write_plan_json(out, plan, rules);
    const std::string text = out.str();

    const Json doc = Json::parse(text);
    const Json& items = doc.at("occurrences");
    REQUIRE(items.size() == plan.occurrences.size());
    std::size_t overridden = 0;
    std::string layout;
    for (std::size_t i = 0; i < items.size(); ++i) {
        INFO("occurrence " << i);
        const tilsyn::Occurrence& o = plan.occurrences[i];
        const Json& j = items[i];
        REQUIRE(j.size() == 29);
        REQUIRE(j.at("uid") == o.uid(rules.policy.uid_domain));
        REQUIRE(j.at("area") == o.area->name);
        REQUIRE(j.at("planned_date") == tilsyn::iso(o.planned));
        REQUIRE(j.at("due_date") == tilsyn::iso(o.due));
        REQUIRE(j.at("reason") == o.step->reason());
        REQUIRE(j.at("sagsbehandling").at("likelihood") ==
                o.assessment().sagsbehandling.likelihood);
        REQUIRE(j.at("cadence_overridden") == o.rating().cadence_overridden);
        REQUIRE(j.at("decision").is_null());  // no findings log here
        REQUIRE(j.at("sequence") == o.sequence);
        REQUIRE(j.at("last_modified") == tilsyn::iso(o.modified));
        overridden += o.rating().cadence_overridden;
        layout += (i == 0 ? "\n    " : ",\n    ") + indented(j);
    }
    CHECK(overridden > 0);  // values of both kinds were written, not only the first seen
    CHECK(doc.at("cancelled").size() == plan.cancelled.size());
    CHECK(text.find("\"occurrences\": [" + layout + "\n  ]") != std::string::npos);
}
