#pragma once
// Whole files read into memory, with errno left to say why when they cannot be read, so that
// callers word the error for where they are.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace tilsyn {

/// Everything left to read from an open descriptor, or its first `limit` bytes. nullopt on a
/// read error (errno tells which).
std::optional<std::string> read_descriptor(int fd, std::size_t limit = SIZE_MAX);

/// The file's bytes exactly as stored; nullopt if it cannot be opened or read (errno tells why).
std::optional<std::string> read_file(const std::string& path);

}  // namespace tilsyn
