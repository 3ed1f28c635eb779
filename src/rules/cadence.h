#pragma once
// How often an area is supervised, as a whole number of months that divides the year, and the
// calendar-aligned periods that follow from it.

#include "base/dates.h"

#include <optional>
#include <string>
#include <string_view>

namespace tilsyn {

class Cadence {
public:
    /// Parses "monthly", "quarterly", "half-yearly", "yearly", "every N months" and the Danish
    /// "månedligt", "kvartalsvist", "halvårligt", "årligt", "hver N. måned". On failure returns
    /// nullopt and, if given, sets *why to a sentence saying what is accepted.
    static std::optional<Cadence> parse(std::string_view text, std::string* why = nullptr);
    /// months must divide 12.
    static Cadence every(int months);

    int months() const { return months_; }
    int periods_per_year() const { return 12 / months_; }
    std::string token()
        const;  ///< "monthly", "quarterly", "half-yearly", "yearly", "every 2 months"
    std::string danish() const;  ///< "månedligt", "kvartalsvist", ...

    /// 0-based index of the period containing the month (1..12).
    int period_of_month(int month) const { return (month - 1) / months_; }
    int first_month(int index) const { return index * months_ + 1; }   ///< 1-12, of period `index`
    int last_month(int index) const { return (index + 1) * months_; }  ///< 1-12, of period `index`
    Date period_start(int year, int index) const;
    Date period_end(int year, int index) const;
    /// Stable slot code within the year: "M03", "B2", "Q1", "T3", "H2", "Y1". Part of UIDs.
    std::string slot_code(int index) const;
    /// Human name of a period in Danish: "marts 2027", "1. kvartal 2027", "2. halvår 2027".
    std::string danish_period(int year, int index) const;

    friend bool operator==(Cadence, Cadence) = default;

private:
    explicit Cadence(int months) : months_(months) {}
    int months_ = 1;
};

}  // namespace tilsyn
