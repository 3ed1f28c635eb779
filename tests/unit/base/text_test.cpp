// Unit tests for src/base/text.{h,cpp}: ids, e-mail plausibility, UTF-8 widths, fitting, padding,
// word wrapping and edit distance.

#include <doctest/doctest.h>

#include "test_support.h"

#include "base/text.h"

#include <string>
#include <string_view>
#include <vector>

namespace {

using tilsyn::test::complete_utf8;
using tilsyn::test::TempDir;

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
    for (std::string_view id :
         {"jc", "jc-mentor", "a", "0", "a1", "2027-plan", "yd-las-27-27a", "abc-def-ghi"}) {
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
    for (std::string_view s :
         {"mhl@lejre.dk", "a.b@c.d.e", "first.last+tag@sub.lejre.example", "x@y.z"}) {
        INFO("address: " << s);
        CHECK(tilsyn::looks_like_email(s));
    }
    for (std::string_view s :
         {"", "mhl", "@lejre.dk", "mhl@", "mhl@lejre", "mhl@@lejre.dk", "a@b@c.dk", "mhl@lejre.",
          "mhl@.dk", "m h@lejre.dk", "mhl@lejre .dk", "Mette <mhl@lejre.dk>", "a@b.dk, c@d.dk",
          "a@b.dk;c@d.dk", "mhl@lejre.dk\n", "\tmhl@lejre.dk"}) {
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
    CHECK(tilsyn::edit_distance("paln", "plan") == 2);  // a transposition is two edits
    CHECK(tilsyn::edit_distance("plans", "plan") == 1);
    CHECK(tilsyn::edit_distance("pla", "plan") == 1);
    CHECK(tilsyn::edit_distance("valdate", "validate") == 1);
    CHECK(tilsyn::edit_distance("calendar", "calender") == 1);
    CHECK(tilsyn::edit_distance("plan", "validate") == tilsyn::edit_distance("validate", "plan"));
    CHECK(tilsyn::edit_distance("abc", "xyz") == 3);
}

// is_valid_utf8: the well-formed byte sequences of Unicode Table 3-7, nothing else.

namespace {

/// Reference: whether s starts with one well-formed UTF-8 sequence that is exactly s, by the
/// byte ranges of Unicode Table 3-7 (written independently of the code point arithmetic in
/// src/base/text.cpp).
bool one_wellformed_sequence(std::string_view s) {
    auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
    auto in = [](unsigned char c, unsigned lo, unsigned hi) { return c >= lo && c <= hi; };
    if (s.size() == 1) return b(0) <= 0x7F;
    if (s.size() == 2) return in(b(0), 0xC2, 0xDF) && in(b(1), 0x80, 0xBF);
    if (s.size() == 3) {
        const unsigned char c0 = b(0), c1 = b(1), c2 = b(2);
        if (!in(c2, 0x80, 0xBF)) return false;
        if (c0 == 0xE0) return in(c1, 0xA0, 0xBF);
        if (in(c0, 0xE1, 0xEC) || in(c0, 0xEE, 0xEF)) return in(c1, 0x80, 0xBF);
        if (c0 == 0xED) return in(c1, 0x80, 0x9F);
        return false;
    }
    if (s.size() == 4) {
        const unsigned char c0 = b(0), c1 = b(1);
        if (!in(b(2), 0x80, 0xBF) || !in(b(3), 0x80, 0xBF)) return false;
        if (c0 == 0xF0) return in(c1, 0x90, 0xBF);
        if (in(c0, 0xF1, 0xF3)) return in(c1, 0x80, 0xBF);
        if (c0 == 0xF4) return in(c1, 0x80, 0x8F);
        return false;
    }
    return false;
}

std::string bytes(std::initializer_list<unsigned> list) {
    std::string out;
    for (unsigned c : list) out += static_cast<char>(c);
    return out;
}

}  // namespace

TEST_CASE("text: is_valid_utf8 accepts ASCII, Danish letters and characters of every length") {
    CHECK(tilsyn::is_valid_utf8(""));
    CHECK(tilsyn::is_valid_utf8("abc 123 ;,\"\t\r\n"));
    CHECK(tilsyn::is_valid_utf8(std::string("a\0b", 3)));  // NUL is a character
    CHECK(tilsyn::is_valid_utf8("æøå ÆØÅ"));
    CHECK(tilsyn::is_valid_utf8("Søren Ærø fra Ålborg"));
    CHECK(tilsyn::is_valid_utf8("€ – … ‰"));  // 3-byte characters
    CHECK(tilsyn::is_valid_utf8("😀"));        // U+1F600, 4 bytes
    CHECK(tilsyn::is_valid_utf8("grøn 😀 rød"));
    CHECK(tilsyn::is_valid_utf8("\xEF\xBB\xBF"));                   // U+FEFF, the BOM
    CHECK(tilsyn::is_valid_utf8(bytes({0x7F})));                    // U+007F
    CHECK(tilsyn::is_valid_utf8(bytes({0xC2, 0x80})));              // U+0080, lowest 2-byte
    CHECK(tilsyn::is_valid_utf8(bytes({0xDF, 0xBF})));              // U+07FF
    CHECK(tilsyn::is_valid_utf8(bytes({0xE0, 0xA0, 0x80})));        // U+0800, lowest 3-byte
    CHECK(tilsyn::is_valid_utf8(bytes({0xED, 0x9F, 0xBF})));        // U+D7FF, below surrogates
    CHECK(tilsyn::is_valid_utf8(bytes({0xEE, 0x80, 0x80})));        // U+E000, above them
    CHECK(tilsyn::is_valid_utf8(bytes({0xEF, 0xBF, 0xBF})));        // U+FFFF
    CHECK(tilsyn::is_valid_utf8(bytes({0xF0, 0x90, 0x80, 0x80})));  // U+10000, lowest 4-byte
    CHECK(tilsyn::is_valid_utf8(bytes({0xF4, 0x8F, 0xBF, 0xBF})));  // U+10FFFF, the last
}

TEST_CASE("text: is_valid_utf8 refuses overlong forms") {
    for (const std::string& s :
         {bytes({0xC0, 0x80}), bytes({0xC0, 0xAF}), bytes({0xC1, 0xBF}), bytes({0xE0, 0x80, 0x80}),
          bytes({0xE0, 0x80, 0xAF}), bytes({0xE0, 0x9F, 0xBF}), bytes({0xF0, 0x80, 0x80, 0x80}),
          bytes({0xF0, 0x80, 0x80, 0xAF}), bytes({0xF0, 0x8F, 0xBF, 0xBF})}) {
        CHECK_FALSE(tilsyn::is_valid_utf8(s));
        CHECK_FALSE(tilsyn::is_valid_utf8("ok " + s + " ok"));
    }
}

TEST_CASE("text: is_valid_utf8 refuses UTF-16 surrogates") {
    for (const std::string& s : {bytes({0xED, 0xA0, 0x80}), bytes({0xED, 0xAF, 0xBF}),
                                 bytes({0xED, 0xB0, 0x80}), bytes({0xED, 0xBF, 0xBF}),
                                 // a CESU-8 pair for U+1F600
                                 bytes({0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80})}) {
        CHECK_FALSE(tilsyn::is_valid_utf8(s));
    }
}

TEST_CASE("text: is_valid_utf8 refuses code points above U+10FFFF and impossible bytes") {
    for (const std::string& s :
         {bytes({0xF4, 0x90, 0x80, 0x80}), bytes({0xF5, 0x80, 0x80, 0x80}),
          bytes({0xF7, 0xBF, 0xBF, 0xBF}), bytes({0xF8, 0x88, 0x80, 0x80, 0x80}),
          bytes({0xFC, 0x84, 0x80, 0x80, 0x80, 0x80}), bytes({0xFE}), bytes({0xFF}),
          bytes({0xFF, 0xFE})}) {
        CHECK_FALSE(tilsyn::is_valid_utf8(s));
    }
}

TEST_CASE("text: is_valid_utf8 refuses truncated sequences and stray continuation bytes") {
    const std::string euro = "€", emoji = "😀", ae = "æ";
    CHECK_FALSE(tilsyn::is_valid_utf8(ae.substr(0, 1)));
    CHECK_FALSE(tilsyn::is_valid_utf8(euro.substr(0, 1)));
    CHECK_FALSE(tilsyn::is_valid_utf8(euro.substr(0, 2)));
    CHECK_FALSE(tilsyn::is_valid_utf8(emoji.substr(0, 1)));
    CHECK_FALSE(tilsyn::is_valid_utf8(emoji.substr(0, 2)));
    CHECK_FALSE(tilsyn::is_valid_utf8(emoji.substr(0, 3)));
    CHECK_FALSE(tilsyn::is_valid_utf8("abc" + emoji.substr(0, 3)));  // cut at the end
    CHECK_FALSE(tilsyn::is_valid_utf8(euro.substr(0, 2) + "abc"));   // cut in the middle
    CHECK_FALSE(tilsyn::is_valid_utf8(emoji.substr(0, 2) + emoji));  // followed by a lead
    CHECK_FALSE(tilsyn::is_valid_utf8(bytes({0x80})));
    CHECK_FALSE(tilsyn::is_valid_utf8(bytes({0xBF})));
    CHECK_FALSE(tilsyn::is_valid_utf8("a" + bytes({0x80}) + "b"));
    CHECK_FALSE(tilsyn::is_valid_utf8(ae + bytes({0xA6})));  // one continuation too many
    CHECK_FALSE(tilsyn::is_valid_utf8(emoji.substr(1)));     // lead byte missing
    CHECK_FALSE(tilsyn::is_valid_utf8("bc-\xe6ldre"));       // Latin-1 æ
    CHECK_FALSE(tilsyn::is_valid_utf8("\xf8"));              // Latin-1 ø
    CHECK_FALSE(
        tilsyn::is_valid_utf8("omr\xe5"
                              "de"));  // Latin-1 å
}

TEST_CASE("text: is_valid_utf8 agrees with Table 3-7 on every 1-, 2- and 3-byte string") {
    int disagreements = 0;
    for (unsigned a = 0; a < 256; ++a) {
        const std::string one = bytes({a});
        if (tilsyn::is_valid_utf8(one) != one_wellformed_sequence(one)) ++disagreements;
        for (unsigned b = 0; b < 256; ++b) {
            const std::string two = bytes({a, b});
            // Two bytes are valid as one character, or as two one-byte characters.
            const bool two_ok = one_wellformed_sequence(two) || (a <= 0x7F && b <= 0x7F);
            if (tilsyn::is_valid_utf8(two) != two_ok) {
                if (++disagreements <= 10) FAIL_CHECK("2 bytes " << a << " " << b);
            }
        }
    }
    for (unsigned a = 0xE0; a <= 0xEF; ++a)
        for (unsigned b = 0; b < 256; ++b)
            for (unsigned c = 0; c < 256; ++c) {
                const std::string three = bytes({a, b, c});
                if (tilsyn::is_valid_utf8(three) != one_wellformed_sequence(three)) {
                    if (++disagreements <= 10) FAIL_CHECK("3 bytes " << a << " " << b << " " << c);
                }
            }
    CHECK(disagreements == 0);
}

TEST_CASE("text: is_valid_utf8 agrees with Table 3-7 on 4-byte strings") {
    int disagreements = 0;
    const unsigned samples[] = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90,
                                0x9F, 0xA0, 0xBF, 0xC0, 0xF0, 0xFF};
    for (unsigned a = 0xF0; a <= 0xFF; ++a)
        for (unsigned b = 0; b < 256; ++b)
            for (unsigned c : samples)
                for (unsigned d : samples) {
                    const std::string four = bytes({a, b, c, d});
                    if (tilsyn::is_valid_utf8(four) != one_wellformed_sequence(four)) {
                        if (++disagreements <= 10)
                            FAIL_CHECK("4 bytes " << a << " " << b << " " << c << " " << d);
                    }
                }
    CHECK(disagreements == 0);
}

TEST_CASE("text: parse_integer takes digits with an optional sign and nothing else") {
    using tilsyn::parse_integer;
    CHECK(parse_integer("0") == 0);
    CHECK(parse_integer("42") == 42);
    CHECK(parse_integer("+7") == 7);
    CHECK(parse_integer("-3") == -3);
    CHECK(parse_integer("9223372036854775807") == INT64_MAX);
    for (const char* bad :
         {"", "+", "-", "1.5", "12a", " 5", "5 ", "9223372036854775808", "++1", "0x10"}) {
        CAPTURE(bad);
        CHECK_FALSE(parse_integer(bad).has_value());
    }
}
