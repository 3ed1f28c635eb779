#pragma once
// The bytes a parsed center is kept as between runs (register_cache.h): each member in
// declaration order, fixed-width numbers in the machine's own byte order, texts and lists
// after their lengths. No version number and no portability: the cache's key holds the
// executable's identity, so bytes written by another build or machine are never read.
//
// Written by hand rather than through a serialization library: reading back a large
// municipality's 100,000 areas is on the path of every `tilsyn plan`, and Boost.Serialization
// spent more time on its per-object bookkeeping (a type lookup and a virtual call for every
// area and assessment, a stream call for every number) than on the data.

#include "risk_register.h"

#include <string>
#include <string_view>

namespace tilsyn {

/// The bytes kept for a center.
std::string encode_center(const Center& center);

/// The center back from encode_center's bytes. std::runtime_error if they are not such
/// bytes: too short, too long, or holding a value no parse makes (an unknown colour, a
/// leader that is not the center's, a cadence that does not divide the year).
Center decode_center(std::string_view bytes);

}  // namespace tilsyn
