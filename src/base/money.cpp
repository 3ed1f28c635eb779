#include "base/money.h"

#include <cstdlib>

namespace tilsyn {

namespace {

constexpr std::int64_t max_kroner = max_amount_ore / 100;

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

// "12.500.000" with groups of exactly three digits after the first.
std::optional<std::string> ungroup(std::string_view s, char sep) {
    std::string out;
    std::size_t start = 0;
    bool first = true;
    while (true) {
        const std::size_t dot = s.find(sep, start);
        const std::string_view group =
            s.substr(start, dot == std::string_view::npos ? s.npos : dot - start);
        if (!all_digits(group) || (first ? group.size() > 3 : group.size() != 3))
            return std::nullopt;
        out += group;
        first = false;
        if (dot == std::string_view::npos) return out;
        start = dot + 1;
    }
}

}  // namespace

std::optional<std::int64_t> parse_amount_ore(std::string_view text) {
    bool negative = false;
    if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
        negative = text.front() == '-';
        text.remove_prefix(1);
    }
    std::string_view whole = text, fraction;
    if (const auto comma = text.find(','); comma != std::string_view::npos) {
        whole = text.substr(0, comma);
        fraction = text.substr(comma + 1);
        if (fraction.empty()) return std::nullopt;
    } else if (const auto point = text.rfind('.');
               point != std::string_view::npos && text.size() - point - 1 <= 2) {
        whole = text.substr(0, point);
        fraction = text.substr(point + 1);
        // A decimal point rules out points as thousands separators: "1.234.50" is a typo.
        if (fraction.empty() || whole.find('.') != std::string_view::npos) return std::nullopt;
    }
    std::optional<std::string> digits;
    if (whole.find('.') != std::string_view::npos)
        digits = ungroup(whole, '.');
    else if (all_digits(whole))
        digits = std::string(whole);
    if (!digits || digits->size() > 14) return std::nullopt;
    if (!fraction.empty() && (!all_digits(fraction) || fraction.size() > 2)) return std::nullopt;
    const std::int64_t kroner = std::strtoll(digits->c_str(), nullptr, 10);
    if (kroner > max_kroner) return std::nullopt;
    std::int64_t ore = 0;
    if (!fraction.empty())
        ore = std::strtoll(std::string(fraction).c_str(), nullptr, 10) *
              (fraction.size() == 1 ? 10 : 1);
    const std::int64_t total = kroner * 100 + ore;
    if (total > max_amount_ore) return std::nullopt;
    return negative ? -total : total;
}

std::string amount_plain(std::int64_t ore) {
    const bool negative = ore < 0;
    const std::uint64_t a =
        negative ? 0 - static_cast<std::uint64_t>(ore) : static_cast<std::uint64_t>(ore);
    std::string cents = std::to_string(a % 100);
    if (cents.size() == 1) cents.insert(0, "0");
    return (negative ? "-" : "") + std::to_string(a / 100) + "." + cents;
}

std::string amount_danish(std::int64_t ore) {
    const bool negative = ore < 0;
    const std::uint64_t a =
        negative ? 0 - static_cast<std::uint64_t>(ore) : static_cast<std::uint64_t>(ore);
    std::string kroner = std::to_string(a / 100);
    for (int i = static_cast<int>(kroner.size()) - 3; i > 0; i -= 3)
        kroner.insert(static_cast<std::size_t>(i), ".");
    std::string cents = std::to_string(a % 100);
    if (cents.size() == 1) cents.insert(0, "0");
    return (negative ? "-" : "") + kroner + "," + cents + " kr.";
}

}  // namespace tilsyn
