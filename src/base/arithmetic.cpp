#include "base/arithmetic.h"

#include <limits>

namespace tilsyn {

namespace {

// 128 bits hold every product of an int64 and a number below 2^63 exactly; __extension__
// says the GCC type is meant, where -Wpedantic would warn.
__extension__ using Wide = __int128;

}  // namespace

std::int64_t saturating_add(std::int64_t a, std::int64_t b) {
    std::int64_t sum = 0;
    if (!__builtin_add_overflow(a, b, &sum)) return sum;
    return b > 0 ? std::numeric_limits<std::int64_t>::max()
                 : std::numeric_limits<std::int64_t>::min();
}

std::int64_t saturating_abs(std::int64_t a) {
    if (a == std::numeric_limits<std::int64_t>::min())
        return std::numeric_limits<std::int64_t>::max();
    return a < 0 ? -a : a;
}

std::optional<int> permille(std::int64_t part, std::int64_t whole) {
    if (whole <= 0) return std::nullopt;
    // floor((2000 part + whole) / (2 whole)): round half up, also for a negative part.
    const Wide numerator = Wide{part} * 2000 + whole;
    const Wide denominator = Wide{whole} * 2;
    Wide q = numerator / denominator;
    if (numerator % denominator != 0 && numerator < 0) --q;
    if (q > std::numeric_limits<int>::max()) return std::numeric_limits<int>::max();
    if (q < std::numeric_limits<int>::min()) return std::numeric_limits<int>::min();
    return static_cast<int>(q);
}

bool rate_above(std::int64_t part, std::int64_t whole, int percent) {
    return Wide{part} * 100 > Wide{percent} * whole;
}

bool rate_below(std::int64_t part, std::int64_t whole, int percent) {
    return Wide{part} * 100 < Wide{percent} * whole;
}

}  // namespace tilsyn
