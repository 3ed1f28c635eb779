#pragma once
// The CPR guard: personal identity numbers must never enter the log or the rules. Case work
// is full of them, and they arrive in every spelling a keyboard, a word processor or a
// spreadsheet can produce, so the text is looked at the way a reader would see it
// (docs/log.md, "The CPR guard"):
//
// - each character is first put in its Unicode compatibility form (NFKC: full-width digits and
//   punctuation become the ASCII ones), and invisible characters (zero-width spaces and
//   joiners, the soft hyphen, the byte order mark: Unicode's default-ignorable characters) are
//   dropped;
// - a digit is any character with a decimal digit value (Arabic-Indic, Devanagari, ... too);
// - a separator is any space (Unicode Zs, tab, line break) or dash (Unicode Pd, the minus
//   sign), a slash, a dot or an underscore.
//
// A CPR number is then DD MM YY SSSS: four groups of 2, 2, 2 and 4 digits, each group written
// without a break, with at most three separators between two groups, whose DDMMYY is a real
// date, and which is not part of a longer run of digits. "150327 1030", a valid date followed
// by four digits, is refused by design: it cannot be told from a CPR number.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace tilsyn {

/// Where a CPR-like number was found: its first and last character, counted in characters
/// (code points) from 0, and as bytes of the UTF-8 text.
struct CprMatch {
    std::size_t first_char = 0;
    std::size_t chars = 0;
    std::size_t first_byte = 0;
    std::size_t bytes = 0;
};

/// The first CPR-like number in the text (which must be valid UTF-8), or nullopt.
std::optional<CprMatch> locate_cpr(std::string_view text);

/// The first CPR-like number as it is written in the text, or nullopt.
std::optional<std::string> find_cpr(std::string_view text);

/// "the text contains what looks like a CPR number (11 characters at position 8); ...", or
/// nullopt. The number itself is not repeated: the message may end up in a log or a mail.
std::optional<std::string> cpr_problem(std::string_view text);

/// Throws InputError "<field>: <cpr_problem>" when the text holds a CPR-like number.
void refuse_cpr(std::string_view text, const std::string& field);

}  // namespace tilsyn
