#include "base/atomic_file.h"

#include "base/error.h"

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <streambuf>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tilsyn {

namespace fs = std::filesystem;

// The temporary's stream buffer: its own descriptor, so that commit() can sync the very file
// that was written and tell a failed write (a full disk) from a good one.
class AtomicFile::Buffer : public std::streambuf {
public:
    explicit Buffer(int fd) : fd_(fd), buffer_(new char[buffer_size]) {
        setp(buffer_.get(), buffer_.get() + buffer_size);
    }
    ~Buffer() override { close(); }
    Buffer(const Buffer&) = delete;
    Buffer& operator=(const Buffer&) = delete;

    int fd() const { return fd_; }
    /// The errno of the first write that failed, or 0.
    int error() const { return error_; }
    /// Closes the descriptor (once); the errno if that failed, else 0.
    int close() {
        if (fd_ < 0) return 0;
        const int result = ::close(fd_);
        fd_ = -1;
        return result == 0 ? 0 : errno;
    }

protected:
    int_type overflow(int_type c) override {
        if (!drain()) return traits_type::eof();
        if (!traits_type::eq_int_type(c, traits_type::eof())) {
            *pptr() = traits_type::to_char_type(c);
            pbump(1);
        }
        return traits_type::not_eof(c);
    }

    std::streamsize xsputn(const char* s, std::streamsize n) override {
        const auto size = static_cast<std::size_t>(n);
        if (size <= static_cast<std::size_t>(epptr() - pptr())) {
            std::memcpy(pptr(), s, size);
            pbump(static_cast<int>(n));
            return n;
        }
        // Larger than the room left: straight to the file.
        return drain() && put(s, size) ? n : 0;
    }

    int sync() override { return drain() ? 0 : -1; }

private:
    static constexpr std::size_t buffer_size = 1 << 16;

    bool drain() {
        const auto pending = static_cast<std::size_t>(pptr() - pbase());
        setp(buffer_.get(), buffer_.get() + buffer_size);
        return put(buffer_.get(), pending);
    }

    bool put(const char* s, std::size_t n) {
        if (error_) return false;
        while (n > 0) {
            const ssize_t w = ::write(fd_, s, n);
            if (w < 0 && errno == EINTR) continue;
            if (w <= 0) {
                error_ = w < 0 ? errno : EIO;
                return false;
            }
            s += w;
            n -= static_cast<std::size_t>(w);
        }
        return true;
    }

    int fd_;
    int error_ = 0;
    std::unique_ptr<char[]> buffer_;
};

AtomicFile::AtomicFile(std::string path, std::string flag)
    : path_(std::move(path)), flag_(std::move(flag)), out_(nullptr) {
    std::error_code ec;
    if (path_.empty()) throw OutputError(flag_ + ": the output path is empty");
    if (fs::is_directory(path_, ec)) throw OutputError(flag_ + ": '" + path_ + "' is a directory");
    // Renaming over a device or a pipe would replace it with a plain file; use "-" (standard
    // output) and a shell redirection for those.
    if (fs::exists(path_, ec) && !fs::is_regular_file(path_, ec))
        throw OutputError(flag_ + ": '" + path_ +
                          "' exists and is not a regular file; write to '-' and redirect instead");
    const fs::path target(path_);
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    // The temporary lives next to the target so that rename() is atomic (same file system).
    std::string pattern = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
    std::vector<char> name(pattern.begin(), pattern.end());
    name.push_back('\0');
    const int fd = ::mkostemp(name.data(), O_CLOEXEC);
    if (fd < 0) fail("cannot write '" + path_ + "'", errno);
    temp_ = name.data();
    buffer_ = std::make_unique<Buffer>(fd);
    out_.rdbuf(buffer_.get());
}

AtomicFile::~AtomicFile() {
    if (!committed_ && !temp_.empty()) {
        buffer_->close();  // unflushed bytes are dropped with the file
        ::unlink(temp_.c_str());
    }
}

void AtomicFile::fail(const std::string& what, int err) {
    throw OutputError(flag_ + ": " + what + ": " + std::strerror(err));
}

void AtomicFile::commit() {
    out_.flush();
    if (!out_ || buffer_->error())
        fail("cannot write '" + path_ + "'", buffer_->error() ? buffer_->error() : EIO);
    // mkostemp creates 0600; a plan is an ordinary document, so give it the usual mode.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    if (::fchmod(buffer_->fd(), 0666 & ~mask) != 0 || ::fsync(buffer_->fd()) != 0)
        fail("cannot write '" + path_ + "'", errno);
    // close() can report a write error that fsync did not (on some network file systems).
    if (const int err = buffer_->close()) fail("cannot write '" + path_ + "'", err);
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
