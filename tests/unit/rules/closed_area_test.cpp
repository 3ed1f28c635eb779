// Unit tests for an area's `closed = { date, reason }` in src/rules/risk_register.cpp: read with
// its reason, after every assessment, each problem with file:line:col.

#include <doctest/doctest.h>

#include "rules/policy.h"
#include "rules/risk_register.h"

#include <string>

using namespace tilsyn;

namespace {

std::string register_with(const std::string& closed_line) {
    return "id = \"c\"\nname = \"Center\"\n"
           "[[leaders]]\nid = \"l\"\nname = \"Leder\"\nemail = \"l@lejre.example\"\n"
           "[[areas]]\nid = \"a\"\nname = \"Område\"\nkind = \"målgruppe\"\nleader = \"l\"\n"
           "focus = \"Alt\"\n" +
           closed_line +
           "\n  [[areas.assessments]]\n  date = 2026-10-15\n"
           "  sagsbehandling = { likelihood = 1, consequence = 1 }\n"
           "  statsrefusion = { likelihood = 1, consequence = 1 }\n  reason = \"Grøn\"\n";
}

std::string first_problem(const std::string& closed_line) {
    Diagnostics diags;
    (void)read_register("c.toml", register_with(closed_line), Policy{}, diags);
    return diags.empty() ? std::string()
                         : std::to_string(diags.items().front().place.line) + ":" +
                               std::to_string(diags.items().front().place.column) + ": " +
                               diags.items().front().message;
}

}  // namespace

TEST_CASE("closed area: the closing day and its reason are read") {
    Diagnostics diags;
    const Center c = read_register(
        "c.toml", register_with("closed = { date = 2027-05-15, reason = \"Flyttet\" }"), Policy{},
        diags);
    REQUIRE(diags.empty());
    REQUIRE(c.areas.size() == 1);
    REQUIRE(c.areas[0].closed);
    CHECK(c.areas[0].closed->date == Date(2027, 5, 15));
    CHECK(c.areas[0].closed->reason == "Flyttet");
    Diagnostics none;
    CHECK_FALSE(read_register("c.toml", register_with(""), Policy{}, none).areas[0].closed);
}

TEST_CASE("closed area: a closing day needs a reason and must follow every assessment") {
    CHECK(first_problem("closed = { date = 2027-05-15 }").find("'reason'") != std::string::npos);
    CHECK(first_problem("closed = { reason = \"Flyttet\" }").find("'date'") != std::string::npos);
    CHECK(first_problem("closed = { date = 2026-10-15, reason = \"Flyttet\" }") ==
          "13:10: area \"a\" is closed on 2026-10-15, not after its assessment dated 2026-10-15");
    CHECK(first_problem("closed = { date = 2027-05-15, reason = \"Flyttet\", by = \"x\" }")
              .find("unknown key 'by'") != std::string::npos);
    CHECK(first_problem("closed = 2027-05-15").find("closed") != std::string::npos);
}
