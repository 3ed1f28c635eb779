#include "base/free_text.h"

#include "base/cpr_guard.h"
#include "base/error.h"
#include "base/text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <utility>

namespace tilsyn {

namespace {

// C0 and C1 controls and DEL: ESC (U+001B) and CSI (U+009B) steer a terminal, a lone CR and
// the rest can hide or overwrite what a reader sees.
bool control(char32_t c) {
    return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
}

// The code point starting at `at` in valid UTF-8, and its length in bytes.
std::pair<char32_t, std::size_t> decode(std::string_view s, std::size_t at) {
    const auto b = [&](std::size_t i) { return static_cast<unsigned char>(s[at + i]); };
    if (b(0) < 0x80) return {b(0), 1};
    if (b(0) < 0xE0) return {((b(0) & 0x1Fu) << 6) | (b(1) & 0x3Fu), 2};
    if (b(0) < 0xF0) return {((b(0) & 0x0Fu) << 12) | ((b(1) & 0x3Fu) << 6) | (b(2) & 0x3Fu), 3};
    return {
        ((b(0) & 0x07u) << 18) | ((b(1) & 0x3Fu) << 12) | ((b(2) & 0x3Fu) << 6) | (b(3) & 0x3Fu),
        4};
}

}  // namespace

std::optional<std::string> text_problem(std::string_view value, std::size_t max_chars) {
    if (!is_valid_utf8(value)) return "the text is not valid UTF-8";
    std::size_t position = 1;
    for (std::size_t at = 0; at < value.size(); ++position) {
        const auto [c, length] = decode(value, at);
        const bool line_break = c == '\r' && value.substr(at + 1, 1) == "\n";  // CRLF
        if (control(c) && !line_break)
            return fmt::format(
                "the text contains a control character (U+{:04X}) at character {}; only line "
                "breaks and tabs are accepted",
                static_cast<std::uint32_t>(c), position);
        at += length;
    }
    if (const std::size_t n = utf8_width(value); n > max_chars)
        return "the text is " + std::to_string(n) + " characters long; at most " +
               std::to_string(max_chars) + " are accepted";
    return cpr_problem(value);
}

namespace {

// The length of the well-formed UTF-8 sequence starting at `at`, or 0 if there is none.
std::size_t sequence_length(std::string_view s, std::size_t at) {
    const auto lead = static_cast<unsigned char>(s[at]);
    const std::size_t n = lead < 0x80   ? 1
                          : lead < 0xC2 ? 0
                          : lead < 0xE0 ? 2
                          : lead < 0xF0 ? 3
                          : lead < 0xF5 ? 4
                                        : 0;
    if (n == 0 || at + n > s.size() || !is_valid_utf8(s.substr(at, n))) return 0;
    return n;
}

bool hex_digit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

// A copy of `text` with every run of 16 or more lower-case hex digits that holds a letter
// replaced by as many 'x': the same byte positions, without the digits of hashes and key ids.
std::string without_hex_runs(std::string text) {
    for (std::size_t i = 0; i < text.size();) {
        std::size_t end = i;
        bool letter = false;
        while (end < text.size() && hex_digit(text[end])) letter |= text[end++] >= 'a';
        if (end - i >= 16 && letter) std::fill(text.begin() + i, text.begin() + end, 'x');
        i = end == i ? i + 1 : end;
    }
    return text;
}

}  // namespace

std::string safe_to_print(std::string_view text) {
    std::string clean;
    clean.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const std::size_t n = sequence_length(text, at);
        if (n == 0) {
            clean += fmt::format("\\x{:02X}", static_cast<unsigned char>(text[at]));
            ++at;
            continue;
        }
        const char32_t c = decode(text, at).first;
        if (control(c))
            clean += fmt::format("<U+{:04X}>", static_cast<std::uint32_t>(c));
        else
            clean.append(text.substr(at, n));
        at += n;
    }
    const std::string probe = without_hex_runs(clean);
    std::string out;
    std::size_t from = 0;
    while (const auto m = locate_cpr(std::string_view(probe).substr(from))) {
        out.append(clean, from, m->first_byte);
        out += "[a CPR-like number, withheld]";
        from += m->first_byte + m->bytes;
    }
    out.append(clean, from);
    return out;
}

void check_text(std::string_view value, const std::string& place, std::size_t max_chars) {
    if (auto problem = text_problem(value, max_chars)) throw InputError(place + ": " + *problem);
}

}  // namespace tilsyn
