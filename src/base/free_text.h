#pragma once
// Free text that may be stored in the log: a note, a reason, a finding's description. What is
// refused is refused everywhere text comes in, with the place it came from.

#include <string>
#include <string_view>

namespace tilsyn {

/// Checks one free-text value: valid UTF-8, no control characters but newline and tab, and
/// no CPR number. Throws InputError "<place>: ...".
void check_text(std::string_view value, const std::string& place);

}  // namespace tilsyn
