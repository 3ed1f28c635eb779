// Unit tests for src/plan/export/ical_writer.{h,cpp}: RFC 5545 TEXT escaping and line folding
// (75 octets, UTF-8 safe).

#include <doctest/doctest.h>

#include "plan/export/ical_writer.h"
#include "test_support.h"

#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using tilsyn::test::complete_utf8;

std::vector<std::string> split_crlf(const std::string& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (true) {
        const auto pos = s.find("\r\n", start);
        if (pos == std::string::npos) {
            out.push_back(s.substr(start));
            break;
        }
        out.push_back(s.substr(start, pos - start));
        start = pos + 2;
    }
    return out;
}

// Checks one folded content line against RFC 5545 section 3.1 and returns it unfolded.
std::string check_and_unfold(const std::string& out) {
    INFO("folded: " << out);
    REQUIRE(out.size() >= 2);
    CHECK(out.substr(out.size() - 2) == "\r\n");
    auto lines = split_crlf(out);
    REQUIRE(lines.size() >= 2);
    CHECK(lines.back().empty());  // the text ends with CRLF
    lines.pop_back();
    std::string unfolded;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        INFO("physical line " << i << " (" << line.size() << " octets): " << line);
        CHECK(line.size() <= 75);
        CHECK(line.find('\r') == std::string::npos);
        CHECK(line.find('\n') == std::string::npos);
        std::string_view content = line;
        if (i > 0) {
            REQUIRE_FALSE(line.empty());
            CHECK(line[0] == ' ');
            CHECK(line.size() >= 2);  // no empty continuation lines
            content.remove_prefix(1);
        }
        // Each physical line holds whole characters only: never a split UTF-8 sequence.
        CHECK(complete_utf8(content));
        // A line is only folded early to keep a character whole (at most 3 octets early).
        if (i + 1 < lines.size()) CHECK(line.size() >= 72);
        unfolded += content;
    }
    return unfolded;
}

std::string folded(std::string_view name, std::string_view value) {
    std::string out;
    tilsyn::ical_line(out, name, value);
    return out;
}

std::string repeat(std::string_view s, std::size_t n) {
    std::string out;
    for (std::size_t i = 0; i < n; ++i) out += s;
    return out;
}

}  // namespace

TEST_CASE("ical_writer: ical_escape_text escapes backslash, semicolon, comma and newlines") {
    using tilsyn::ical_escape_text;
    CHECK(ical_escape_text("") == "");
    CHECK(ical_escape_text("plain text: ok") == "plain text: ok");
    CHECK(ical_escape_text("a\\b") == "a\\\\b");
    CHECK(ical_escape_text("a;b") == "a\\;b");
    CHECK(ical_escape_text("a,b") == "a\\,b");
    CHECK(ical_escape_text("a\nb") == "a\\nb");
    CHECK(ical_escape_text("a\r\nb") == "a\\nb");  // CRLF is one line break
    CHECK(ical_escape_text("a\r\n\r\nb") == "a\\n\\nb");
    CHECK(ical_escape_text("\n") == "\\n");
    CHECK(ical_escape_text("x\\;,\ny") == "x\\\\\\;\\,\\ny");
    CHECK(ical_escape_text(";;") == "\\;\\;");
    CHECK(ical_escape_text("Begrundelse: \"fejl\" i 50% af sagerne") ==
          "Begrundelse: \"fejl\" i 50% af sagerne");
    CHECK(ical_escape_text("Kontanthjælp, uddannelseshjælp og SHO") ==
          "Kontanthjælp\\, uddannelseshjælp og SHO");
    CHECK(ical_escape_text("\\n") == "\\\\n");  // a literal backslash-n stays distinguishable
    // The result never contains a raw line break.
    const std::string e = ical_escape_text("a\rb\nc\r\nd");
    CHECK(e.find('\n') == std::string::npos);
    CHECK(e.find('\r') == std::string::npos);
}

TEST_CASE("ical_writer: ical_line leaves short lines unfolded and ends them in CRLF") {
    CHECK(folded("VERSION", "2.0") == "VERSION:2.0\r\n");
    CHECK(folded("X", "") == "X:\r\n");
    // Exactly 75 octets: not folded.
    const std::string v73(73, 'v');
    CHECK(folded("X", v73) == "X:" + v73 + "\r\n");
    // 76 octets: folded once, after 75 octets.
    const std::string v74(74, 'v');
    CHECK(folded("X", v74) == "X:" + v73 + "\r\n v\r\n");
}

TEST_CASE("ical_writer: ical_line appends to what is already in the buffer") {
    std::string out = "BEGIN:VEVENT\r\n";
    tilsyn::ical_line(out, "SUMMARY", "Tilsyn");
    CHECK(out == "BEGIN:VEVENT\r\nSUMMARY:Tilsyn\r\n");
}

TEST_CASE("ical_writer: ical_line folds ASCII at 75 octets and unfolds to the original") {
    for (std::size_t n : {74u, 75u, 76u, 140u, 147u, 148u, 149u, 300u, 1000u}) {
        std::string value;
        for (std::size_t i = 0; i < n; ++i) value += static_cast<char>('a' + i % 26);
        INFO("value length " << n);
        CHECK(check_and_unfold(folded("DESCRIPTION", value)) == "DESCRIPTION:" + value);
    }
}

TEST_CASE("ical_writer: ical_line never splits a UTF-8 character, at any offset around the fold") {
    // Multi-byte characters placed at every offset around each fold boundary: ASCII prefixes of
    // 0..160 octets followed by Danish letters, a 3-octet ellipsis and a 4-octet character.
    const std::string_view chars[] = {"ø", "å", "Æ", "…", "😀"};
    for (std::string_view ch : chars) {
        for (std::size_t prefix = 0; prefix <= 160; ++prefix) {
            const std::string value = std::string(prefix, 'x') + repeat(ch, 60) + "slut";
            INFO("char " << ch << ", ASCII prefix " << prefix);
            CHECK(check_and_unfold(folded("DESCRIPTION", value)) == "DESCRIPTION:" + value);
        }
        // Values made only of the character, after names of every length.
        for (std::size_t name_len = 1; name_len <= 12; ++name_len) {
            const std::string name(name_len, 'N');
            const std::string value = repeat(ch, 100);
            INFO("char " << ch << ", name length " << name_len);
            CHECK(check_and_unfold(folded(name, value)) == name + ":" + value);
        }
    }
    // Mixed Danish text with escapes, as in a real DESCRIPTION.
    const std::string text = tilsyn::ical_escape_text(
        "Fokus: Opstart af nye sager\nBegrundelse: Forholdsvis få fejl i de løbende udbetalinger, "
        "men risiko for tab og konstaterede fejl i opstartsfasen; særligt i kontanthjælp, "
        "uddannelseshjælp og SHO. Ansvarlig: Peter Vinther Jensen <pvj@lejre.example>");
    CHECK(check_and_unfold(folded("DESCRIPTION", text)) == "DESCRIPTION:" + text);
}

namespace {

// The folding rule written out another way: by octets used on the line.
std::string reference_line(std::string_view name, std::string_view value) {
    std::string out = std::string(name) + ":";
    std::size_t used = out.size();
    while (used + value.size() > 75) {
        std::size_t take = 75 - used;
        while (take > 0 && (static_cast<unsigned char>(value[take]) & 0xC0) == 0x80) --take;
        out.append(value.substr(0, take)).append("\r\n ");
        value.remove_prefix(take);
        used = 1;
    }
    return out.append(value).append("\r\n");
}

// TEXT escaping written out another way: a byte at a time.
std::string reference_escape(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;  // the LF writes it
        if (c == '\r' || c == '\n')
            out += "\\n";
        else if (c == '\\' || c == ';' || c == ',')
            out.append(1, '\\').append(1, c);
        else
            out += c;
    }
    return out;
}

}  // namespace

TEST_CASE("ical_writer: TEXT escaping and folding against references written another way") {
    // Random texts of ASCII, Danish letters, 3- and 4-octet characters and every character
    // TEXT escapes, CR and LF among them; each escaped text is written as one line.
    const std::string_view alphabet[] = {"a", "b",  " ", "ø", "Å",  "…",
                                         "😀", "\\", ";", ",", "\n", "\r"};
    constexpr std::size_t plain = 7;  // alphabet[0..plain) need no escaping
    std::mt19937 random(20261123);
    for (int round = 0; round < 3000; ++round) {
        const std::string name = round % 2 ? "DESCRIPTION" : "X";
        std::string text;
        const bool sparse = random() % 2;
        const int length = static_cast<int>(random() % (sparse ? 400 : 160));
        for (int c = 0; c < length; ++c)
            text += alphabet[sparse && random() % 24 ? random() % plain
                                                     : random() % std::size(alphabet)];
        INFO("round " << round);
        const std::string escaped = tilsyn::ical_escape_text(text);
        REQUIRE(escaped == reference_escape(text));
        std::string line = "before";
        tilsyn::ical_line(line, name, escaped);
        REQUIRE(line == "before" + reference_line(name, escaped));
    }
}
