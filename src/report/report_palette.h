#pragma once
// The report's colours for the three risk colours. Two shades each: a light tint for areas of
// colour (heat-map cells, periods in the year wheel), light enough for black text on it, and a
// strong one for rings, marks and chips.

#include "rules/colour.h"

#include <string_view>

namespace tilsyn {

std::string_view colour_tint(Colour c);    ///< e.g. "#f6bcb5" for red
std::string_view colour_strong(Colour c);  ///< e.g. "#c0392b" for red

/// Missing supervisions and warnings: a dark red apart from the risk colours' red.
inline constexpr std::string_view alert_colour = "#8e0016";

}  // namespace tilsyn
