#include "base/file_bytes.h"

#include "test_support.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <string>
#include <thread>

using tilsyn::test::TempDir;

namespace {

// Bytes no text file has, in a size that is neither a page nor a power of two.
std::string sample(std::size_t n) {
    std::string s(n, '\0');
    for (std::size_t i = 0; i < n; ++i) s[i] = static_cast<char>((i * 131 + i / 7) & 0xff);
    return s;
}

}  // namespace

TEST_CASE("file_bytes: a file comes back byte for byte, empty or larger than any buffer") {
    TempDir dir;
    for (std::size_t n :
         {std::size_t{0}, std::size_t{1}, std::size_t{4095}, std::size_t{3'000'017}}) {
        CAPTURE(n);
        const std::string bytes = sample(n);
        dir.write("f.bin", bytes);
        const auto got = tilsyn::read_file((dir.path / "f.bin").string());
        REQUIRE(got.has_value());
        CHECK(got->size() == n);
        CHECK(*got == bytes);
    }
}

TEST_CASE("file_bytes: a missing file or a directory is nullopt, with errno saying why") {
    TempDir dir;
    errno = 0;
    CHECK_FALSE(tilsyn::read_file((dir.path / "missing.toml").string()).has_value());
    CHECK(errno == ENOENT);
    errno = 0;
    CHECK_FALSE(tilsyn::read_file(dir.path.string()).has_value());
    CHECK(errno == EISDIR);
}

TEST_CASE(
    "file_bytes: read_descriptor stops at the limit, and reads a pipe of unknown size whole") {
    TempDir dir;
    const std::string bytes = sample(100'000);
    dir.write("f.bin", bytes);
    const int fd = ::open((dir.path / "f.bin").c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    const auto head = tilsyn::read_descriptor(fd, 8192);
    ::close(fd);
    REQUIRE(head.has_value());
    CHECK(*head == bytes.substr(0, 8192));

    int ends[2];
    REQUIRE(::pipe(ends) == 0);
    std::thread writer([&] {  // more than a pipe holds, so the reader must keep growing
        for (std::size_t at = 0; at < bytes.size();) {
            const ssize_t n = ::write(ends[1], bytes.data() + at, bytes.size() - at);
            if (n <= 0) break;
            at += static_cast<std::size_t>(n);
        }
        ::close(ends[1]);
    });
    const auto piped = tilsyn::read_descriptor(ends[0]);
    writer.join();
    ::close(ends[0]);
    REQUIRE(piped.has_value());
    CHECK(*piped == bytes);
}

TEST_CASE("file_bytes: an input file must be a regular file within its kind's size") {
    TempDir dir;
    const tilsyn::InputKind small{"a small file", 10};
    const std::string path = (dir.path / "f.txt").string();
    auto problem = [&](const std::string& p, const tilsyn::InputKind& kind) -> std::string {
        try {
            tilsyn::read_input_file(p, kind);
            return "";
        } catch (const tilsyn::UnreadableFile& e) {
            CHECK(std::string(e.what()) == p + ": " + e.problem());
            return e.problem();
        }
    };
    CHECK(problem(path, small) == "no such file");
    dir.write("f.txt", "0123456789");
    CHECK(tilsyn::read_input_file(path, small) == "0123456789");
    dir.write("f.txt", "0123456789x");
    CHECK(problem(path, small) == "is 11 bytes; a small file may be at most 10 bytes");
    dir.write("f.txt", std::string(5 << 20, 'x'));
    CHECK(problem(path, tilsyn::toml_input) == "");
    CHECK(problem(path, tilsyn::key_input) == "is 5 MiB; a key file may be at most 64 KiB");
    CHECK(problem(dir.path.string(), small) == "is a directory, not a regular file");
    // A FIFO is refused at once, without waiting for a writer; /dev/zero before it fills memory.
    const std::string fifo = (dir.path / "fifo").string();
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    CHECK(problem(fifo, small) == "is a FIFO, not a regular file");
    CHECK(problem("/dev/zero", tilsyn::toml_input) == "is a character device, not a regular file");
    // A symbolic link is followed: to a regular file it reads, to a device it is refused.
    const std::string link = (dir.path / "link").string();
    REQUIRE(::symlink("/dev/zero", link.c_str()) == 0);
    CHECK(problem(link, small) == "is a character device, not a regular file");
}
