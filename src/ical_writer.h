#pragma once
// RFC 5545 content lines: TEXT escaping and folding at 75 octets on UTF-8 boundaries.

#include <string>
#include <string_view>

namespace tilsyn {

/// A TEXT value escaped: backslash, semicolon, comma, and newline (CRLF, LF or CR) as \n.
std::string ical_escape_text(std::string_view text);

/// Whether the text has nothing to escape (ical_escape_text would return it unchanged).
bool ical_text_is_plain(std::string_view text);

/// Appends "name:value" to out as one content line: folded so that no physical line exceeds
/// 75 octets (continuations start with a space), never inside a UTF-8 character, ending in CRLF.
/// `value` must already be escaped as its type requires; `name` is short (under 75 octets).
void ical_line(std::string& out, std::string_view name, std::string_view value);

/// The same line written piece by piece, folding as it goes, so that a value made of several
/// texts is never assembled into a buffer of its own first (a plan for 100,000 areas writes
/// 600,000 events). The bytes are exactly those of ical_line with the pieces joined. Each
/// piece must be escaped as the value's type requires and hold whole UTF-8 characters.
class IcalLine {
public:
    IcalLine(std::string& out, std::string_view name);
    IcalLine& escaped(std::string_view piece) {
        if (used_ + piece.size() <= max_octets) {  // most pieces: no fold
            out_.append(piece);
            used_ += piece.size();
        } else {
            fold(piece);
        }
        return *this;
    }
    void end();  ///< the line's CRLF

private:
    static constexpr std::size_t max_octets = 75;

    void fold(std::string_view bytes);

    std::string& out_;
    std::size_t used_;  ///< octets on the current physical line
};

}  // namespace tilsyn
