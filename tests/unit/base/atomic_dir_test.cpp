// Unit tests for src/base/atomic_dir.{h,cpp}: an output directory appears whole or not at all. No
// temporary is left behind, whether committed, abandoned or failed; an empty directory is
// replaced, anything else at the target is refused and left as it was.

#include <doctest/doctest.h>

#include "test_support.h"

#include "base/atomic_dir.h"
#include "base/error.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

#include <sys/stat.h>
#include <unistd.h>

namespace {

using tilsyn::AtomicDir;
using tilsyn::OutputError;
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

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const OutputError& e) {
        return e.what();
    }
    return "";
}

}  // namespace

TEST_CASE("atomic_dir: the files appear together under the target on commit, nothing before") {
    TempDir dir;
    const fs::path target = dir.path / "pack";
    AtomicDir out(target.string(), "--out");
    out.add("a.csv", [](std::ostream& o) { o << "x,y\r\n1,2\r\n"; });
    out.add("b.txt", [](std::ostream& o) { o << "æøå\n"; });
    CHECK_FALSE(fs::exists(target));
    CHECK(read_file(out.staged("a.csv")) == "x,y\r\n1,2\r\n");
    CHECK(out.files() == std::vector<std::string>{"a.csv", "b.txt"});
    out.commit();
    CHECK(entries(dir.path) == std::vector<std::string>{"pack"});  // no temporary left
    CHECK(entries(target) == std::vector<std::string>{"a.csv", "b.txt"});
    CHECK(read_file(target / "b.txt") == "æøå\n");
    // An ordinary directory for others to read, not mkdtemp's 0700.
    const mode_t mask = ::umask(0);
    ::umask(mask);
    CHECK((fs::status(target).permissions() & fs::perms::all) ==
          (static_cast<fs::perms>(0777 & ~mask)));
}

TEST_CASE("atomic_dir: abandoned or failed part-way, it leaves nothing behind") {
    TempDir dir;
    const fs::path target = dir.path / "pack";
    {
        AtomicDir out(target.string(), "--out");
        out.add("a.csv", [](std::ostream& o) { o << "a"; });
    }
    CHECK(entries(dir.path).empty());
    CHECK_THROWS_AS(
        [&] {
            AtomicDir out(target.string(), "--out");
            out.add("a.csv", [](std::ostream& o) { o << "a"; });
            out.add("b.csv", [](std::ostream&) { throw std::runtime_error("writer failed"); });
        }(),
        std::runtime_error);
    CHECK(entries(dir.path).empty());
}

TEST_CASE("atomic_dir: an empty directory is replaced") {
    TempDir dir;
    const fs::path target = dir.path / "pack";
    fs::create_directory(target);
    AtomicDir out(target.string() + "/", "--out");  // a trailing slash names the same directory
    out.add("a.csv", [](std::ostream& o) { o << "a"; });
    out.commit();
    CHECK(entries(dir.path) == std::vector<std::string>{"pack"});
    CHECK(entries(target) == std::vector<std::string>{"a.csv"});
}

TEST_CASE("atomic_dir: an earlier pack, a file or a missing parent is refused and left as it was") {
    TempDir dir;
    const fs::path target = dir.path / "pack";
    fs::create_directory(target);
    dir.write("pack/old.csv", "earlier");
    CHECK(error_of([&] { AtomicDir out(target.string(), "--out"); }) ==
          "--out: '" + target.string() +
              "' exists and is not empty; an earlier pack is never overwritten: choose a new "
              "directory");
    CHECK(read_file(target / "old.csv") == "earlier");

    dir.write("file", "x");
    CHECK(error_of([&] { AtomicDir out((dir.path / "file").string(), "--out"); }) ==
          "--out: '" + (dir.path / "file").string() + "' exists and is not a directory");
    CHECK(error_of([&] { AtomicDir out((dir.path / "file" / "pack").string(), "--out"); }) ==
          "--out: cannot write '" + (dir.path / "file" / "pack").string() + "': Not a directory");
    CHECK(error_of([&] { AtomicDir out((dir.path / "missing" / "pack").string(), "--out"); }) ==
          "--out: cannot write '" + (dir.path / "missing" / "pack").string() +
              "': No such file or directory");
    CHECK(error_of([&] { AtomicDir out("", "--out"); }) == "--out: the output path is empty");
    CHECK(entries(dir.path) == std::vector<std::string>{"file", "pack"});
}

TEST_CASE("atomic_dir: a pack that appears at the target meanwhile is not overwritten") {
    TempDir dir;
    const fs::path target = dir.path / "pack";
    AtomicDir out(target.string(), "--out");
    out.add("a.csv", [](std::ostream& o) { o << "new"; });
    fs::create_directory(target);
    dir.write("pack/old.csv", "earlier");
    CHECK(error_of([&] { out.commit(); }).find("exists and is not empty") != std::string::npos);
    CHECK(read_file(target / "old.csv") == "earlier");
}
