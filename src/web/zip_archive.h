#pragma once
// A directory packed as a zip archive with libzip, for downloads of what the commands write
// as a directory (the auditor's pack). Never a zip written by hand.

#include <ctime>
#include <filesystem>
#include <string>

namespace tilsyn {

/// The regular files under `dir`, recursively and in name order, as the bytes of a zip
/// archive (deflated), each stored as `prefix` + "/" + its path relative to `dir`, with
/// `mtime` as its time. Throws Error when `dir` holds no file, a file cannot be read or the archive
/// cannot be made.
std::string zip_directory(const std::filesystem::path& dir, const std::string& prefix,
                          std::time_t mtime);

}  // namespace tilsyn
