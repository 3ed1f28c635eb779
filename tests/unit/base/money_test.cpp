// Unit tests for src/base/money.{h,cpp}: amounts in kroner parsed exactly into øre (Danish and
// plain forms, thousands separators, at most two decimals, a bound of ±10^13 kr.) and
// written back in the plain form (CSV, JSON, canonical form) and the Danish form.

#include <doctest/doctest.h>

#include "base/money.h"

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace {

using tilsyn::amount_danish;
using tilsyn::amount_plain;
using tilsyn::parse_amount_ore;

using Ore = std::optional<std::int64_t>;

constexpr std::int64_t max_ore = 1'000'000'000'000'000;  // 10^13 kr.

}  // namespace

TEST_CASE("money: whole kroner") {
    CHECK(parse_amount_ore("12500") == Ore(1'250'000));
    CHECK(parse_amount_ore("0") == Ore(0));
    CHECK(parse_amount_ore("1") == Ore(100));
    CHECK(parse_amount_ore("-300") == Ore(-30'000));
    CHECK(parse_amount_ore("-0") == Ore(0));
    CHECK(parse_amount_ore("+300") == Ore(30'000));
    CHECK(parse_amount_ore("0012") == Ore(1'200));
}

TEST_CASE("money: decimals after a comma (Danish)") {
    CHECK(parse_amount_ore("12500,50") == Ore(1'250'050));
    CHECK(parse_amount_ore("12500,5") == Ore(1'250'050));
    CHECK(parse_amount_ore("12500,05") == Ore(1'250'005));
    CHECK(parse_amount_ore("12500,00") == Ore(1'250'000));
    CHECK(parse_amount_ore("0,05") == Ore(5));
    CHECK(parse_amount_ore("0,5") == Ore(50));
    CHECK(parse_amount_ore("0,01") == Ore(1));
    CHECK(parse_amount_ore("-0,05") == Ore(-5));
    CHECK(parse_amount_ore("-300,75") == Ore(-30'075));
}

TEST_CASE("money: points as thousands separators with a decimal comma") {
    CHECK(parse_amount_ore("12.500,50") == Ore(1'250'050));
    CHECK(parse_amount_ore("1.234,5") == Ore(123'450));
    CHECK(parse_amount_ore("1.234.567,89") == Ore(123'456'789));
    CHECK(parse_amount_ore("-12.500,50") == Ore(-1'250'050));
    CHECK(parse_amount_ore("999.999,99") == Ore(99'999'999));
}

TEST_CASE("money: a point is a decimal point when one or two digits follow it") {
    CHECK(parse_amount_ore("12500.5") == Ore(1'250'050));
    CHECK(parse_amount_ore("12500.50") == Ore(1'250'050));
    CHECK(parse_amount_ore("12500.05") == Ore(1'250'005));
    CHECK(parse_amount_ore("1.2") == Ore(120));
    CHECK(parse_amount_ore("1.23") == Ore(123));
    CHECK(parse_amount_ore("-0.05") == Ore(-5));
}

TEST_CASE("money: a point with three digits after it is a thousands separator") {
    CHECK(parse_amount_ore("1.234") == Ore(123'400));
    CHECK(parse_amount_ore("12.500") == Ore(1'250'000));
    CHECK(parse_amount_ore("1.234.567") == Ore(123'456'700));
    CHECK(parse_amount_ore("-1.000") == Ore(-100'000));
    CHECK(parse_amount_ore("100.000.000") == Ore(10'000'000'000));
}

TEST_CASE("money: malformed amounts are refused") {
    for (std::string_view text : {
             "",         "-",        "+",          ",",        ".",
             "-,5",      ",50",      ".50",                     // nothing before the decimals
             "12,",      "12.",      "-12,",                    // nothing after them
             "1,2,3",    "1,2.3",    "1,234.50",                // two decimal separators
             "1.234.50", "12.50.0",  "1.234.5",                 // a decimal point after groups
             "12,500",   "12,505",   "12.505,505",              // three decimals
             "1.2345",   "1234.567", "1.23.456",   "12.50,00",  // groups not of three
             "1..234",   ".234",     "1.234.",                  // empty groups
             "abc",      "12a",      "a12",        "1e3",      "0x10",
             "12 500",   " 12",      "12 ",        "- 300",    "--300",
             "+-3",      "12kr",     "12,50 kr.",  "−300",  // U+2212 MINUS SIGN, not '-'
             "١٢",                                          // Arabic-Indic digits
             "12,+5",    "12,-5",    "12.+5",
         }) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(parse_amount_ore(text).has_value());
    }
}

TEST_CASE("money: huge amounts are refused, up to 10^13 kr. is accepted") {
    CHECK(parse_amount_ore("10000000000000") == Ore(max_ore));
    CHECK(parse_amount_ore("-10000000000000") == Ore(-max_ore));
    CHECK(parse_amount_ore("10.000.000.000.000") == Ore(max_ore));
    CHECK(parse_amount_ore("9999999999999,99") == Ore(max_ore - 1));
    CHECK_FALSE(parse_amount_ore("10000000000001").has_value());
    CHECK_FALSE(parse_amount_ore("-10000000000001").has_value());
    CHECK_FALSE(parse_amount_ore("99999999999999").has_value());
    CHECK_FALSE(parse_amount_ore("100000000000000").has_value());
    CHECK_FALSE(parse_amount_ore("9223372036854775807").has_value());
    CHECK_FALSE(parse_amount_ore("92233720368547758070").has_value());
    CHECK_FALSE(parse_amount_ore("99999999999999999999999999999999").has_value());
    CHECK_FALSE(parse_amount_ore("999.999.999.999.999.999").has_value());
}

// Regression (found in b6f910d): the bound was checked on the whole kroner only, so
// "10000000000000,01" gave 1000000000000001 instead of nullopt.
TEST_CASE("money: the bound of 10^13 kr. includes the øre") {
    CHECK_FALSE(parse_amount_ore("10000000000000,01").has_value());
    CHECK_FALSE(parse_amount_ore("-10000000000000,50").has_value());
}

TEST_CASE("money: amount_plain writes kroner, a point and two decimals") {
    CHECK(amount_plain(0) == "0.00");
    CHECK(amount_plain(1) == "0.01");
    CHECK(amount_plain(5) == "0.05");
    CHECK(amount_plain(50) == "0.50");
    CHECK(amount_plain(100) == "1.00");
    CHECK(amount_plain(1'250'050) == "12500.50");
    CHECK(amount_plain(123'456'789) == "1234567.89");
    CHECK(amount_plain(-5) == "-0.05");
    CHECK(amount_plain(-30'000) == "-300.00");
    CHECK(amount_plain(-1'250'050) == "-12500.50");
    CHECK(amount_plain(max_ore) == "10000000000000.00");
    CHECK(amount_plain(std::numeric_limits<std::int64_t>::max()) == "92233720368547758.07");
    CHECK(amount_plain(std::numeric_limits<std::int64_t>::min()) == "-92233720368547758.08");
}

TEST_CASE("money: amount_danish groups thousands with points and uses a decimal comma") {
    CHECK(amount_danish(0) == "0,00 kr.");
    CHECK(amount_danish(5) == "0,05 kr.");
    CHECK(amount_danish(-5) == "-0,05 kr.");
    CHECK(amount_danish(99'999) == "999,99 kr.");
    CHECK(amount_danish(100'000) == "1.000,00 kr.");
    CHECK(amount_danish(1'250'050) == "12.500,50 kr.");
    CHECK(amount_danish(12'345'600) == "123.456,00 kr.");
    CHECK(amount_danish(-30'000) == "-300,00 kr.");
    CHECK(amount_danish(-123'456'789) == "-1.234.567,89 kr.");
    CHECK(amount_danish(100'000'000'000) == "1.000.000.000,00 kr.");
    CHECK(amount_danish(max_ore) == "10.000.000.000.000,00 kr.");
    CHECK(amount_danish(std::numeric_limits<std::int64_t>::min()) ==
          "-92.233.720.368.547.758,08 kr.");
}

TEST_CASE("money: both written forms parse back to the same amount") {
    for (std::int64_t ore :
         {std::int64_t{0}, std::int64_t{1}, std::int64_t{5}, std::int64_t{10}, std::int64_t{99},
          std::int64_t{100}, std::int64_t{12'345}, std::int64_t{99'999}, std::int64_t{100'000},
          std::int64_t{1'250'050}, std::int64_t{123'456'789}, std::int64_t{100'000'000'001},
          max_ore, std::int64_t{-1}, std::int64_t{-5}, std::int64_t{-30'000},
          std::int64_t{-1'250'050}, -max_ore}) {
        INFO("ore: " << ore);
        CHECK(parse_amount_ore(amount_plain(ore)) == Ore(ore));
        std::string danish = amount_danish(ore);
        REQUIRE(danish.ends_with(" kr."));
        danish.resize(danish.size() - 4);
        CHECK(parse_amount_ore(danish) == Ore(ore));
    }
}
