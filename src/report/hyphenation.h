#pragma once
// Where a long Danish word may be broken at the end of a line. A narrow table column must
// sometimes break a word, and a broken word must show its hyphen; browsers hyphenate by
// themselves only where they have a dictionary (none offline on Linux), so the report marks
// the places itself with soft hyphens, which show as a hyphen only where the line breaks.

#include <string>
#include <string_view>

namespace tilsyn {

/// Words of at least this many letters get break points; shorter words fit every column.
inline constexpr int hyphenate_from_letters = 12;

/// `text` HTML-escaped (as html_escape), with a soft hyphen (&shy;) at each break point of
/// every run of at least hyphenate_from_letters letters. The break points follow the
/// Danish spelling rule for dividing by syllables: a single consonant between two vowels goes
/// to the next line (ta-ge), of several only the last does (søs-ter, ven-ner), or the last two
/// when they begin a syllable together (hj, hv, kr, pl, ...: lings-krav); never fewer than
/// three letters on either side of a break. Without a dictionary a compound is sometimes cut
/// inside a part; the break still shows its hyphen.
std::string html_hyphenated(std::string_view text);

}  // namespace tilsyn
