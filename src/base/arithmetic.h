#pragma once
// Sums and rates of the figures in the log, which cannot overflow. New entries are bounded
// (at most 100,000 cases a supervision, amounts within ±10^13 kr.), but a log is kept for years
// and older entries may hold any 64-bit number; a report over them must still be defined
// behaviour, and exact wherever the figures are.

#include <cstdint>
#include <optional>

namespace tilsyn {

/// a + b, held at the int64 limits instead of overflowing.
std::int64_t saturating_add(std::int64_t a, std::int64_t b);

/// |a|, with |INT64_MIN| held at INT64_MAX.
std::int64_t saturating_abs(std::int64_t a);

/// part / whole in tenths of a percent, rounded half up; nullopt when whole <= 0. Exact for
/// every int64 part and whole; a result beyond the int range is held at its limits.
std::optional<int> permille(std::int64_t part, std::int64_t whole);

/// Whether part / whole is above (below) percent / 100, exactly, for every int64 part and
/// whole > 0 and any percent.
bool rate_above(std::int64_t part, std::int64_t whole, int percent);
bool rate_below(std::int64_t part, std::int64_t whole, int percent);

}  // namespace tilsyn
