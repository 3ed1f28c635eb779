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

/// Lengths in characters (code points) by kind of text (docs/security.md, "What is accepted").
inline constexpr std::size_t max_long_text = 4'000;  ///< notes, descriptions, reasons
inline constexpr std::size_t max_short_text = 200;   ///< names, case numbers, categories, owners
inline constexpr std::size_t max_generated_text = 20'000;  ///< what tilsyn writes (evidence)

/// What is wrong with one text value, as the end of a sentence, or nullopt when it may be
/// stored: valid UTF-8, no control characters (C0, DEL, C1) but line breaks (LF, CRLF) and
/// tabs, at most `max_chars` characters, no CPR number (the number itself is never repeated).
std::optional<std::string> text_problem(std::string_view value, std::size_t max_chars);

/// `text` made safe to print on a terminal or into a log: invalid UTF-8 bytes written as \xNN,
/// control characters but line breaks and tabs as <U+001B>, and every CPR-like number replaced
/// by a note that one was withheld. For messages, which may quote what the user gave (an
/// unknown area, a line of a broken TOML file): they must not repeat a CPR number or let an
/// escape sequence reach the terminal. Runs of 16 or more hex digits with a letter among them
/// (hashes, key ids) are never taken for a CPR number.
std::string safe_to_print(std::string_view text);

/// text_problem as an InputError "<place>: ...".
void check_text(std::string_view value, const std::string& place,
                std::size_t max_chars = max_long_text);

}  // namespace tilsyn
