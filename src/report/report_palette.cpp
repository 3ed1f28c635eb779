#include "report/report_palette.h"

namespace tilsyn {

std::string_view colour_tint(Colour c) {
    switch (c) {
        case Colour::red:
            return "#f6bcb5";
        case Colour::yellow:
            return "#fce7a1";
        case Colour::green:
            return "#c3e6cb";
    }
    return "#ffffff";
}

std::string_view colour_strong(Colour c) {
    switch (c) {
        case Colour::red:
            return "#c0392b";
        case Colour::yellow:
            return "#e2a300";
        case Colour::green:
            return "#2e8b57";
    }
    return "#000000";
}

}  // namespace tilsyn
