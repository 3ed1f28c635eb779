#pragma once
// Drawing the sample: each case number gets the key SHA-256("tilsyn-sample-1\n" + seed + "\n" +
// case number) as lower-case hex, and the sample is the `size` cases with the smallest keys, in
// key order (docs/sampling.md). Every case is equally likely, the order of the list does not
// matter, and anyone with the list and the seed can draw the same sample with sha256 and sort;
// no standard-library random distribution is involved (they differ between libraries).

#include "log/case_list.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tilsyn {

struct DrawnCase {
    std::string ref;
    std::string key;  ///< the SHA-256 key, lower-case hex
    int row = 0;      ///< the case list row it came from
};

/// SHA-256("tilsyn-sample-1\n" + seed + "\n" + case_ref) as lower-case hex.
std::string sample_key(std::string_view seed, std::string_view case_ref);

/// The seed used unless one is given: "<area>/<occurrence>", e.g. "jc-sygedagpenge/2027-M03".
std::string default_seed(std::string_view area, std::string_view occurrence);

/// Throws InputError "<place>: ..." for a seed that is empty, holds a line break or another
/// control character (it is one line of the key's input), or a CPR-like number (it is logged).
void check_seed(const std::string& seed, const std::string& place);

/// The `size` cases with the smallest keys, in key order. Throws InputError when `size` is
/// larger than the list (naming both numbers) or below 1.
std::vector<DrawnCase> draw_sample(const CaseList& list, std::string_view seed, std::int64_t size);

/// How a logged sample differs from a drawing: one line per case only in one of them, then
/// (if they hold the same cases) that the order differs. Empty when they agree exactly.
std::vector<std::string> sample_differences(const std::vector<std::string>& logged,
                                            const std::vector<DrawnCase>& drawn);

}  // namespace tilsyn
