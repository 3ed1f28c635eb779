#pragma once
// How deeply a TOML text nests, found before toml++ reads it. toml++ builds and destroys its
// tree recursively, and only guards arrays and inline tables (at 256 levels): some 45,000
// levels of dotted keys (a.a.a... = 1) or table headers ([a.a.a...]) overflow the stack. A
// rule file must never be able to crash tilsyn, so parse_toml refuses such a text first.

#include "rules/diagnostics.h"

#include <optional>
#include <string>
#include <string_view>

namespace tilsyn {

/// The deepest nesting tilsyn reads. Its own files reach 4 levels as too_deep_nesting counts
/// them (a key in an inline table in a register's [[areas.assessments]]); 64 leaves room for
/// any hand-written file and stays far below the depth that exhausts the stack.
inline constexpr int max_toml_nesting = 64;

/// Where `text` first nests deeper than `limit` levels, or nullopt if it never does. A level
/// is a segment of a dotted key or of a table header, or an open array or inline table in a
/// value; they add up (a key under a header starts at the header's depth, a key in an inline
/// table at the table's). A segment of an array-of-tables header ([[a.b]]) counts once, though
/// toml++ nests an array and a table for it: a bound on the count bounds the tree all the
/// same. Strings and comments are skipped. Text that is not valid TOML is
/// scanned as well as it goes, without ever failing: toml++ reports what is wrong with it.
/// The place is 1-based, the column counted in characters, as toml++ counts.
std::optional<SourcePlace> too_deep_nesting(std::string_view text, const std::string& file,
                                            int limit = max_toml_nesting);

}  // namespace tilsyn
