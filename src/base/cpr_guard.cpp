#include "base/cpr_guard.h"

#include "base/error.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <vector>

namespace tilsyn {

namespace {

// What the guard sees of one character of the text.
struct Token {
    enum Kind { digit, separator, other } kind = other;
    int value = 0;               ///< for a digit
    std::size_t first_char = 0;  ///< the character's place in the text
    std::size_t first_byte = 0;
    std::size_t end_byte = 0;
};

constexpr int max_separators = 3;  // between two groups: "-", "  ", " - "

bool ascii_separator(UChar32 c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == '/' || c == '.' ||
           c == '_';
}

// One code point as the guard reads it; nullopt for an invisible one, which is dropped.
std::optional<Token::Kind> classify(UChar32 c, int& value) {
    if (c < 0x80) {
        if (c >= '0' && c <= '9') {
            value = c - '0';
            return Token::digit;
        }
        return ascii_separator(c) ? Token::separator : Token::other;
    }
    if (u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) return std::nullopt;
    // The compatibility form of the character alone: full-width "０" becomes "0", "／" "/".
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    icu::UnicodeString folded;
    if (U_SUCCESS(status)) folded = nfkc->normalize(icu::UnicodeString(c), status);
    if (U_FAILURE(status) || folded.isEmpty()) return Token::other;
    if (folded.countChar32() != 1) return Token::other;  // "½" is not a digit of a number
    const UChar32 f = folded.char32At(0);
    if (f < 0x80) return classify(f, value);
    if (const int32_t d = u_charDigitValue(f); d >= 0 && d <= 9) {
        value = d;
        return Token::digit;
    }
    const int8_t type = u_charType(f);
    if (type == U_SPACE_SEPARATOR || type == U_DASH_PUNCTUATION || f == 0x2212)  // minus sign
        return Token::separator;
    return Token::other;
}

// The text as the guard reads it. Bytes that are not UTF-8 read as "other".
std::vector<Token> tokens_of(std::string_view text) {
    std::vector<Token> out;
    std::size_t chars = 0;
    for (std::size_t at = 0; at < text.size(); ++chars) {
        const auto lead = static_cast<unsigned char>(text[at]);
        const std::size_t length = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
        UChar32 c = lead;
        if (lead >= 0x80 && at + length <= text.size()) {
            c = lead & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07);
            for (std::size_t k = 1; k < length; ++k)
                c = (c << 6) | (static_cast<unsigned char>(text[at + k]) & 0x3F);
        } else if (lead >= 0x80) {
            c = 0xFFFD;
        }
        const std::size_t next = std::min(text.size(), at + (lead < 0x80 ? 1 : length));
        int value = 0;
        if (const auto kind = classify(c, value)) out.push_back({*kind, value, chars, at, next});
        at = next;
    }
    return out;
}

// DDMMYY with a two-digit year: 29 February counts whenever YY is divisible by 4, because the
// century (1900 or 2000) is not written and 2000 was a leap year.
bool valid_date(int day, int month, int year) {
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) return false;
    return !(month == 2 && day == 29 && year % 4 != 0);
}

// The number made by the group of `n` digits at t, moving t past it; nullopt if there are not
// `n` digits in a row there.
std::optional<int> group(const std::vector<Token>& tokens, std::size_t& t, int n) {
    int value = 0;
    for (int k = 0; k < n; ++k, ++t) {
        if (t >= tokens.size() || tokens[t].kind != Token::digit) return std::nullopt;
        value = value * 10 + tokens[t].value;
    }
    return value;
}

void skip_separators(const std::vector<Token>& tokens, std::size_t& t) {
    for (int k = 0; k < max_separators && t < tokens.size() && tokens[t].kind == Token::separator;
         ++k)
        ++t;
}

}  // namespace

std::optional<CprMatch> locate_cpr(std::string_view text) {
    const std::vector<Token> tokens = tokens_of(text);
    for (std::size_t start = 0; start < tokens.size(); ++start) {
        if (tokens[start].kind != Token::digit) continue;
        if (start > 0 && tokens[start - 1].kind == Token::digit) continue;
        std::size_t t = start;
        const auto day = group(tokens, t, 2);
        if (!day) continue;
        skip_separators(tokens, t);
        const auto month = group(tokens, t, 2);
        if (!month) continue;
        skip_separators(tokens, t);
        const auto year = group(tokens, t, 2);
        if (!year || !valid_date(*day, *month, *year)) continue;
        skip_separators(tokens, t);
        if (!group(tokens, t, 4)) continue;
        if (t < tokens.size() && tokens[t].kind == Token::digit) continue;
        const Token& first = tokens[start];
        const Token& last = tokens[t - 1];
        return CprMatch{first.first_char, last.first_char + 1 - first.first_char, first.first_byte,
                        last.end_byte - first.first_byte};
    }
    return std::nullopt;
}

std::optional<std::string> find_cpr(std::string_view text) {
    const auto at = locate_cpr(text);
    if (!at) return std::nullopt;
    return std::string(text.substr(at->first_byte, at->bytes));
}

std::optional<std::string> cpr_problem(std::string_view text) {
    const auto at = locate_cpr(text);
    if (!at) return std::nullopt;
    return "the text contains what looks like a CPR number (" + std::to_string(at->chars) +
           " characters at position " + std::to_string(at->first_char + 1) +
           "); CPR numbers must never be stored";
}

void refuse_cpr(std::string_view text, const std::string& field) {
    if (auto problem = cpr_problem(text)) throw InputError(field + ": " + *problem);
}

}  // namespace tilsyn
