#include "base/file_bytes.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>

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

}  // namespace tilsyn
