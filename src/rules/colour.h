#pragma once
// The three risk colours, ordered so that a larger value is a higher risk.

#include <optional>
#include <string_view>

namespace tilsyn {

enum class Colour : int { green = 0, yellow = 1, red = 2 };

/// Accepts English and Danish names: red/rød, yellow/gul, green/grøn.
std::optional<Colour> parse_colour(std::string_view text);

std::string_view colour_token(Colour c);   ///< "red", "yellow", "green" (CSV, JSON)
std::string_view colour_danish(Colour c);  ///< "rød", "gul", "grøn" (tables, calendars)

inline Colour worse(Colour a, Colour b) {
    return a > b ? a : b;
}

}  // namespace tilsyn
