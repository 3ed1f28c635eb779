#include "base/atomic_dir.h"

#include "base/error.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tilsyn {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t buffer_size = 1 << 20;

// fsync on a path (a file or a directory): the data, and a directory's entries, reach the disk
// before the rename makes them visible under the final name.
int sync_path(const std::string& path, int flags) {
    const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
    if (fd < 0) return errno;
    const int err = ::fsync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return err;
}

}  // namespace

AtomicDir::AtomicDir(std::string path, std::string flag)
    : path_(std::move(path)), flag_(std::move(flag)) {
    if (path_.empty()) throw OutputError(flag_ + ": the output path is empty");
    // A trailing slash ("pack/") names the same directory; without it the temporary's name and
    // the parent come out right.
    while (path_.size() > 1 && path_.back() == '/') path_.pop_back();
    std::error_code ec;
    const auto status = fs::symlink_status(path_, ec);
    if (fs::exists(status)) {
        if (!fs::is_directory(status))
            throw OutputError(flag_ + ": '" + path_ + "' exists and is not a directory");
        if (!fs::is_empty(path_, ec))
            throw OutputError(flag_ + ": '" + path_ +
                              "' exists and is not empty; an earlier pack is "
                              "never overwritten: choose a new directory");
    }
    const fs::path target(path_);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    std::string pattern = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    if (::mkdtemp(pattern.data()) == nullptr) fail("cannot write '" + path_ + "'", errno);
    temp_ = pattern;
    // mkdtemp creates 0700; the pack is an ordinary document for others to read.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::chmod(temp_.c_str(), 0777 & ~mask) != 0) fail("cannot write '" + path_ + "'", errno);
}

AtomicDir::~AtomicDir() {
    if (!committed_ && !temp_.empty()) {
        std::error_code ec;
        fs::remove_all(temp_, ec);
    }
}

void AtomicDir::fail(const std::string& what, int err) const {
    throw OutputError(flag_ + ": " + what + ": " + std::strerror(err));
}

std::string AtomicDir::staged(const std::string& name) const {
    return (fs::path(temp_) / name).string();
}

void AtomicDir::add(const std::string& name, const std::function<void(std::ostream&)>& write) {
    if (committed_) throw std::logic_error("AtomicDir::add after commit");
    if (name.empty() || name.find('/') != std::string::npos || name == "." || name == "..")
        throw std::logic_error("AtomicDir::add: not a plain file name: " + name);
    const std::string file = staged(name);
    const std::string where = "cannot write '" + (fs::path(path_) / name).string() + "'";
    {
        std::unique_ptr<char[]> buffer(new char[buffer_size]);
        std::ofstream out;
        out.rdbuf()->pubsetbuf(buffer.get(), buffer_size);
        out.open(file, std::ios::binary | std::ios::trunc);
        if (!out) fail(where, errno ? errno : EIO);
        files_.push_back(name);
        write(out);
        out.flush();
        if (!out) fail(where, errno ? errno : EIO);
        out.close();
        if (!out) fail(where, errno ? errno : EIO);
    }
    if (const int err = sync_path(file, O_RDONLY)) fail(where, err);
}

void AtomicDir::commit() {
    if (const int err = sync_path(temp_, O_RDONLY | O_DIRECTORY))
        fail("cannot write '" + path_ + "'", err);
    // rename() replaces an empty directory atomically and refuses a non-empty one (ENOTEMPTY or
    // EEXIST), so a pack that appeared since the constructor looked is not overwritten either.
    if (::rename(temp_.c_str(), path_.c_str()) != 0) {
        const int err = errno;
        if (err == ENOTEMPTY || err == EEXIST)
            throw OutputError(flag_ + ": '" + path_ +
                              "' exists and is not empty; an earlier pack is "
                              "never overwritten: choose a new directory");
        fail("cannot create '" + path_ + "'", err);
    }
    committed_ = true;
    const fs::path target(path_);
    // The rename itself is durable once the parent's entry is on disk; the pack is complete and
    // in place either way, so a failure here is not reported as a failed pack.
    sync_path(target.has_parent_path() ? target.parent_path().string() : std::string("."),
              O_RDONLY | O_DIRECTORY);
}

}  // namespace tilsyn
