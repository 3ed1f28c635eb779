// Unit tests for src/heap.{h,cpp}: the process runs on mimalloc when the build says so (a
// link order or linker flag that dropped the override would otherwise go unnoticed: every
// test would still pass, only slower), and release_free_memory hands back what a finished
// worker thread freed, which load_rules relies on to keep a parsed plan's peak down (on
// glibc as well: a build with -DTILSYN_MIMALLOC=OFF runs the same test).

#include <doctest/doctest.h>

#include "heap.h"

#if TILSYN_MIMALLOC
#include <mimalloc.h>
#endif

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

// The resident set of this process in KiB, from /proc/self/statm (pages).
long resident_kib() {
    std::ifstream statm("/proc/self/statm");
    long size = 0, resident = 0;
    statm >> size >> resident;
    return resident * (::sysconf(_SC_PAGESIZE) / 1024);
}

}  // namespace

#if TILSYN_MIMALLOC
TEST_CASE("heap: malloc, operator new and std::string allocate from mimalloc") {
    void* p = std::malloc(100);
    const auto q = std::make_unique<int[]>(1000);
    const std::string s(200, 'x');  // beyond the small-string buffer
    CHECK(mi_is_in_heap_region(p));
    CHECK(mi_is_in_heap_region(q.get()));
    CHECK(mi_is_in_heap_region(s.data()));
    std::free(p);
}
#endif

TEST_CASE("heap: after release_free_memory, what a finished worker thread freed is no longer resident") {
    // 64 MiB in 64,000 blocks of 1,000 bytes, each written, then freed but for one allocated
    // last, which outlives the thread: as a worker that parsed a register leaves its toml++
    // nodes freed below the center it made. Neither glibc (the free memory is not at the top
    // of the thread's heap) nor mimalloc (it keeps a finished thread's pages) hands it back
    // by itself.
    const long baseline = resident_kib();
    long during = 0;
    std::unique_ptr<char[]> survivor;
    std::thread([&during, &survivor] {
        std::vector<std::unique_ptr<char[]>> blocks;
        for (int i = 0; i < 64 * 1024; ++i) {
            blocks.emplace_back(new char[1000]);
            std::memset(blocks.back().get(), 1, 1000);
        }
        survivor.reset(new char[1000]);
        during = resident_kib();
    }).join();
    const long before = resident_kib();
    tilsyn::release_free_memory();
    const long after = resident_kib();
    INFO("resident: " << baseline << " KiB before the thread, " << during << " KiB in it, " << before
                      << " KiB after it, " << after << " KiB after release_free_memory");
    REQUIRE(during - baseline > 48 * 1024);
    REQUIRE(before - baseline > 32 * 1024);  // kept: otherwise this tests nothing
    CHECK(after - baseline < 16 * 1024);
}
