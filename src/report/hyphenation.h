#pragma once
// Where a long Danish word may be broken at the end of a line. A narrow table column must
// sometimes break a word, and a broken word must show its hyphen; browsers hyphenate by
// themselves only where they have a dictionary (none offline on Linux), so the report marks
// the places itself with soft hyphens, which show as a hyphen only where the line breaks.
// The places come from the Danish hyphenation patterns of Debian's hyphen-da, read with
// libhyphen (the hyphenation library of LibreOffice and Hunspell).

#include <memory>
#include <string>
#include <string_view>

namespace tilsyn {

/// Words of at least this many letters get break points; shorter words fit every column.
inline constexpr int hyphenate_from_letters = 12;

/// Where Debian's hyphen-da installs the Danish patterns.
inline constexpr const char* danish_hyphenation_patterns = "/usr/share/hyphen/hyph_da_DK.dic";

/// A set of hyphenation patterns in libhyphen's format, loaded once and only read after.
class Hyphenator {
public:
    /// Loads the patterns at `path`. A file that is missing, unreadable or in a character set
    /// other than UTF-8 or ISO8859-1 leaves the hyphenator without patterns (loaded() is false).
    explicit Hyphenator(const std::string& path);
    ~Hyphenator();
    Hyphenator(const Hyphenator&) = delete;
    Hyphenator& operator=(const Hyphenator&) = delete;

    /// Whether the patterns were loaded.
    bool loaded() const { return patterns_ != nullptr; }

    /// `text` HTML-escaped (as html_escape), with a soft hyphen (&shy;) at each break point
    /// the patterns allow in every word of at least hyphenate_from_letters letters, never
    /// fewer than three letters from either end of the word. Without patterns, only escaped.
    std::string html(std::string_view text) const;

private:
    struct Patterns;
    std::unique_ptr<const Patterns> patterns_;
};

/// Hyphenator::html with the Danish patterns at danish_hyphenation_patterns, loaded on first
/// use. Where they are not installed, the text is only escaped and no word gets a break point.
std::string html_hyphenated(std::string_view text);

}  // namespace tilsyn
