// Unit tests for src/base/arithmetic.{h,cpp}: sums held at the limits and rates exact for any
// 64-bit figures, as an old log may hold them.

#include <doctest/doctest.h>

#include "base/arithmetic.h"

#include <cstdint>
#include <limits>

using tilsyn::permille;
using tilsyn::rate_above;
using tilsyn::rate_below;
using tilsyn::saturating_abs;
using tilsyn::saturating_add;

namespace {
constexpr std::int64_t max64 = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t min64 = std::numeric_limits<std::int64_t>::min();
}  // namespace

TEST_CASE("saturating_add: exact inside the range, held at the limits outside it") {
    CHECK(saturating_add(2, 3) == 5);
    CHECK(saturating_add(-2, 3) == 1);
    CHECK(saturating_add(max64, 1) == max64);
    CHECK(saturating_add(max64, max64) == max64);
    CHECK(saturating_add(min64, -1) == min64);
    CHECK(saturating_add(max64, min64) == -1);
    CHECK(saturating_abs(-5) == 5);
    CHECK(saturating_abs(min64) == max64);
}

TEST_CASE("permille: rounded half up, exact for the largest figures") {
    CHECK(permille(1, 8) == 125);   // 12,5 %
    CHECK(permille(1, 3) == 333);   // 33,33 % -> 33,3 %
    CHECK(permille(2, 3) == 667);   // 66,67 % -> 66,7 %
    CHECK(permille(1, 2000) == 1);  // 0,05 % rounds up to 0,1 %
    CHECK(permille(0, 7) == 0);
    CHECK(permille(7, 7) == 1000);
    CHECK_FALSE(permille(1, 0).has_value());
    CHECK_FALSE(permille(1, -4).has_value());
    // Where 1000 x errors overflows int64, the rate is still exact: no "100,1 %".
    CHECK(permille(max64, max64) == 1000);
    CHECK(permille(max64 - 1, max64) == 1000);
    CHECK(permille(max64 / 2, max64) == 500);
    CHECK(permille(-1, 2000) == 0);  // half up: -0,05 % -> 0,0 %
    CHECK(permille(-3, 2000) == -1);
    CHECK(permille(max64, 1) == std::numeric_limits<int>::max());
}

TEST_CASE("rate_above and rate_below: exact comparisons with a percentage") {
    CHECK(rate_above(21, 100, 20));
    CHECK_FALSE(rate_above(20, 100, 20));
    CHECK(rate_below(19, 100, 20));
    CHECK_FALSE(rate_below(20, 100, 20));
    // 100 x errors and 20 x cases both overflow int64 here.
    CHECK(rate_above(max64, max64, 20));
    CHECK_FALSE(rate_below(max64, max64, 20));
    CHECK(rate_below(max64 / 10, max64, 20));
    CHECK_FALSE(rate_above(max64 / 5, max64, 20));
}
