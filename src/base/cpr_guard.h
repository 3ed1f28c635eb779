#pragma once
// The CPR guard: personal identity numbers must never enter the log. Case work is full of
// them, so every free-text field and case reference is checked before anything is stored.

#include <optional>
#include <string>
#include <string_view>

namespace tilsyn {

/// The first thing in `text` that looks like a Danish CPR number: DDMMYY-SSSS, DDMMYY SSSS or
/// DDMMYYSSSS, not part of a longer run of digits, whose DDMMYY is a real date. The dash may
/// also be a non-breaking hyphen or an en dash, the space a non-breaking space (pasted text).
/// nullopt if none.
std::optional<std::string> find_cpr(std::string_view text);

/// Throws InputError "<field> contains what looks like a CPR number (...)" if find_cpr finds one.
/// The number itself is not repeated in the message, only its shape and position.
void refuse_cpr(std::string_view text, const std::string& field);

}  // namespace tilsyn
