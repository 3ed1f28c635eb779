#pragma once
// RFC 5545 content lines: TEXT escaping and folding at 75 octets on UTF-8 boundaries.

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>

namespace tilsyn {

/// A TEXT value escaped: backslash, semicolon, comma, and newline (CRLF, LF or CR) as \n.
std::string ical_escape_text(std::string_view text);

/// The same, appended to `out` (a calendar writer escapes 100,000 areas' texts into one
/// arena, without a string of its own for each).
void append_ical_escaped(std::string& out, std::string_view text);

/// Appends "name:value" to out as one content line: folded so that no physical line exceeds
/// 75 octets (continuations start with a space), never inside a UTF-8 character, ending in CRLF.
/// `value` must already be escaped as its type requires; `name` is short (under 75 octets).
void ical_line(std::string& out, std::string_view name, std::string_view value);

/// The same line written piece by piece into memory the caller has made room for, folding
/// as it goes, so that a value made of several texts is never assembled into a buffer of its
/// own first and no piece is copied through a capacity check (a plan for 100,000 areas writes
/// 600,000 events). The bytes are exactly those of ical_line with the pieces joined. Each
/// piece must be escaped as the value's type requires and hold whole UTF-8 characters.
class IcalLine {
public:
    /// The most bytes a line can take whose name, colon and value are `octets` long: a fold
    /// (CRLF and a space) at least every 71 of them, since a physical line holds 75 and a fold
    /// backs off at most 3 to the start of a character, and the closing CRLF.
    static constexpr std::size_t room(std::size_t octets) { return octets + 3 * (octets / 71 + 1) + 2; }

    /// Writes from `at` on and leaves it after what was written, which is at most room() of
    /// the name, colon and pieces.
    IcalLine(char*& at, std::string_view name);
    IcalLine& escaped(std::string_view piece) {
        if (used_ + piece.size() <= max_octets) {  // most pieces: no fold
            copy(piece);
            used_ += piece.size();
        } else {
            fold(piece);
        }
        return *this;
    }
    void end() { copy("\r\n"); }  ///< the line's CRLF

private:
    static constexpr std::size_t max_octets = 75;

    void copy(std::string_view bytes) {
        if (bytes.empty()) return;  // an empty view may have no address, which memcpy must not get
        std::memcpy(at_, bytes.data(), bytes.size());
        at_ += bytes.size();
    }
    void fold(std::string_view bytes);

    char*& at_;
    std::size_t used_;  ///< octets on the current physical line
};

}  // namespace tilsyn
