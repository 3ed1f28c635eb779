#pragma once
// Amounts in Danish kroner, held exactly as a whole number of øre (never floating point).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tilsyn {

/// Parses "12500", "12500,50", "12.500,50", "12500.50" or "-300": at most two decimals after a
/// comma (or a point when no comma is used; "1.234" with three digits is read as thousands).
/// nullopt when malformed or beyond ±10^13 kr.
std::optional<std::int64_t> parse_amount_ore(std::string_view text);

std::string amount_plain(std::int64_t ore);   ///< "12500.50" (CSV, JSON, canonical form)
std::string amount_danish(std::int64_t ore);  ///< "12.500,50 kr."

}  // namespace tilsyn
