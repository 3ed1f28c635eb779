#include "file_bytes.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace tilsyn {

std::optional<std::string> read_descriptor(int fd, std::size_t limit) {
    std::size_t expected = 0;
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) expected = static_cast<std::size_t>(st.st_size);
    // One byte more than the file holds, so that its end is seen without growing the string.
    std::string bytes(expected < limit ? expected + 1 : limit, '\0');
    std::size_t got = 0;
    for (;;) {
        if (got == bytes.size()) {
            if (got >= limit) break;
            bytes.resize(std::min(std::max<std::size_t>(4096, 2 * got), limit));  // a pipe, or a file that grew
        }
        const ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) return std::nullopt;
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    bytes.resize(got);
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
