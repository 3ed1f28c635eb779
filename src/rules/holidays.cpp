#include "rules/holidays.h"

namespace tilsyn {

namespace bg = boost::gregorian;

bg::date easter_sunday(int year) {
    // Meeus/Jones/Butcher: integer arithmetic only, valid for every Gregorian year.
    const int a = year % 19;
    const int b = year / 100;
    const int c = year % 100;
    const int d = b / 4;
    const int e = b % 4;
    const int f = (b + 8) / 25;
    const int g = (b - f + 1) / 3;
    const int h = (19 * a + b - d - g + 15) % 30;
    const int i = c / 4;
    const int k = c % 4;
    const int l = (32 + 2 * e + 2 * i - h - k) % 7;
    const int m = (a + 11 * h + 22 * l) / 451;
    const int month = (h + l - 7 * m + 114) / 31;
    const int day = (h + l - 7 * m + 114) % 31 + 1;
    return bg::date(static_cast<unsigned short>(year), static_cast<unsigned short>(month),
                    static_cast<unsigned short>(day));
}

std::vector<Holiday> danish_public_holidays(int year) {
    const auto y = static_cast<unsigned short>(year);
    const bg::date easter = easter_sunday(year);
    auto from_easter = [&](int days) { return easter + bg::days(days); };

    std::vector<Holiday> out;
    out.push_back({bg::date(y, 1, 1), "Nytårsdag"});
    out.push_back({from_easter(-3), "Skærtorsdag"});
    out.push_back({from_easter(-2), "Langfredag"});
    out.push_back({easter, "Påskedag"});
    out.push_back({from_easter(1), "2. påskedag"});
    // The act adopted on 28 February 2023 abolished Store bededag as a public holiday from 2024.
    if (year <= 2023) out.push_back({from_easter(26), "Store bededag"});
    out.push_back({from_easter(39), "Kristi himmelfartsdag"});
    out.push_back({from_easter(49), "Pinsedag"});
    out.push_back({from_easter(50), "2. pinsedag"});
    out.push_back({bg::date(y, 12, 25), "Juledag"});
    out.push_back({bg::date(y, 12, 26), "2. juledag"});
    return out;
}

}  // namespace tilsyn
