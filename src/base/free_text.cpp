#include "base/free_text.h"

#include "base/cpr_guard.h"
#include "base/error.h"
#include "base/text.h"

namespace tilsyn {

std::optional<std::string> text_problem(std::string_view value, std::size_t max_chars) {
    if (!is_valid_utf8(value)) return "the text is not valid UTF-8";
    for (char c : value)
        if ((static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\t') || c == 0x7f)
            return "the text contains a control character";
    if (const std::size_t n = utf8_width(value); n > max_chars)
        return "the text is " + std::to_string(n) + " characters long; at most " +
               std::to_string(max_chars) + " are accepted";
    return cpr_problem(value);
}

void check_text(std::string_view value, const std::string& place, std::size_t max_chars) {
    if (auto problem = text_problem(value, max_chars)) throw InputError(place + ": " + *problem);
}

}  // namespace tilsyn
