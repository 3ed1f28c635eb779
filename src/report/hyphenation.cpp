#include "report/hyphenation.h"

#include "report/html_text.h"

#include <cstddef>
#include <vector>

namespace tilsyn {

namespace {

// One code point of UTF-8 text, with where it starts.
struct Letter {
    std::size_t at = 0;
    std::size_t size = 1;
    char32_t c = 0;
};

std::vector<Letter> decode(std::string_view s) {
    std::vector<Letter> out;
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t n = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        char32_t c = n == 1 ? b : n == 2 ? b & 0x1F : n == 3 ? b & 0x0F : b & 0x07;
        for (std::size_t k = 1; k < n && i + k < s.size(); ++k)
            c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back({i, std::min(n, s.size() - i), c});
        i += n;
    }
    return out;
}

char32_t lower(char32_t c) {
    if (c >= U'A' && c <= U'Z') return c + 32;
    if (c == U'Æ' || c == U'Ø' || c == U'Å' || c == U'É' || c == U'Ü' || c == U'Ö' || c == U'Ä')
        return c + 32;
    return c;
}

bool is_vowel(char32_t c) {
    switch (lower(c)) {
        case U'a':
        case U'e':
        case U'i':
        case U'o':
        case U'u':
        case U'y':
        case U'æ':
        case U'ø':
        case U'å':
        case U'é':
        case U'ü':
        case U'ö':
        case U'ä':
            return true;
        default:
            return false;
    }
}

bool is_letter(char32_t c) {
    const char32_t l = lower(c);
    return (l >= U'a' && l <= U'z') || is_vowel(c);
}

// "hj" and "hv" are one sound; a stop or f before l, r or v opens a syllable (lings-krav,
// af-klaring, heds-praktik). Clusters with s are left out: in compounds the s usually closes
// the first part (hjælps-modtager, ledelses-tilsyn), so only the last consonant goes over.
bool two_letter_onset(char32_t a, char32_t b) {
    a = lower(a);
    b = lower(b);
    if (a == U'h') return b == U'j' || b == U'v';
    const bool stop =
        a == U'b' || a == U'd' || a == U'g' || a == U'k' || a == U'p' || a == U't' || a == U'f';
    return stop && (b == U'l' || b == U'r' || (b == U'v' && (a == U'k' || a == U't')));
}

// Break points (indices of the letter a new line would start with) in one run of letters.
std::vector<std::size_t> break_points(const std::vector<Letter>& run) {
    constexpr std::size_t min_side = 3;
    std::vector<std::size_t> points;
    std::size_t last_vowel = run.size();  // none yet
    for (std::size_t i = 0; i < run.size(); ++i) {
        if (!is_vowel(run[i].c)) continue;
        if (last_vowel < run.size() && i > last_vowel + 1) {
            // Consonants last_vowel+1 .. i-1: the last goes to the next line, or the last two
            // when they begin Danish words together (two_letter_onset).
            std::size_t at = i - 1;
            if (at > last_vowel + 1 && two_letter_onset(run[at - 1].c, run[at].c)) --at;
            if (at >= min_side && run.size() - at >= min_side) points.push_back(at);
        }
        last_vowel = i;
    }
    return points;
}

}  // namespace

std::string html_hyphenated(std::string_view text) {
    const std::vector<Letter> letters = decode(text);
    std::string out;
    std::size_t done = 0;  // letters of `text` written so far
    for (std::size_t i = 0; i < letters.size();) {
        if (!is_letter(letters[i].c)) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < letters.size() && is_letter(letters[end].c)) ++end;
        if (end - i >= static_cast<std::size_t>(hyphenate_from_letters)) {
            const std::vector<Letter> run(letters.begin() + static_cast<std::ptrdiff_t>(i),
                                          letters.begin() + static_cast<std::ptrdiff_t>(end));
            for (const std::size_t p : break_points(run)) {
                const std::size_t cut = run[p].at;
                out += html_escape(text.substr(letters[done].at, cut - letters[done].at));
                out += "&shy;";
                done = i + p;
            }
        }
        i = end;
    }
    if (done < letters.size()) out += html_escape(text.substr(letters[done].at));
    return out;
}

}  // namespace tilsyn
