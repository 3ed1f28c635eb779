// Unit tests for src/rules/diagnostics.{h,cpp}: a problem with its source line and caret, a
// listing that quotes several files, and RulesError's message capped at the first 100
// problems (issue 20) while diagnostics() keeps them all.

#include <doctest/doctest.h>

#include "rules/diagnostics.h"
#include "test_support.h"

#include <string>
#include <vector>

using tilsyn::Diagnostic;
using tilsyn::test::TempDir;

namespace {

// A file of n lines "keyN = N", N from 1, and one "unknown key" problem at column 1 of each.
std::vector<Diagnostic> problems_in(const TempDir& dir, const std::string& name, int n) {
    std::string text;
    std::vector<Diagnostic> ds;
    const std::string file = (dir.path / name).string();
    for (int i = 1; i <= n; ++i) {
        text += "key" + std::to_string(i) + " = " + std::to_string(i) + "\n";
        ds.push_back({{file, i, 1}, "unknown key 'key" + std::to_string(i) + "'"});
    }
    dir.write(name, text);
    return ds;
}

std::string listed(const std::string& file, int i) {
    const std::string n = std::to_string(i);
    return file + ":" + n + ":1: unknown key 'key" + n + "'\n    key" + n + " = " + n + "\n    ^";
}

}  // namespace

TEST_CASE("format_diagnostic: the place, the message, the source line and a caret") {
    TempDir dir;
    dir.write("r.toml", "id = \"bc\"\r\nname = \"Børnecenter\" x\n");
    const std::string file = (dir.path / "r.toml").string();
    CHECK(tilsyn::format_diagnostic({{file, 2, 22}, "oops"}) ==
          file + ":2:22: oops\n    name = \"Børnecenter\" x\n    " + std::string(21, ' ') + "^");
    CHECK(tilsyn::format_diagnostic({{file, 1, 0}, "line only"}) ==
          file + ":1: line only\n    id = \"bc\"");
    CHECK(tilsyn::format_diagnostic({{file, 0, 0}, "whole file"}) == file + ": whole file");
    CHECK(tilsyn::format_diagnostic({{file, 9, 1}, "past the end"}) == file + ":9:1: past the end");
    CHECK(tilsyn::format_diagnostic({{file + ".missing", 1, 1}, "gone"}) ==
          file + ".missing:1:1: gone");
}

TEST_CASE("format_diagnostic: a line whose own text is the problem is not quoted") {
    TempDir dir;
    dir.write("r.toml", "note = \"CPR 010190-1234\"\n");
    const std::string file = (dir.path / "r.toml").string();
    const Diagnostic d{{file, 1, 8}, "looks like a CPR number", tilsyn::Excerpt::withheld};
    CHECK(tilsyn::format_diagnostic(d) == file + ":1:8: looks like a CPR number");
    CHECK(tilsyn::format_diagnostics({d}) == file + ":1:8: looks like a CPR number\n");
}

TEST_CASE("format_diagnostics: every problem after the prefix, quoting each of several files") {
    TempDir dir;
    std::vector<Diagnostic> ds = problems_in(dir, "a.toml", 2);
    for (const Diagnostic& d : problems_in(dir, "b.toml", 3)) ds.push_back(d);
    ds.push_back({{(dir.path / "a.toml").string(), 0, 0}, "whole file"});
    const std::string a = (dir.path / "a.toml").string(), b = (dir.path / "b.toml").string();
    CHECK(tilsyn::format_diagnostics(ds, "E: ") ==
          "E: " + listed(a, 1) + "\nE: " + listed(a, 2) + "\nE: " + listed(b, 1) +
              "\nE: " + listed(b, 2) + "\nE: " + listed(b, 3) + "\nE: " + a + ": whole file\n");
    for (const Diagnostic& d : ds)
        CHECK(tilsyn::format_diagnostics({d}) == tilsyn::format_diagnostic(d) + "\n");
}

TEST_CASE("RulesError: up to 100 problems are all in its message") {
    TempDir dir;
    const std::vector<Diagnostic> ds = problems_in(dir, "r.toml", 100);
    const tilsyn::RulesError e(ds);
    std::string want;
    for (int i = 1; i <= 100; ++i) want += (i > 1 ? "\n" : "") + listed(ds[0].place.file, i);
    CHECK(std::string(e.what()) == want);
    CHECK(e.diagnostics().size() == 100);
}

TEST_CASE("RulesError: past 100 problems its message shows the first 100 and counts the rest") {
    TempDir dir;
    const std::vector<Diagnostic> ds = problems_in(dir, "r.toml", 20'000);
    const tilsyn::RulesError e(ds);
    std::string want;
    for (int i = 1; i <= 100; ++i) want += listed(ds[0].place.file, i) + "\n";
    want += "... and 19900 more problems (20000 in all)";
    CHECK(std::string(e.what()) == want);
    CHECK(e.diagnostics().size() == 20'000);
    CHECK(e.diagnostics().back().message == "unknown key 'key20000'");
    CHECK(tilsyn::format_diagnostics(ds) == want.substr(0, want.rfind("...")));
}

TEST_CASE("Diagnostics::throw_if_any: the 100 listed are the first by file, line and column") {
    TempDir dir;
    std::vector<Diagnostic> ds = problems_in(dir, "r.toml", 101);
    tilsyn::Diagnostics diags;
    for (auto it = ds.rbegin(); it != ds.rend(); ++it) diags.add(it->place, it->message);
    try {
        diags.throw_if_any();
        FAIL("no RulesError");
    } catch (const tilsyn::RulesError& e) {
        const std::string what = e.what();
        CHECK(what.starts_with(listed(ds[0].place.file, 1) + "\n"));
        CHECK(what.find("'key100'") != std::string::npos);
        CHECK(what.find("'key101'") == std::string::npos);
        CHECK(what.ends_with("\n... and 1 more problem (101 in all)"));
        CHECK(e.diagnostics().size() == 101);
    }
}
