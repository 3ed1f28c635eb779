#include "rules/cadence.h"

#include <cassert>
#include <cctype>

namespace tilsyn {

namespace {

bool divides_year(int months) {
    return months >= 1 && months <= 12 && 12 % months == 0;
}

std::optional<int> leading_number(std::string_view& s) {
    int n = 0;
    std::size_t i = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) && i < 3) {
        n = n * 10 + (s[i] - '0');
        ++i;
    }
    if (i == 0) return std::nullopt;
    s.remove_prefix(i);
    return n;
}

}  // namespace

std::optional<Cadence> Cadence::parse(std::string_view text, std::string* why) {
    auto fail = [&](std::string message) -> std::optional<Cadence> {
        if (why) *why = std::move(message);
        return std::nullopt;
    };
    if (text == "monthly" || text == "månedligt") return Cadence(1);
    if (text == "quarterly" || text == "kvartalsvist") return Cadence(3);
    if (text == "half-yearly" || text == "halvårligt") return Cadence(6);
    if (text == "yearly" || text == "årligt") return Cadence(12);

    std::string_view rest = text;
    std::optional<int> n;
    if (rest.starts_with("every ")) {
        rest.remove_prefix(6);
        n = leading_number(rest);
        if (n && !(rest == " months" || (*n == 1 && rest == " month"))) n.reset();
    } else if (rest.starts_with("hver ")) {
        rest.remove_prefix(5);
        n = leading_number(rest);
        if (n && rest != ". måned") n.reset();
    }
    if (!n)
        return fail("unknown cadence \"" + std::string(text) +
                    "\"; expected monthly, quarterly, half-yearly, yearly or \"every N months\" " +
                    "(månedligt, kvartalsvist, halvårligt, årligt, \"hver N. måned\")");
    if (!divides_year(*n))
        return fail("\"" + std::string(text) + "\" does not divide the year into whole periods; " +
                    "N must be 1, 2, 3, 4, 6 or 12");
    return Cadence(*n);
}

Cadence Cadence::every(int months) {
    assert(divides_year(months));
    return Cadence(months);
}

std::string Cadence::token() const {
    switch (months_) {
        case 1:
            return "monthly";
        case 3:
            return "quarterly";
        case 6:
            return "half-yearly";
        case 12:
            return "yearly";
        default:
            return "every " + std::to_string(months_) + " months";
    }
}

std::string Cadence::danish() const {
    switch (months_) {
        case 1:
            return "månedligt";
        case 3:
            return "kvartalsvist";
        case 6:
            return "halvårligt";
        case 12:
            return "årligt";
        default:
            return "hver " + std::to_string(months_) + ". måned";
    }
}

Date Cadence::period_start(int year, int index) const {
    return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(first_month(index)),
                1);
}

Date Cadence::period_end(int year, int index) const {
    return Date(static_cast<unsigned short>(year), static_cast<unsigned short>(last_month(index)),
                1)
        .end_of_month();
}

std::string Cadence::slot_code(int index) const {
    const int n = index + 1;
    switch (months_) {
        case 1:
            return (n < 10 ? "M0" : "M") + std::to_string(n);
        case 2:
            return "B" + std::to_string(n);
        case 3:
            return "Q" + std::to_string(n);
        case 4:
            return "T" + std::to_string(n);
        case 6:
            return "H" + std::to_string(n);
        default:
            return "Y" + std::to_string(n);
    }
}

std::string Cadence::danish_period(int year, int index) const {
    const std::string y = std::to_string(year);
    const int n = index + 1;
    switch (months_) {
        case 1:
            return std::string(danish_month(n)) + " " + y;
        case 3:
            return std::to_string(n) + ". kvartal " + y;
        case 6:
            return std::to_string(n) + ". halvår " + y;
        case 12:
            return y;
        default: {
            const int first = index * months_ + 1;
            const int last = first + months_ - 1;
            return std::string(danish_month(first)) + "-" + std::string(danish_month(last)) + " " +
                   y;
        }
    }
}

}  // namespace tilsyn
