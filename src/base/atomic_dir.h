#pragma once
// An output directory that appears whole or not at all: its files are written into a fresh
// temporary directory next to the target (same parent, so the rename is atomic), synced, and
// the directory is renamed into place on commit(). Destroyed without commit, it removes the
// temporary directory with everything in it. An existing target is never overwritten: only an
// empty directory may be replaced (what the auditor's pack needs: an earlier pack stays).

#include <functional>
#include <ostream>
#include <string>
#include <vector>

namespace tilsyn {

class AtomicDir {
public:
    /// `flag` names the option the path came from ("--out"), for error messages. Throws
    /// OutputError when the target exists and is not an empty directory, or when the parent
    /// is missing, not a directory or not writable.
    AtomicDir(std::string path, std::string flag);
    ~AtomicDir();
    AtomicDir(const AtomicDir&) = delete;
    AtomicDir& operator=(const AtomicDir&) = delete;

    /// Writes one file into the directory through `write`, then flushes and syncs it. `name` is
    /// a plain file name (no '/'). Throws OutputError if it cannot be written.
    void add(const std::string& name, const std::function<void(std::ostream&)>& write);
    /// The files added so far, in order.
    const std::vector<std::string>& files() const { return files_; }
    /// Where a file added under `name` is until commit().
    std::string staged(const std::string& name) const;

    /// Syncs the directory and renames it into place (atomically replacing an empty directory
    /// there, refusing anything else). Throws OutputError on any failure.
    void commit();

private:
    [[noreturn]] void fail(const std::string& what, int err) const;

    std::string path_;
    std::string flag_;
    std::string temp_;
    std::vector<std::string> files_;
    bool committed_ = false;
};

}  // namespace tilsyn
