// Unit tests for src/base/atomic_file.{h,cpp}: an output file appears whole or not at all, with no
// temporary left behind, and unusable paths are OutputErrors.

#include <doctest/doctest.h>

#include "test_support.h"

#include "base/atomic_file.h"
#include "base/error.h"

#include <algorithm>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <sys/resource.h>
#include <sys/stat.h>

namespace {

using tilsyn::test::complete_utf8;
using tilsyn::test::TempDir;

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<std::string> entries(const fs::path& dir) {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
    std::sort(out.begin(), out.end());
    return out;
}

struct WriterFailed : std::runtime_error {
    WriterFailed() : std::runtime_error("writer failed") {}
};

}  // namespace

TEST_CASE("atomic_file: write_output to a path commits the content, byte for byte") {
    TempDir dir;
    const fs::path target = dir.path / "plan.ics";
    std::ostringstream fallback;
    const std::string content =
        "BEGIN:VCALENDAR\r\nX:æøå\r\n" + std::string(3 << 20, 'x') + "\r\nEND\r\n";
    tilsyn::write_output(target.string(), "-o", fallback,
                         [&](std::ostream& out) { out << content; });
    CHECK(fallback.str().empty());
    REQUIRE(fs::exists(target));
    CHECK(read_file(target) == content);
    CHECK(entries(dir.path) == std::vector<std::string>{"plan.ics"});  // no temporary left
}

TEST_CASE("atomic_file: a large file written in pieces of every size comes out whole") {
    // Past several of the windows whose writing to disk is started early, in pieces smaller
    // and larger than the buffer, with single characters between them.
    TempDir dir;
    const fs::path target = dir.path / "plan.ics";
    std::string expected;
    std::ostringstream fallback;
    tilsyn::write_output(target.string(), "-o", fallback, [&](std::ostream& out) {
        std::size_t size = 1;
        for (int piece = 0; expected.size() < (50u << 20); ++piece) {
            const std::string text(size, static_cast<char>('a' + piece % 26));
            out << text;
            out.put('\n');
            expected += text + '\n';
            size = size * 3 % ((5u << 20) + 7) + 1;
        }
    });
    CHECK(fs::file_size(target) == expected.size());
    CHECK(read_file(target) == expected);
}

TEST_CASE("atomic_file: a write the file system refuses is an OutputError, and nothing is left") {
    // A file size limit (RLIMIT_FSIZE) makes write() fail with EFBIG past 1 MiB, as a full
    // disk fails with ENOSPC; the signal that would also come is ignored meanwhile.
    TempDir dir;
    const fs::path target = dir.path / "plan.ics";
    std::ofstream(target, std::ios::binary) << "previous plan\r\n";
    struct rlimit before {};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &before) == 0);
    struct rlimit limited = before;
    limited.rlim_cur = 1 << 20;
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &limited) == 0);
    std::string message;
    try {
        std::ostringstream fallback;
        tilsyn::write_output(target.string(), "-o", fallback,
                             [](std::ostream& out) { out << std::string(3 << 20, 'z') << "end"; });
    } catch (const tilsyn::OutputError& e) {
        message = e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &before);
    std::signal(SIGXFSZ, old_handler);
    CHECK(message == "-o: cannot write '" + target.string() + "': " + std::strerror(EFBIG));
    CHECK(read_file(target) == "previous plan\r\n");
    CHECK(entries(dir.path) == std::vector<std::string>{"plan.ics"});
}

TEST_CASE("atomic_file: a committed file gets the ordinary mode, not mkstemp's 0600") {
    TempDir dir;
    const fs::path target = dir.path / "plan.csv";
    std::ostringstream fallback;
    const mode_t mask = ::umask(022);
    tilsyn::write_output(target.string(), "-o", fallback,
                         [](std::ostream& out) { out << "a,b\r\n"; });
    ::umask(mask);
    struct stat st {};
    REQUIRE(::stat(target.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0644);
}

TEST_CASE("atomic_file: an existing target is replaced on success") {
    TempDir dir;
    const fs::path target = dir.path / "plan.json";
    std::ofstream(target) << "old content";
    std::ostringstream fallback;
    tilsyn::write_output(target.string(), "-o", fallback, [](std::ostream& out) { out << "{}\n"; });
    CHECK(read_file(target) == "{}\n");
    CHECK(entries(dir.path) == std::vector<std::string>{"plan.json"});
}

TEST_CASE("atomic_file: without a path, or with '-', the fallback stream is written") {
    std::ostringstream fallback;
    tilsyn::write_output(std::nullopt, "-o", fallback, [](std::ostream& out) { out << "one"; });
    CHECK(fallback.str() == "one");
    tilsyn::write_output(std::string("-"), "-o", fallback,
                         [](std::ostream& out) { out << ",two"; });
    CHECK(fallback.str() == "one,two");
    CHECK_FALSE(fs::exists("-"));
}

TEST_CASE("atomic_file: when the writer throws, no file and no temporary is left") {
    TempDir dir;
    const fs::path target = dir.path / "plan.ics";
    std::ostringstream fallback;
    CHECK_THROWS_AS(tilsyn::write_output(target.string(), "-o", fallback,
                                         [](std::ostream& out) {
                                             out << std::string(2 << 20, 'y');  // past the buffer
                                             throw WriterFailed();
                                         }),
                    WriterFailed);
    CHECK_FALSE(fs::exists(target));
    CHECK(entries(dir.path).empty());
    CHECK(fallback.str().empty());
}

TEST_CASE("atomic_file: an existing target is left unchanged when the write fails") {
    TempDir dir;
    const fs::path target = dir.path / "plan.ics";
    std::ofstream(target, std::ios::binary) << "previous plan\r\n";
    std::ostringstream fallback;
    CHECK_THROWS_AS(tilsyn::write_output(target.string(), "-o", fallback,
                                         [](std::ostream& out) {
                                             out << "half a plan";
                                             throw WriterFailed();
                                         }),
                    WriterFailed);
    CHECK(read_file(target) == "previous plan\r\n");
    CHECK(entries(dir.path) == std::vector<std::string>{"plan.ics"});
}

TEST_CASE("atomic_file: an AtomicFile destroyed without commit leaves nothing behind") {
    TempDir dir;
    const fs::path target = dir.path / "out.txt";
    {
        tilsyn::AtomicFile f(target.string(), "-o");
        f.stream() << "never committed";
        CHECK(entries(dir.path).size() == 1);  // the temporary, next to the target
        CHECK_FALSE(fs::exists(target));
    }
    CHECK(entries(dir.path).empty());
    {
        tilsyn::AtomicFile f(target.string(), "-o");
        f.stream() << "committed";
        f.commit();
    }
    CHECK(read_file(target) == "committed");
    CHECK(entries(dir.path) == std::vector<std::string>{"out.txt"});
}

TEST_CASE("atomic_file: a missing directory throws OutputError naming the flag and path") {
    TempDir dir;
    const fs::path target = dir.path / "no-such-dir" / "plan.ics";
    std::ostringstream fallback;
    bool called = false;
    try {
        tilsyn::write_output(target.string(), "-o", fallback,
                             [&](std::ostream&) { called = true; });
        FAIL("expected OutputError");
    } catch (const tilsyn::OutputError& e) {
        const std::string what = e.what();
        INFO("message: " << what);
        CHECK(what.find("-o") != std::string::npos);
        CHECK(what.find("plan.ics") != std::string::npos);
        CHECK(e.code() == tilsyn::ExitCode::bad_input);
    }
    CHECK_FALSE(called);
    CHECK(entries(dir.path).empty());
}

TEST_CASE("atomic_file: a directory as the path throws OutputError and leaves it alone") {
    TempDir dir;
    const fs::path sub = dir.path / "sub";
    fs::create_directory(sub);
    std::ostringstream fallback;
    bool called = false;
    CHECK_THROWS_AS(
        tilsyn::write_output(sub.string(), "-o", fallback, [&](std::ostream&) { called = true; }),
        tilsyn::OutputError);
    CHECK_FALSE(called);
    CHECK(fs::is_directory(sub));
    CHECK(entries(dir.path) == std::vector<std::string>{"sub"});
    // With a trailing slash too.
    CHECK_THROWS_AS(tilsyn::write_output(sub.string() + "/", "-o", fallback,
                                         [&](std::ostream&) { called = true; }),
                    tilsyn::OutputError);
    CHECK_FALSE(called);
    CHECK(entries(sub).empty());
}

TEST_CASE("atomic_file: an existing non-regular file (a FIFO) is not replaced") {
    TempDir dir;
    const fs::path fifo = dir.path / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    std::ostringstream fallback;
    bool called = false;
    CHECK_THROWS_AS(
        tilsyn::write_output(fifo.string(), "-o", fallback, [&](std::ostream&) { called = true; }),
        tilsyn::OutputError);
    CHECK_FALSE(called);
    CHECK(fs::is_fifo(fifo));
    CHECK(entries(dir.path) == std::vector<std::string>{"pipe"});
}

TEST_CASE("atomic_file: a regular file as the parent directory throws OutputError") {
    TempDir dir;
    const fs::path file = dir.path / "file.txt";
    std::ofstream(file) << "x";
    std::ostringstream fallback;
    CHECK_THROWS_AS(tilsyn::write_output((file / "plan.ics").string(), "-o", fallback,
                                         [](std::ostream& out) { out << "y"; }),
                    tilsyn::OutputError);
    CHECK(read_file(file) == "x");
    CHECK(entries(dir.path) == std::vector<std::string>{"file.txt"});
}

TEST_CASE("atomic_file: an empty path throws OutputError") {
    std::ostringstream fallback;
    CHECK_THROWS_AS(tilsyn::write_output(std::string(), "-o", fallback, [](std::ostream&) {}),
                    tilsyn::OutputError);
}
