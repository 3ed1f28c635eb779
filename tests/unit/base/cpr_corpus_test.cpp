// The CPR corpus (tests/cpr/): every variant is refused, alone and inside a sentence, and no
// trap is, however it is surrounded.

#include <doctest/doctest.h>

#include "base/cpr_guard.h"

#include <fstream>
#include <string>
#include <vector>

namespace {

// A corpus file's cases, with \t, \n, \uXXXX and \UXXXXXXXX made into their characters.
std::vector<std::string> corpus(const std::string& name) {
    std::ifstream in(std::string(TILSYN_SOURCE_DIR) + "/tests/cpr/" + name);
    REQUIRE(in);
    std::vector<std::string> out;
    std::string line;
    while (std::getline(in, line)) {
        if (line.empty() || line.front() == '#') continue;
        std::string text;
        for (std::size_t i = 0; i < line.size(); ++i) {
            if (line[i] != '\\' || i + 1 == line.size()) {
                text += line[i];
                continue;
            }
            const char kind = line[++i];
            if (kind == 't') {
                text += '\t';
            } else if (kind == 'n') {
                text += '\n';
            } else if (kind == 'u' || kind == 'U') {
                const std::size_t digits = kind == 'u' ? 4 : 8;
                const auto c =
                    static_cast<char32_t>(std::stoul(line.substr(i + 1, digits), nullptr, 16));
                i += digits;
                if (c < 0x80) {
                    text += static_cast<char>(c);
                } else if (c < 0x800) {
                    text += static_cast<char>(0xC0 | (c >> 6));
                    text += static_cast<char>(0x80 | (c & 0x3F));
                } else if (c < 0x10000) {
                    text += static_cast<char>(0xE0 | (c >> 12));
                    text += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
                    text += static_cast<char>(0x80 | (c & 0x3F));
                } else {
                    text += static_cast<char>(0xF0 | (c >> 18));
                    text += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
                    text += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
                    text += static_cast<char>(0x80 | (c & 0x3F));
                }
            } else {
                text += '\\';
                text += kind;
            }
        }
        out.push_back(text);
    }
    return out;
}

}  // namespace

TEST_CASE("cpr corpus: every variant is refused, alone and in a sentence") {
    const std::vector<std::string> variants = corpus("variants.txt");
    CHECK(variants.size() >= 41);
    for (const std::string& v : variants) {
        INFO("variant: '" << v << "'");
        CHECK(tilsyn::find_cpr(v).has_value());
        CHECK(tilsyn::find_cpr("Borgeren (" + v + ") ringede igen.").has_value());
        CHECK(tilsyn::cpr_problem("se " + v).has_value());
    }
}

TEST_CASE("cpr corpus: no trap is refused, however it is surrounded") {
    const std::vector<std::string> traps = corpus("traps.txt");
    CHECK(traps.size() >= 40);
    for (const std::string& t : traps) {
        INFO("trap: '" << t << "'");
        CHECK_FALSE(tilsyn::find_cpr(t).has_value());
        CHECK_FALSE(tilsyn::find_cpr("Se " + t + ", som aftalt.").has_value());
        CHECK_FALSE(tilsyn::find_cpr("(" + t + ")").has_value());
    }
}
