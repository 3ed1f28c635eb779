// The CPR guard (locate_cpr, find_cpr, cpr_problem, refuse_cpr) and text_problem, which every
// text stored or planned from goes through, on the input as one text value. Where a CPR-like
// number is found the functions must agree with each other, and the number alone must be found
// again in the same place. Clean text counts as accepted, text with a number as refused.
#include "fuzz_support.h"

#include "base/cpr_guard.h"
#include "base/error.h"
#include "base/free_text.h"
#include "base/text.h"

#include <cstdint>

using namespace tilsyn;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::text_of(data, size);
    // Every text is checked, whatever its bytes.
    const auto problem = text_problem(text, max_long_text);
    (void)text_problem(text, max_short_text);
    if (!is_valid_utf8(text)) {
        // The guard's own precondition; text_problem refuses such text first.
        fuzz::require(problem.has_value(), "text that is not UTF-8 is refused");
        return 0;
    }
    const auto match = locate_cpr(text);
    bool refused = false;
    try {
        refuse_cpr(text, "note");
    } catch (const Error&) {
        refused = true;
    }
    fuzz::require(refused == match.has_value(), "refuse_cpr refuses what locate_cpr finds");
    fuzz::require(cpr_problem(text).has_value() == match.has_value(),
                  "cpr_problem reports what locate_cpr finds");
    if (!match) {
        ++fuzz::reach().accepted;
        return 0;
    }
    ++fuzz::reach().refused;
    fuzz::require(problem.has_value(), "text with a CPR number is refused");
    fuzz::require(match->bytes >= 10 && match->first_byte + match->bytes <= text.size(),
                  "the match lies within the text and holds ten digits");
    fuzz::require(match->first_char == utf8_width(text.substr(0, match->first_byte)),
                  "the match's character position counts the characters before it");
    const std::string_view number = text.substr(match->first_byte, match->bytes);
    fuzz::require(match->chars == utf8_width(number), "the match's length counts its characters");
    fuzz::require(find_cpr(text) == std::string(number), "find_cpr returns the match's text");
    const auto again = locate_cpr(number);
    fuzz::require(again && again->first_byte == 0 && again->bytes == number.size(),
                  "the number alone is found whole");
    return 0;
}
