#include "fingerprint.h"

#include <xxhash.h>

#include <fmt/core.h>

namespace tilsyn {

std::string fingerprint_hex(std::string_view bytes) {
    const XXH128_hash_t h = XXH3_128bits(bytes.data(), bytes.size());
    return fmt::format("{:016x}{:016x}", h.high64, h.low64);
}

}  // namespace tilsyn
