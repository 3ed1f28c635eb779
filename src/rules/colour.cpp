#include "rules/colour.h"

namespace tilsyn {

std::optional<Colour> parse_colour(std::string_view text) {
    if (text == "red" || text == "rød") return Colour::red;
    if (text == "yellow" || text == "gul") return Colour::yellow;
    if (text == "green" || text == "grøn") return Colour::green;
    return std::nullopt;
}

std::string_view colour_token(Colour c) {
    switch (c) {
        case Colour::red:
            return "red";
        case Colour::yellow:
            return "yellow";
        case Colour::green:
            return "green";
    }
    return "green";
}

std::string_view colour_danish(Colour c) {
    switch (c) {
        case Colour::red:
            return "rød";
        case Colour::yellow:
            return "gul";
        case Colour::green:
            return "grøn";
    }
    return "grøn";
}

}  // namespace tilsyn
