#pragma once
// What every harness shares: how far its inputs got, and how a broken promise is reported.
//
// A harness passes each input to the same library function the command uses. An input refused
// with tilsyn's own exceptions (tilsyn::Error and its subclasses, RulesError among them) is an
// answer, not a finding; anything else escaping, a sanitizer report or a broken promise (see
// require) is a crash to libFuzzer.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace tilsyn::fuzz {

/// How many inputs got through the parser (accepted) and how many it refused with its own
/// error. replay_main.cpp requires some of each from the seed corpus: a harness that stops
/// reaching its parser, or whose parser stops accepting anything, fails its replay test.
struct Reach {
    std::size_t accepted = 0;
    std::size_t refused = 0;
};

inline Reach& reach() {
    static Reach r;
    return r;
}

/// Aborts, which libFuzzer reports as a crash with the input, when a promise the code makes in
/// its header is broken by an input it accepted.
inline void require(bool kept, const char* promise) {
    if (kept) return;
    std::fprintf(stderr, "fuzz: broken promise: %s\n", promise);
    std::abort();
}

inline std::string_view text_of(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

}  // namespace tilsyn::fuzz

/// The entry point libFuzzer calls, and replay_main.cpp without it.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
