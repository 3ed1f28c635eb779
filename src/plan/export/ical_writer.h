#pragma once
// RFC 5545 content lines: TEXT escaping and folding at 75 octets on UTF-8 boundaries.

#include <string>
#include <string_view>

namespace tilsyn {

/// A TEXT value escaped: backslash, semicolon, comma, and newline (CRLF, LF or CR) as \n.
std::string ical_escape_text(std::string_view text);

/// Appends "name:value" to out as one content line: folded so that no physical line exceeds
/// 75 octets (continuations start with a space), never inside a UTF-8 character, ending in CRLF.
/// `value` must already be escaped as its type requires; `name` is short (under 75 octets).
void ical_line(std::string& out, std::string_view name, std::string_view value);

}  // namespace tilsyn
