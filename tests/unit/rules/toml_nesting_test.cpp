// Unit tests for src/rules/toml_nesting.{h,cpp} and its use in parse_toml (issue 20): text
// nesting 45,000 levels deep, which overflows the stack inside toml++, is refused at the place
// where it passes the limit; 64 levels are read; strings and comments do not count; and no
// file the project ships comes near the limit.

#include <doctest/doctest.h>

#include "base/file_bytes.h"
#include "rules/diagnostics.h"
#include "rules/toml_nesting.h"
#include "rules/toml_reader.h"

#include <filesystem>
#include <optional>
#include <string>

namespace {

using tilsyn::max_toml_nesting;
using tilsyn::too_deep_nesting;

const std::string file = "deep.toml";

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

// "line:col" where too_deep_nesting stops, or "none".
std::string refused_at(const std::string& text, int limit = max_toml_nesting) {
    const auto place = too_deep_nesting(text, file, limit);
    if (!place) return "none";
    CHECK(place->file == file);
    return std::to_string(place->line) + ":" + std::to_string(place->column);
}

// parse_toml's one diagnostic as "line:col: message", and that it returned nothing.
std::string parse_problem(const std::string& text) {
    tilsyn::Diagnostics diags;
    const auto table = tilsyn::parse_toml(text, file, diags);
    CHECK_FALSE(table);
    REQUIRE(diags.size() == 1);
    const tilsyn::Diagnostic& d = diags.items().front();
    return std::to_string(d.place.line) + ":" + std::to_string(d.place.column) + ": " + d.message;
}

bool parses(const std::string& text) {
    tilsyn::Diagnostics diags;
    const auto table = tilsyn::parse_toml(text, file, diags);
    return table && diags.empty();
}

const std::string message =
    "nesting deeper than 64 levels (dotted keys, table headers, arrays or inline tables); "
    "tilsyn's files need at most a few";
const std::string head = "# A register\nid = \"bc\"\n";  // the deep line is line 3

// `x = ` then n inline tables, each holding the next under key `a`; the innermost is empty,
// so the deepest level is the n-th table.
std::string inline_tables(int n) {
    return "x = " + repeat("{ a = ", n - 1) + "{}" + repeat(" }", n - 1) + "\n";
}

}  // namespace

TEST_CASE("parse_toml: a dotted key 45,000 levels deep is refused where it passes 64") {
    // Segment 65 starts after 64 "a." pairs.
    const std::string text = head + repeat("a.", 44'999) + "a = 1\n";
    CHECK(parse_problem(text) == "3:129: " + message);
}

TEST_CASE("parse_toml: a table header 45,000 levels deep is refused where it passes 64") {
    CHECK(parse_problem(head + "[" + repeat("a.", 44'999) + "a]\nb = 1\n") == "3:130: " + message);
    CHECK(parse_problem(head + "[[" + repeat("a . ", 44'999) + "a]]\n") == "3:259: " + message);
}

TEST_CASE("parse_toml: 45,000 nested arrays are refused at the 65th") {
    const std::string text = head + "x = " + repeat("[", 45'000) + repeat("]", 45'000) + "\n";
    CHECK(parse_problem(text) == "3:69: " + message);
}

TEST_CASE("parse_toml: 45,000 nested inline tables are refused at the key inside the 64th") {
    // Table k opens at column 5 + 5 (k - 1) and its key `a`, one level deeper, follows it.
    const std::string text = head + "x = " + repeat("{a = ", 45'000) + "1" + repeat("}", 45'000);
    CHECK(parse_problem(text) == "3:321: " + message);
}

TEST_CASE("parse_toml: 64 levels are read, 65 are not") {
    const std::string dotted = repeat("a.", 63) + "a = 1\n";
    CHECK(parses(dotted));
    CHECK(refused_at("a." + dotted) == "1:129");

    const std::string header = "[" + repeat("a.", 63) + "a]\n";
    CHECK(parses(header));
    CHECK(refused_at("[a." + header.substr(1)) == "1:130");
    CHECK(parses("[[" + repeat("a.", 63) + "a]]\n"));

    CHECK(parses("x = " + repeat("[", 64) + repeat("]", 64) + "\n"));
    CHECK(refused_at("x = " + repeat("[", 65) + repeat("]", 65) + "\n") == "1:69");

    CHECK(parses(inline_tables(64)));
    CHECK(refused_at(inline_tables(65)) == "1:385");
}

TEST_CASE("too_deep_nesting: the levels of a header, a key and a value add up") {
    // A key under a table header starts at the header's depth, a key in an inline table at the
    // table's, an element of an array one below the array.
    CHECK(refused_at("[a.b]\nc.d = 1\n", 4) == "none");
    CHECK(refused_at("[a.b]\nc.d.e = 1\n", 4) == "2:5");
    CHECK(refused_at("a = { b.c = [ [ 1 ] ] }\n", 4) == "none");
    CHECK(refused_at("a = { b.c = [ [ [ 1 ] ] ] }\n", 4) == "1:17");
    CHECK(refused_at("a = [ { b = { c = 1 } } ]\n", 4) == "none");
    CHECK(refused_at("a = [ { b = { c = { d = 1 } } } ]\n", 4) == "1:21");
    // Closed arrays and tables give their levels back.
    CHECK(refused_at("a = [[1], [2], {b = [3]}]\nc.d = [[[4]]]\n", 5) == "none");
    // A new header replaces the last one's depth.
    CHECK(refused_at("[a.b.c]\n[d]\ne.f = 1\n", 3) == "none");
}

TEST_CASE("too_deep_nesting: dots and brackets in strings and comments are not levels") {
    // Each text is followed by a key 3 levels deep, refused at its third segment (column 5)
    // with a limit of 2: nothing before it may count, and lines and columns must stay right.
    const std::string deep = "x.y.z = 1\n";
    auto refused = [&](const std::string& text) { return refused_at(text + deep, 2); };
    CHECK(refused("a = \"b.c.d [[[ {{{ # no comment\"\n") == "2:5");
    CHECK(refused("a = \"an \\\"escaped [[[ quote\\\\\" # [[[\n") == "2:5");
    CHECK(refused("a = 'c:\\\\x.y.z [[[ {{{'\n") == "2:5");
    CHECK(refused("\"a.b.c\" = 1\n'd.e.f' = 2\n\"g\".'h' = 3\n") == "4:5");
    CHECK(refused("a = \"\"\"\n[x.y.z]\n\\\"\"\" still inside {{{\n[[[ \"\"\"\"\"\n") == "5:5");
    CHECK(refused("a = '''\n[x.y.z]\n'' {{{ still inside\n'''''\n") == "5:5");
    CHECK(refused("# [a.b.c] {{{ [[[\na = [ # [[[ {{{\n  1, # ]]]\n]\n") == "5:5");
    CHECK(refused("a = 1.5\nb = 1979-05-27 07:32:00Z # [[[\nc = [1e+5, -0.25, +inf]\n") == "4:5");
    CHECK(refused("name = \"Område æøå\"\n") == "2:5");
    // Columns count characters, so the caret lands under the right one after æ, ø, å.
    CHECK(refused_at("æøå.b.c = 1\n", 2) == "1:7");
}

TEST_CASE("too_deep_nesting: text that is not TOML is scanned to its end without a false alarm") {
    for (const std::string text : {"a = \"unclosed\nb.c = 1\n", "a = '''never closed [[[ {{{",
                                   "[a.b\nc = 1\n", "= = =", "a = [1, 2\n[b]\nc = 1\n",
                                   "a = {b = 1\n", "]]]]}}}}", "a = \"\\", "\xEF\xBB\xBF"})
        CHECK(refused_at(text, 3) == "none");
}

TEST_CASE("too_deep_nesting: every TOML file the project ships nests at most 6 levels") {
    // The margin between these and max_toml_nesting is what keeps the check from refusing a
    // real file.
    namespace fs = std::filesystem;
    int files = 0;
    for (const char* dir : {"rules", "examples", "tests/golden/fixtures"}) {
        const fs::path root = fs::path(TILSYN_SOURCE_DIR) / dir;
        if (!fs::exists(root)) continue;
        for (const auto& entry : fs::recursive_directory_iterator(root)) {
            // The fixtures made to be too deep for the goldens are named so.
            if (entry.path().extension() != ".toml" ||
                entry.path().string().find("deep-") != std::string::npos)
                continue;
            const auto text = tilsyn::read_file(entry.path().string());
            REQUIRE(text);
            CAPTURE(entry.path().string());
            CHECK(too_deep_nesting(*text, entry.path().string(), 6) == std::nullopt);
            ++files;
        }
    }
    CHECK(files > 20);
}
