#pragma once
// Small text helpers shared by readers and writers.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tilsyn {

std::string_view trim(std::string_view s);
/// Lower-case a-z, digits and '-', not starting with '-'; at most 64 characters.
bool is_valid_id(std::string_view s);
/// A plausible single address: local@domain.tld, no spaces.
bool looks_like_email(std::string_view s);
/// Well-formed UTF-8: no stray continuation bytes, overlong forms, surrogates or truncation.
bool is_valid_utf8(std::string_view s);
/// Number of characters (code points) in UTF-8 text; Danish text has no wide characters.
std::size_t utf8_width(std::string_view s);
/// Cut to at most `width` characters, ending in "…" when cut; never splits a character.
std::string fit(std::string_view s, std::size_t width);
/// `s` followed by spaces up to `width` characters (cut with fit() first if longer).
std::string pad(std::string_view s, std::size_t width);
/// pad(), appended to out.
void pad_to(std::string& out, std::string_view s, std::size_t width);
/// Word-wraps text to lines of at most `width` characters, each starting with `indent`
/// (a single word longer than the line is kept whole). Every line ends in '\n'.
std::string wrap(std::string_view text, std::size_t width, std::string_view indent);
/// wrap(), appended to out.
void wrap_to(std::string& out, std::string_view text, std::size_t width, std::string_view indent);
/// A whole number written as digits with an optional sign and nothing else; nullopt when
/// malformed or out of range.
std::optional<std::int64_t> parse_integer(std::string_view s);
/// A size in bytes for messages: "812 bytes", "64 KiB", "5.3 MiB", "1 GiB".
std::string byte_size(std::uint64_t bytes);
/// The parts with the separator between them.
std::string join(const std::vector<std::string>& parts, std::string_view separator);
/// Edit distance, for "did you mean" suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace tilsyn
