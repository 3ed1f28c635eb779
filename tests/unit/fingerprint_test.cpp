// The register cache's fingerprint: XXH3's 128 bits, written as `xxhsum -H2` writes them, so
// an entry's checksum can be checked by hand.
#include "fingerprint.h"

#include <doctest/doctest.h>

#include <string>

TEST_CASE("fingerprint: XXH3-128 in the canonical hex of xxHash's own tools") {
    // The empty input's hash, from xxHash's test vectors.
    CHECK(tilsyn::fingerprint_hex("") == "99aa06d3014798d86001c324468d497f");
    CHECK(tilsyn::fingerprint_hex("tilsyn") == "d3db7ee9b9250216dcc020d7376e0ff3");
}

TEST_CASE("fingerprint: one byte changed anywhere changes it") {
    std::string text(100000, 'a');
    const std::string before = tilsyn::fingerprint_hex(text);
    for (std::size_t at : {std::size_t{0}, std::size_t{4096}, text.size() - 1}) {
        std::string changed = text;
        changed[at] = 'b';
        CHECK(tilsyn::fingerprint_hex(changed) != before);
    }
    CHECK(tilsyn::fingerprint_hex(text + 'a') != before);
}
