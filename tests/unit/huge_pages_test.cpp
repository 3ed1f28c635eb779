#include "huge_pages.h"

#include "test_support.h"

#include <sys/mman.h>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <span>
#include <sstream>
#include <string>

namespace {

// The VmFlags line /proc/self/smaps gives the mapping that holds `address`, or "" without one.
std::string vm_flags_at(const void* address) {
    std::ifstream smaps("/proc/self/smaps");
    const auto at = reinterpret_cast<std::uintptr_t>(address);
    bool inside = false;
    for (std::string line; std::getline(smaps, line);) {
        std::uintptr_t from = 0, to = 0;
        char dash = 0;
        std::istringstream range(line);
        if (line.find(':') != std::string::npos && line.rfind("VmFlags:", 0) != 0 &&
            (range >> std::hex >> from >> dash >> to) && dash == '-') {
            inside = from <= at && at < to;
        } else if (inside && line.rfind("VmFlags:", 0) == 0) {
            return line;
        }
    }
    return {};
}

bool has_flag(const std::string& flags, const std::string& flag) {
    return (flags + " ").find(" " + flag + " ") != std::string::npos;
}

}  // namespace

TEST_CASE("huge_pages: the whole 2 MiB pages of a range are advised, and nothing outside it") {
    constexpr std::size_t huge = std::size_t{2} << 20;
    // A mapping with room for a 2 MiB boundary to start from, and a range from 1 MiB and a
    // byte after that boundary to 7 MiB and a byte: its whole pages are [2 MiB, 6 MiB).
    void* map = ::mmap(nullptr, 10 * huge, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(map != MAP_FAILED);
    auto* aligned = reinterpret_cast<char*>((reinterpret_cast<std::uintptr_t>(map) + huge - 1) & ~(huge - 1));
    tilsyn::prefer_huge_pages(aligned + huge / 2 + 1, 3 * huge);
    const std::string first = vm_flags_at(aligned + huge);
    REQUIRE_FALSE(first.empty());
    if (!has_flag(first, "hg")) {
        // madvise refused: a kernel without transparent huge pages, where the hint is moot.
        MESSAGE("no transparent huge pages here: " << first);
    } else {
        CHECK(has_flag(vm_flags_at(aligned + 3 * huge - 1), "hg"));  // the last byte of the last page
        CHECK_FALSE(has_flag(vm_flags_at(aligned + huge - 1), "hg"));  // the partial page before
        CHECK_FALSE(has_flag(vm_flags_at(aligned + 3 * huge), "hg"));  // the partial page after
    }
    // Less than one whole page ([8 MiB + 1, 10 MiB + 1)): no advice, and no harm.
    tilsyn::prefer_huge_pages(aligned + 4 * huge + 1, huge);
    CHECK_FALSE(has_flag(vm_flags_at(aligned + 4 * huge + 4096), "hg"));
    ::munmap(map, 10 * huge);
}

TEST_CASE("huge_pages: populating faults in every page of each range and changes no byte") {
    constexpr std::size_t page = 4096;
    constexpr std::size_t pages = 3 * 512 + 7;  // 6 MiB and some: several 2 MiB steps, and a partial one
    void* map = ::mmap(nullptr, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    REQUIRE(map != MAP_FAILED);
    // Small pages, so that residency is page by page whatever the system's THP setting.
    ::madvise(map, pages * page, MADV_NOHUGEPAGE);
    auto* bytes = static_cast<std::byte*>(map);
    auto resident = [&](std::size_t p) {
        unsigned char in = 0;
        REQUIRE(::mincore(bytes + p * page, page, &in) == 0);
        return (in & 1) != 0;
    };
    // Written already: a byte in the middle of the first range, which must keep its value.
    bytes[700 * page + 5] = std::byte{42};
    // Two ranges that start and end inside pages; the page between them is left alone.
    const std::span<std::byte> first(bytes + 10, 1000 * page), second(bytes + 1002 * page + 1, 500 * page);
    tilsyn::populate_pages(first);
    tilsyn::populate_pages(second);
    CHECK(bytes[700 * page + 5] == std::byte{42});
    // Whether this kernel can populate at all (Linux 5.14 and later), asked of the last page.
    if (::madvise(bytes + (pages - 1) * page, page, MADV_POPULATE_WRITE) != 0) {
        MESSAGE("MADV_POPULATE_WRITE is not available here: the pages come when written");
    } else {
        std::size_t missing = 0;
        for (std::size_t p = 0; p <= 1000; ++p) missing += !resident(p);
        for (std::size_t p = 1002; p <= 1502; ++p) missing += !resident(p);
        CHECK(missing == 0);
        CHECK_FALSE(resident(1001));
        CHECK_FALSE(resident(pages - 2));
    }
    tilsyn::populate_pages({});  // nothing to do, and no harm
    ::munmap(map, pages * page);
}
