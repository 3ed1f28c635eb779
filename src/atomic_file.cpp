#include "atomic_file.h"

#include "error.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tilsyn {

namespace fs = std::filesystem;

namespace {
constexpr std::size_t buffer_size = 1 << 20;
}

AtomicFile::AtomicFile(std::string path, std::string flag)
    : path_(std::move(path)), flag_(std::move(flag)), buffer_(new char[buffer_size]) {
    std::error_code ec;
    if (path_.empty()) throw OutputError(flag_ + ": the output path is empty");
    if (fs::is_directory(path_, ec)) throw OutputError(flag_ + ": '" + path_ + "' is a directory");
    // Renaming over a device or a pipe would replace it with a plain file; use "-" (standard
    // output) and a shell redirection for those.
    if (fs::exists(path_, ec) && !fs::is_regular_file(path_, ec))
        throw OutputError(flag_ + ": '" + path_ + "' exists and is not a regular file; write to '-' and redirect instead");
    const fs::path target(path_);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // The temporary lives next to the target so that rename() is atomic (same file system).
    std::string pattern = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkstemp(name.data());
    if (fd < 0) fail("cannot write '" + path_ + "'", errno);
    ::close(fd);
    temp_ = name.data();
    out_.rdbuf()->pubsetbuf(buffer_.get(), buffer_size);
    out_.open(temp_, std::ios::binary | std::ios::trunc);
    if (!out_) fail("cannot write '" + path_ + "'", errno);
}

AtomicFile::~AtomicFile() {
    if (!committed_ && !temp_.empty()) {
        out_.close();
        ::unlink(temp_.c_str());
    }
}

void AtomicFile::fail(const std::string& what, int err) {
    throw OutputError(flag_ + ": " + what + ": " + std::strerror(err));
}

void AtomicFile::commit() {
    out_.flush();
    if (!out_) fail("cannot write '" + path_ + "'", errno ? errno : EIO);
    out_.close();
    // mkstemp creates 0600; a plan is an ordinary document, so give it the usual mode.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    const int fd = ::open(temp_.c_str(), O_RDONLY);
    if (fd < 0 || ::fchmod(fd, 0666 & ~mask) != 0 || ::fsync(fd) != 0) {
        const int err = errno;
        if (fd >= 0) ::close(fd);
        fail("cannot write '" + path_ + "'", err);
    }
    ::close(fd);
    if (::rename(temp_.c_str(), path_.c_str()) != 0) fail("cannot replace '" + path_ + "'", errno);
    committed_ = true;
}

void write_output(const std::optional<std::string>& path, const std::string& flag,
                  std::ostream& fallback, const std::function<void(std::ostream&)>& write) {
    if (!path || *path == "-") {
        write(fallback);
        return;
    }
    AtomicFile file(*path, flag);
    write(file.stream());
    file.commit();
}

}  // namespace tilsyn
