// Unit tests for src/text.{h,cpp}: ids, e-mail plausibility, UTF-8 widths, fitting, padding,
// word wrapping and edit distance.

#include <doctest/doctest.h>

#include "test_support.h"

#include "text.h"

#include <string>
#include <string_view>
#include <vector>

namespace {

using tilsyn::test::TempDir;
using tilsyn::test::complete_utf8;


std::vector<std::string> lines_of(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
        const auto nl = s.find('\n', start);
        REQUIRE(nl != std::string::npos);  // every line ends in '\n'
        out.push_back(s.substr(start, nl - start));
        start = nl + 1;
    }
    return out;
}

std::vector<std::string> words_of(std::string_view s) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < s.size()) {
        while (i < s.size() && s[i] == ' ') ++i;
        const std::size_t start = i;
        while (i < s.size() && s[i] != ' ') ++i;
        if (i > start) out.emplace_back(s.substr(start, i - start));
    }
    return out;
}

const std::string_view ellipsis = "…";

}  // namespace

TEST_CASE("text: trim removes surrounding whitespace only") {
    CHECK(tilsyn::trim("  a b \t\r\n") == "a b");
    CHECK(tilsyn::trim("") == "");
    CHECK(tilsyn::trim(" \t ") == "");
    CHECK(tilsyn::trim("x") == "x");
}

TEST_CASE("text: is_valid_id") {
    for (std::string_view id : {"jc", "jc-mentor", "a", "0", "a1", "2027-plan", "yd-las-27-27a",
                                "abc-def-ghi"}) {
        INFO("id: " << id);
        CHECK(tilsyn::is_valid_id(id));
    }
    CHECK(tilsyn::is_valid_id(std::string(64, 'a')));
    CHECK_FALSE(tilsyn::is_valid_id(std::string(65, 'a')));
    for (std::string_view id : {"", "-jc", "Jc", "JC", "jc_mentor", "jc mentor", "jc.mentor", "jø",
                                "jc/x", " jc", "jc ", "jc@x", "é"}) {
        INFO("id: '" << id << "'");
        CHECK_FALSE(tilsyn::is_valid_id(id));
    }
}

TEST_CASE("text: looks_like_email") {
    for (std::string_view s : {"mhl@lejre.dk", "a.b@c.d.e", "first.last+tag@sub.lejre.example",
                               "x@y.z"}) {
        INFO("address: " << s);
        CHECK(tilsyn::looks_like_email(s));
    }
    for (std::string_view s : {"", "mhl", "@lejre.dk", "mhl@", "mhl@lejre", "mhl@@lejre.dk",
                               "a@b@c.dk", "mhl@lejre.", "mhl@.dk", "m h@lejre.dk", "mhl@lejre .dk",
                               "Mette <mhl@lejre.dk>", "a@b.dk, c@d.dk", "a@b.dk;c@d.dk",
                               "mhl@lejre.dk\n", "\tmhl@lejre.dk"}) {
        INFO("address: '" << s << "'");
        CHECK_FALSE(tilsyn::looks_like_email(s));
    }
}

TEST_CASE("text: utf8_width counts code points") {
    CHECK(tilsyn::utf8_width("") == 0);
    CHECK(tilsyn::utf8_width("abc") == 3);
    CHECK(tilsyn::utf8_width("ø") == 1);
    CHECK(tilsyn::utf8_width("æøå") == 3);
    CHECK(tilsyn::utf8_width("ÆØÅ") == 3);
    CHECK(tilsyn::utf8_width("Kontanthjælp") == 12);
    CHECK(tilsyn::utf8_width("…") == 1);
    CHECK(tilsyn::utf8_width("–") == 1);
    CHECK(tilsyn::utf8_width("😀") == 1);
    CHECK(tilsyn::utf8_width("grøn/rød") == 8);
}

TEST_CASE("text: fit leaves short text alone and cuts long text with an ellipsis") {
    CHECK(tilsyn::fit("abc", 3) == "abc");
    CHECK(tilsyn::fit("abc", 10) == "abc");
    CHECK(tilsyn::fit("", 0) == "");
    CHECK(tilsyn::fit("abcd", 3) == "ab…");
    CHECK(tilsyn::fit("abcdef", 1) == "…");
    CHECK(tilsyn::fit("æøåæø", 5) == "æøåæø");
    CHECK(tilsyn::fit("æøåæø", 3) == "æø…");
    CHECK(tilsyn::fit("Kontanthjælp", 6) == "Konta…");
    CHECK(tilsyn::utf8_width(tilsyn::fit("Kontanthjælp, uddannelseshjælp og SHO", 20)) <= 20);
}

TEST_CASE("text: fit never splits a character and never exceeds the width") {
    const std::vector<std::string> texts{
        "Kontanthjælp, uddannelseshjælp og SHO", "æøåæøåæøåÆØÅ", "a…b…c…d…", "😀x😀y😀z",
        "Forsikrede ledige (dagpengemodtagere)", "ø ø ø ø ø ø ø"};
    for (const auto& s : texts) {
        const std::size_t full = tilsyn::utf8_width(s);
        for (std::size_t width = 0; width <= full + 2; ++width) {
            const std::string f = tilsyn::fit(s, width);
            INFO("text '" << s << "', width " << width << " -> '" << f << "'");
            CHECK(complete_utf8(f));
            CHECK(tilsyn::utf8_width(f) <= width);
            if (full <= width) {
                CHECK(f == s);
            } else if (width > 0) {
                REQUIRE(f.size() >= ellipsis.size());
                CHECK(f.substr(f.size() - ellipsis.size()) == ellipsis);
                // What precedes the ellipsis is the start of the text.
                const std::string kept = f.substr(0, f.size() - ellipsis.size());
                CHECK(s.compare(0, kept.size(), kept) == 0);
            }
        }
    }
}

TEST_CASE("text: pad fills with spaces up to a width counted in characters") {
    CHECK(tilsyn::pad("ab", 5) == "ab   ");
    CHECK(tilsyn::pad("", 3) == "   ");
    CHECK(tilsyn::pad("abc", 3) == "abc");
    CHECK(tilsyn::pad("æø", 4) == "æø  ");  // 2 characters, 4 octets: 2 spaces
    CHECK(tilsyn::utf8_width(tilsyn::pad("rød", 9)) == 9);
    CHECK(tilsyn::pad("sø", 3) == "sø ");
    CHECK(tilsyn::pad(tilsyn::fit("Kontanthjælp", 6), 6) == "Konta…");
}

TEST_CASE("text: wrap respects the width and the indent") {
    CHECK(tilsyn::wrap("aaa bbb ccc", 7, "") == "aaa bbb\nccc\n");
    CHECK(tilsyn::wrap("aaa bbb ccc", 11, "") == "aaa bbb ccc\n");
    CHECK(tilsyn::wrap("aaa bbb ccc", 9, "> ") == "> aaa bbb\n> ccc\n");
    CHECK(tilsyn::wrap("aaa bbb ccc", 8, "> ") == "> aaa\n> bbb\n> ccc\n");
    CHECK(tilsyn::wrap("", 10, "  ") == "");
    CHECK(tilsyn::wrap("a  b   c", 80, "") == "a b c\n");  // runs of spaces collapse
    // A word longer than the line is kept whole on its own line.
    CHECK(tilsyn::wrap("ok supercalifragilistic ok", 6, "") == "ok\nsupercalifragilistic\nok\n");
    // Width is counted in characters: 7 characters, 11 octets, fits in 7.
    CHECK(tilsyn::wrap("æææ øøø", 7, "") == "æææ øøø\n");
    CHECK(tilsyn::wrap("æææ øøø", 6, "") == "æææ\nøøø\n");
}

TEST_CASE("text: wrap keeps every word, in order, on lines within the width") {
    const std::string text =
        "Den sociale revision konstaterede et højt fejlniveau i de få bevillinger og en generel "
        "fejlfortolkning af lovgivningen på tværs af centre.";
    for (std::size_t width : {20u, 30u, 40u, 78u}) {
        for (std::string_view indent : {"", "  ", "    | "}) {
            const std::string w = tilsyn::wrap(text, width, indent);
            INFO("width " << width << ", indent '" << indent << "':\n" << w);
            REQUIRE_FALSE(w.empty());
            CHECK(w.back() == '\n');
            std::vector<std::string> words;
            for (const auto& line : lines_of(w)) {
                CHECK(line.rfind(indent, 0) == 0);
                CHECK(line.back() != ' ');
                const auto line_words = words_of(std::string_view(line).substr(indent.size()));
                CHECK_FALSE(line_words.empty());
                // Only a single over-long word may exceed the width.
                if (line_words.size() > 1) CHECK(tilsyn::utf8_width(line) <= width);
                for (const auto& word : line_words) words.push_back(word);
            }
            CHECK(words == words_of(text));
        }
    }
}

TEST_CASE("text: edit_distance") {
    CHECK(tilsyn::edit_distance("", "") == 0);
    CHECK(tilsyn::edit_distance("plan", "plan") == 0);
    CHECK(tilsyn::edit_distance("", "abc") == 3);
    CHECK(tilsyn::edit_distance("abc", "") == 3);
    CHECK(tilsyn::edit_distance("kitten", "sitting") == 3);
    CHECK(tilsyn::edit_distance("flaw", "lawn") == 2);
    CHECK(tilsyn::edit_distance("paln", "plan") == 2);     // a transposition is two edits
    CHECK(tilsyn::edit_distance("plans", "plan") == 1);
    CHECK(tilsyn::edit_distance("pla", "plan") == 1);
    CHECK(tilsyn::edit_distance("valdate", "validate") == 1);
    CHECK(tilsyn::edit_distance("calendar", "calender") == 1);
    CHECK(tilsyn::edit_distance("plan", "validate") == tilsyn::edit_distance("validate", "plan"));
    CHECK(tilsyn::edit_distance("abc", "xyz") == 3);
}
