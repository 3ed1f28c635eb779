#pragma once
// Free text that may be stored or planned from: a note, a reason, a finding's description, an
// area's name. What is refused is refused everywhere text comes in, with the place it came
// from: text that is not UTF-8, control characters (they could steer a terminal or a
// spreadsheet), text longer than its kind allows, and anything that looks like a CPR number.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tilsyn {

/// Lengths in characters (code points) by kind of text (docs/log.md, "What is accepted").
inline constexpr std::size_t max_long_text = 4'000;  ///< notes, descriptions, reasons
inline constexpr std::size_t max_short_text = 200;   ///< names, case numbers, categories, owners
inline constexpr std::size_t max_generated_text = 20'000;  ///< what tilsyn writes (evidence)

/// What is wrong with one text value, as the end of a sentence, or nullopt when it may be
/// stored: valid UTF-8, no control characters but newline and tab, at most `max_chars`
/// characters, no CPR number (the number itself is never repeated).
std::optional<std::string> text_problem(std::string_view value, std::size_t max_chars);

/// text_problem as an InputError "<place>: ...".
void check_text(std::string_view value, const std::string& place,
                std::size_t max_chars = max_long_text);

}  // namespace tilsyn
