#pragma once
// An output file that appears whole or not at all: written to a temporary file in the same
// directory, then renamed over the target on commit(). Destroyed without commit, it leaves
// nothing behind (and an existing target untouched).

#include <functional>
#include <memory>
#include <optional>
#include <ostream>
#include <string>

namespace tilsyn {

class AtomicFile {
public:
    /// `flag` names the option the path came from ("-o"), for error messages.
    AtomicFile(std::string path, std::string flag);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    std::ostream& stream() { return out_; }
    /// Flushes, syncs and renames into place. Throws OutputError on any failure.
    void commit();

private:
    class Buffer;  ///< writes the temporary's descriptor (atomic_file.cpp)

    [[noreturn]] void fail(const std::string& what, int err);

    std::string path_;
    std::string flag_;
    std::string temp_;
    std::unique_ptr<Buffer> buffer_;
    std::ostream out_;
    bool committed_ = false;
};

/// Runs `write` on the file at `path` (atomically, committed only if `write` returns) or, with
/// no path, on `fallback` (standard output).
void write_output(const std::optional<std::string>& path, const std::string& flag,
                  std::ostream& fallback, const std::function<void(std::ostream&)>& write);

}  // namespace tilsyn
