#pragma once
// A fast 128-bit fingerprint of bytes (xxHash's XXH3), for telling whether derived data is
// still that of its sources: tens of megabytes of registers are fingerprinted on every run
// that reads them from the register cache, where SHA-256 took a fifth of the load.
//
// Not a cryptographic hash: for noticing changes and damage, never for trusting bytes that
// somebody else could have chosen (the log's hash chain is SHA-256, sha256.h).

#include <string>
#include <string_view>

namespace tilsyn {

/// The bytes' XXH3 128-bit hash, as 32 lower-case hex digits.
std::string fingerprint_hex(std::string_view bytes);

}  // namespace tilsyn
