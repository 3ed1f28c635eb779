#pragma once
// Whole files read into memory, with errno left to say why when they cannot be read, so that
// callers word the error for where they are.

#include "base/error.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tilsyn {

/// Everything left to read from an open descriptor, or its first `limit` bytes. nullopt on a
/// read error (errno tells which).
std::optional<std::string> read_descriptor(int fd, std::size_t limit = SIZE_MAX);

/// The file's bytes exactly as stored; nullopt if it cannot be opened or read (errno tells why).
std::optional<std::string> read_file(const std::string& path);

/// A kind of input file and the most it may hold. The limits are far above what real files
/// need; they are there so that a wrong path (a disk image, a log file) is refused before it
/// fills memory. Documented in docs/security.md, "What is accepted".
struct InputKind {
    std::string_view name;  ///< for messages: "a TOML file"
    std::size_t max_bytes;
};
inline constexpr InputKind toml_input{"a TOML file", std::size_t{16} << 20};  // a register of
                                                                              // 20,000 areas: 6 MB
inline constexpr InputKind import_input{"an import file", std::size_t{1} << 30};
inline constexpr InputKind case_list_input{"a case list", std::size_t{256} << 20};
inline constexpr InputKind key_input{"a key file", std::size_t{64} << 10};

/// An input file that was refused: not there, not a regular file, too large, unreadable.
class UnreadableFile : public InputError {
public:
    UnreadableFile(const std::string& path, std::string problem)
        : InputError(path + ": " + problem), problem_(std::move(problem)) {}
    /// What is wrong, to follow the file's name: "is a FIFO, not a regular file".
    const std::string& problem() const { return problem_; }

private:
    std::string problem_;
};

/// Reads an input file whole. Only a regular file is read (a FIFO or a device such as
/// /dev/zero is refused before a byte is read, and opening never blocks), and only up to the
/// kind's limit, checked before reading and again while reading. Throws UnreadableFile.
std::string read_input_file(const std::string& path, const InputKind& kind);

}  // namespace tilsyn
