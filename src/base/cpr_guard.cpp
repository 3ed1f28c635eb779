#include "base/cpr_guard.h"

#include "base/error.h"

namespace tilsyn {

namespace {

bool digit(char c) {
    return c >= '0' && c <= '9';
}

int two(std::string_view s, std::size_t at) {
    return (s[at] - '0') * 10 + (s[at + 1] - '0');
}

// DDMMYY with a two-digit year: 29 February counts whenever YY is divisible by 4, because the
// century (1900 or 2000) is not written and 2000 was a leap year.
bool valid_ddmmyy(std::string_view s, std::size_t at) {
    const int day = two(s, at), month = two(s, at + 2), year = two(s, at + 4);
    static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > days[month - 1]) return false;
    return !(month == 2 && day == 29 && year % 4 != 0);
}

bool digits(std::string_view s, std::size_t at, std::size_t n) {
    if (at + n > s.size()) return false;
    for (std::size_t i = 0; i < n; ++i)
        if (!digit(s[at + i])) return false;
    return true;
}

// A dash or a space, as typed or as pasted from a word processor: a non-breaking space
// (U+00A0), a non-breaking hyphen (U+2011), an en dash (U+2013).
std::size_t separator_length(std::string_view s, std::size_t at) {
    const std::string_view rest = s.substr(std::min(at, s.size()));
    if (rest.starts_with('-') || rest.starts_with(' ')) return 1;
    if (rest.starts_with("\xC2\xA0")) return 2;
    if (rest.starts_with("\xE2\x80\x91") || rest.starts_with("\xE2\x80\x93")) return 3;
    return 0;
}

}  // namespace

namespace {

// Where the first CPR-like number starts and how long it is.
std::optional<std::pair<std::size_t, std::size_t>> locate_cpr(std::string_view text) {
    for (std::size_t i = 0; i + 10 <= text.size(); ++i) {
        if (i > 0 && digit(text[i - 1])) continue;
        if (!digits(text, i, 6) || !valid_ddmmyy(text, i)) continue;
        std::size_t serial = i + 6;
        serial += separator_length(text, serial);
        if (!digits(text, serial, 4)) continue;
        const std::size_t end = serial + 4;
        if (end < text.size() && digit(text[end])) continue;
        return std::make_pair(i, end - i);
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> find_cpr(std::string_view text) {
    const auto at = locate_cpr(text);
    if (!at) return std::nullopt;
    return std::string(text.substr(at->first, at->second));
}

void refuse_cpr(std::string_view text, const std::string& field) {
    const auto at = locate_cpr(text);
    if (!at) return;
    // The number itself is not repeated: the message may end up in a terminal log or a mail.
    throw InputError(field + " contains what looks like a CPR number (" +
                     std::to_string(at->second) + " characters at position " +
                     std::to_string(at->first + 1) +
                     "); CPR numbers must never be stored in the log");
}

}  // namespace tilsyn
