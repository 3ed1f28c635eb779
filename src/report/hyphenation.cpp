#include "report/hyphenation.h"

#include "report/html_text.h"

#include <hyphen.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

namespace tilsyn {

namespace {

// Danish typesetting keeps three letters on each side of a break; libhyphen's default of two
// would allow ud-dannelse and modtage-re.
constexpr int min_letters_at_end = 3;

struct FreeDictionary {
    void operator()(HyphenDict* dict) const { hnj_hyphen_free(dict); }
};

// The arrays hnj_hyphen_hyphenate3 allocates (with malloc) when a non-standard pattern
// matches, such as a German "Schiff=fahrt"; they stay null for the Danish patterns.
struct Replacements {
    char** rep = nullptr;
    int* pos = nullptr;
    int* cut = nullptr;
    std::size_t size = 0;

    explicit Replacements(std::size_t n) : size(n) {}
    Replacements(const Replacements&) = delete;
    Replacements& operator=(const Replacements&) = delete;
    ~Replacements() {
        if (rep != nullptr)
            for (std::size_t i = 0; i < size; ++i) std::free(rep[i]);
        std::free(rep);
        std::free(pos);
        std::free(cut);
    }
};

// One code point of UTF-8 text, with where it starts (negative for an ill-formed sequence).
struct Letter {
    std::size_t at = 0;
    UChar32 c = 0;
};

std::vector<Letter> decode(std::string_view s) {
    std::vector<Letter> out;
    const auto n = static_cast<std::int32_t>(s.size());
    for (std::int32_t i = 0; i < n;) {
        const std::int32_t at = i;
        UChar32 c = 0;
        U8_NEXT(s.data(), i, n, c);
        out.push_back({static_cast<std::size_t>(at), c});
    }
    return out;
}

// Letters, and the combining marks of a decomposed letter, which must not split its word.
bool in_word(UChar32 c) {
    return c >= 0 && (u_isalpha(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0);
}

}  // namespace

struct Hyphenator::Patterns {
    std::unique_ptr<HyphenDict, FreeDictionary> dict;

    // Whether a break is allowed after each letter of `word` (lower case, as libhyphen wants).
    std::vector<bool> breaks(const std::vector<UChar32>& word) const {
        std::vector<bool> out(word.size(), false);
        // libhyphen reads the word's bytes in the charset the file's first line names.
        // Debian 12's hyph_da_DK.dic is in ISO8859-1, where each letter is one byte; a word
        // with a letter outside it cannot match a Danish pattern and gets no break points.
        std::string bytes;
        for (const UChar32 c : word) {
            if (dict->utf8 != 0) {
                char buf[U8_MAX_LENGTH];
                std::int32_t n = 0;
                U8_APPEND_UNSAFE(buf, n, c);
                bytes.append(buf, static_cast<std::size_t>(n));
            } else if (c <= 0xFF) {
                bytes += static_cast<char>(c);
            } else {
                return out;
            }
        }
        std::vector<char> hyphens(bytes.size() + 5, '\0');
        Replacements replacements(bytes.size());
        // Returns non-zero only for ill-formed UTF-8, which decode() never produces here.
        if (hnj_hyphen_hyphenate3(dict.get(), bytes.c_str(), static_cast<int>(bytes.size()),
                                  hyphens.data(), nullptr, &replacements.rep, &replacements.pos,
                                  &replacements.cut, min_letters_at_end, min_letters_at_end, 0,
                                  0) != 0)
            return out;
        // Indexed by letter (libhyphen converts UTF-8 positions to letters). A break that
        // changes the spelling cannot be a soft hyphen and is left out.
        for (std::size_t i = 0; i + 1 < word.size(); ++i)
            out[i] = (hyphens[i] & 1) != 0 &&
                     (replacements.rep == nullptr || replacements.rep[i] == nullptr);
        return out;
    }
};

Hyphenator::Hyphenator(const std::string& path) {
    std::unique_ptr<HyphenDict, FreeDictionary> dict(hnj_hyphen_load(path.c_str()));
    if (dict == nullptr) return;
    if (dict->utf8 == 0 && std::strcmp(dict->cset, "ISO8859-1") != 0) return;
    patterns_ = std::make_unique<const Patterns>(Patterns{std::move(dict)});
}

Hyphenator::~Hyphenator() = default;

std::string Hyphenator::html(std::string_view text) const {
    if (patterns_ == nullptr) return html_escape(text);
    const std::vector<Letter> letters = decode(text);
    std::string out;
    std::size_t done = 0;  // bytes of `text` written so far
    for (std::size_t i = 0; i < letters.size();) {
        if (!in_word(letters[i].c)) {
            ++i;
            continue;
        }
        std::size_t end = i;
        while (end < letters.size() && in_word(letters[end].c)) ++end;
        if (end - i >= static_cast<std::size_t>(hyphenate_from_letters)) {
            std::vector<UChar32> lower;
            for (std::size_t k = i; k < end; ++k) lower.push_back(u_tolower(letters[k].c));
            const std::vector<bool> breaks = patterns_->breaks(lower);
            for (std::size_t k = 0; k < breaks.size(); ++k) {
                if (!breaks[k]) continue;
                const std::size_t cut = letters[i + k + 1].at;
                out += html_escape(text.substr(done, cut - done));
                out += "&shy;";
                done = cut;
            }
        }
        i = end;
    }
    out += html_escape(text.substr(done));
    return out;
}

std::string html_hyphenated(std::string_view text) {
    // Loaded on the first call and kept, read only, until the program ends. Where hyphen-da is
    // not installed the report is still made, with no soft hyphens: a long word then does not
    // break at all (the stylesheet forbids a break without a hyphen) and may overflow its cell,
    // which is better than no report or a word broken without its hyphen.
    static const Hyphenator danish(danish_hyphenation_patterns);
    return danish.html(text);
}

}  // namespace tilsyn
