#include "base/file_bytes.h"

#include "base/text.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>

namespace tilsyn {

std::optional<std::string> read_descriptor(int fd, std::size_t limit) {
    std::string bytes;
    std::array<char, 65536> block{};
    while (bytes.size() < limit) {
        const ssize_t n = ::read(fd, block.data(), std::min(block.size(), limit - bytes.size()));
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return std::nullopt;
        if (n == 0) break;
        bytes.append(block.data(), static_cast<std::size_t>(n));
    }
    return bytes;
}

std::optional<std::string> read_file(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    auto bytes = read_descriptor(fd);
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return bytes;
}

namespace {

std::string_view file_type(mode_t mode) {
    if (S_ISDIR(mode)) return "a directory";
    if (S_ISFIFO(mode)) return "a FIFO";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    return "not a file";
}

std::string too_large(std::size_t size, const InputKind& kind) {
    std::string actual = byte_size(size), limit = byte_size(kind.max_bytes);
    if (actual == limit) {  // just above the limit: the bytes tell them apart
        actual = std::to_string(size) + " bytes";
        limit = std::to_string(kind.max_bytes) + " bytes";
    }
    return "is " + actual + "; " + std::string(kind.name) + " may be at most " + limit;
}

}  // namespace

std::string read_input_file(const std::string& path, const InputKind& kind) {
    // O_NONBLOCK: opening a FIFO would otherwise wait for a writer forever.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        throw UnreadableFile(path, errno == ENOENT ? std::string("no such file")
                                                   : "cannot open the file (" +
                                                         std::string(std::strerror(errno)) + ")");
    struct Closer {
        int fd;
        ~Closer() { ::close(fd); }
    } closer{fd};
    struct stat st {};
    if (::fstat(fd, &st) != 0)
        throw UnreadableFile(path,
                             "cannot read the file (" + std::string(std::strerror(errno)) + ")");
    if (!S_ISREG(st.st_mode))
        throw UnreadableFile(path,
                             "is " + std::string(file_type(st.st_mode)) + ", not a regular file");
    if (static_cast<std::size_t>(st.st_size) > kind.max_bytes)
        throw UnreadableFile(path, too_large(static_cast<std::size_t>(st.st_size), kind));
    auto bytes = read_descriptor(fd, kind.max_bytes + 1);
    if (!bytes)
        throw UnreadableFile(path,
                             "cannot read the file (" + std::string(std::strerror(errno)) + ")");
    if (bytes->size() > kind.max_bytes)  // it grew while being read
        throw UnreadableFile(path, too_large(bytes->size(), kind));
    return std::move(*bytes);
}

}  // namespace tilsyn
