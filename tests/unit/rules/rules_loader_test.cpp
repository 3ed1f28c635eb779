// Unit tests for src/rules/rules_loader.{h,cpp} beyond the goldens: every repeated area id
// reported in register order, and a missing directory.

#include <doctest/doctest.h>

#include "base/error.h"
#include "rules/diagnostics.h"
#include "rules/rules_loader.h"
#include "test_support.h"

#include <initializer_list>
#include <string>
#include <vector>

using tilsyn::test::TempDir;

TEST_CASE(
    "load_rules: reports every repeated area id in register order, each against its first "
    "definition") {
    TempDir dir;
    // A register with one area per id, the area's id on line 8 + 11 * its position.
    auto center = [](const std::string& id, std::initializer_list<std::string> areas) {
        std::string text =
            "id = \"" + id + "\"\nname = \"Center " + id +
            "\"\n[[leaders]]\nid = \"l\"\nname = \"Leder\"\nemail = \"l@lejre.example\"\n";
        for (const std::string& area : areas)
            text += "[[areas]]\nid = \"" + area +
                    "\"\nname = \"Område\"\nkind = \"målgruppe\"\nleader = \"l\"\nfocus = \"Alt\"\n"
                    "  [[areas.assessments]]\n  date = 2026-10-15\n"
                    "  sagsbehandling = { likelihood = 1, consequence = 1 }\n"
                    "  statsrefusion = { likelihood = 1, consequence = 1 }\n  reason = \"Grøn\"\n";
        return text;
    };
    dir.write("a.toml", center("a", {"x", "y"}));
    dir.write("b.toml", center("b", {"y", "w", "z"}));
    dir.write("c.toml", center("c", {"x", "z"}));
    const std::string a = (dir.path / "a.toml").string(), b = (dir.path / "b.toml").string(),
                      c = (dir.path / "c.toml").string();
    try {
        tilsyn::load_rules(dir.path.string());
        FAIL("repeated area ids were accepted");
    } catch (const tilsyn::RulesError& e) {
        std::vector<std::string> got;
        for (const auto& d : e.diagnostics())
            got.push_back(d.place.file + ":" + std::to_string(d.place.line) + ":" +
                          std::to_string(d.place.column) + ": " + d.message);
        CHECK(got == std::vector<std::string>{
                         b + ":8:6: duplicate area id \"y\" (first defined at " + a + ":19)",
                         c + ":8:6: duplicate area id \"x\" (first defined at " + a + ":8)",
                         c + ":19:6: duplicate area id \"z\" (first defined at " + b + ":30)",
                     });
    }
}

TEST_CASE("load_rules: reports a missing directory as InputError") {
    CHECK_THROWS_AS(tilsyn::load_rules("/nonexistent/tilsyn/rules"), tilsyn::InputError);
}
