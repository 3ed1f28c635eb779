#pragma once
// Amounts in Danish kroner, held exactly as a whole number of øre (never floating point).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tilsyn {

/// The largest amount a finding may have, either way: 10^13 kr., in øre.
inline constexpr std::int64_t max_amount_ore = 1'000'000'000'000'000;

/// Parses "12500", "12500,50", "12.500,50", "12500.50" or "-300": at most two decimals after a
/// comma (or a point when no comma is used; "1.234" with three digits is read as thousands).
/// nullopt when malformed or beyond ±max_amount_ore.
std::optional<std::int64_t> parse_amount_ore(std::string_view text);

std::string amount_plain(std::int64_t ore);   ///< "12500.50" (CSV, JSON, canonical form)
std::string amount_danish(std::int64_t ore);  ///< "12.500,50 kr."

}  // namespace tilsyn
