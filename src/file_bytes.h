#pragma once
// Whole files read into memory in one pass. A rules directory can hold tens of megabytes of
// registers, read on every run to check them against the cache; a string grown as the bytes
// arrive copies them again and again and touches twice the memory.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace tilsyn {

/// Everything left to read from an open descriptor, or its first `limit` bytes. The string is
/// sized once from fstat when the descriptor is a regular file, and grows only if the file
/// grew meanwhile. nullopt on a read error (errno tells which).
std::optional<std::string> read_descriptor(int fd, std::size_t limit = SIZE_MAX);

/// The file's bytes exactly as stored; nullopt if it cannot be opened or read (errno tells
/// why), so that callers word the error for where they are.
std::optional<std::string> read_file(const std::string& path);

}  // namespace tilsyn
