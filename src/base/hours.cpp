#include "base/hours.h"

#include <algorithm>

namespace tilsyn {

std::string hours_plain(long long minutes) {
    // Hundredths of an hour, rounded half away from zero, in integers: no float formatting.
    const long long hundredths = (minutes * 100 + (minutes >= 0 ? 30 : -30)) / 60;
    const long long whole = hundredths / 100;
    const long long frac = std::llabs(hundredths % 100);
    std::string out = (hundredths < 0 && whole == 0 ? "-" : "") + std::to_string(whole);
    if (frac == 0) return out;
    out += '.';
    out += static_cast<char>('0' + frac / 10);
    if (frac % 10) out += static_cast<char>('0' + frac % 10);
    return out;
}

std::string hours_danish(long long minutes) {
    std::string s = hours_plain(minutes);
    std::replace(s.begin(), s.end(), '.', ',');
    return s;
}

std::string hours_text(long long minutes) {
    return hours_danish(minutes) + " t";
}

}  // namespace tilsyn
