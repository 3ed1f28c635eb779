// Unit tests for src/heap.{h,cpp}: the process runs on mimalloc when the build says so (a
// link order or linker flag that dropped the override would otherwise go unnoticed: every
// test would still pass, only slower), and release_free_memory hands back what a finished
// worker thread freed, and what parsing freed among what it keeps, which load_rules relies on
// to keep a parsed plan's peak down (on glibc as well: a build with -DTILSYN_MIMALLOC=OFF runs
// the same tests).

#include <doctest/doctest.h>

#include "heap.h"

#include <toml++/toml.h>

#if TILSYN_MIMALLOC
#include <mimalloc.h>
#endif

#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
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

// release_free_memory turns mimalloc's decommit delays off for the rest of the process, and
// tests before these load rules: a test of it starts from mimalloc's defaults (2.0: 25 and
// 500 ms), as a run of tilsyn does, and puts back what it found. Nothing to do on glibc.
struct DefaultDecommitDelays {
#if TILSYN_MIMALLOC
    long delay = mi_option_get(mi_option_decommit_delay);
    long segment_delay = mi_option_get(mi_option_segment_decommit_delay);
    DefaultDecommitDelays() {
        mi_option_set(mi_option_decommit_delay, 25);
        mi_option_set(mi_option_segment_decommit_delay, 500);
    }
    ~DefaultDecommitDelays() {
        mi_option_set(mi_option_decommit_delay, delay);
        mi_option_set(mi_option_segment_decommit_delay, segment_delay);
    }
#else
    DefaultDecommitDelays() {}
#endif
    DefaultDecommitDelays(const DefaultDecommitDelays&) = delete;
    DefaultDecommitDelays& operator=(const DefaultDecommitDelays&) = delete;
};

// A sanitizer's own allocator keeps what is freed (quarantined, to catch late uses), so what
// is resident says nothing about the process heap there.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
constexpr bool sanitized = true;
#else
constexpr bool sanitized = false;
#endif

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

TEST_CASE("heap: after release_free_memory, what a finished worker thread freed is no longer resident" * doctest::skip(sanitized)) {
    // 64 MiB in 64,000 blocks of 1,000 bytes, each written, then freed but for one allocated
    // last, which outlives the thread: as a worker that parsed a register leaves its toml++
    // nodes freed below the center it made. Neither glibc (the free memory is not at the top
    // of the thread's heap) nor mimalloc (it keeps a finished thread's pages) hands it back
    // by itself.
    const DefaultDecommitDelays fresh_process;
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

TEST_CASE("heap: after release_free_memory, a parse's freed nodes do not stay resident" * doctest::skip(sanitized)) {
    // As load_rules: two threads each parse registers in turn with toml++, keep a little of
    // each (the center read from it) and free the rest. mimalloc kept the pages of the last
    // parse of each thread committed for a while after release_free_memory (its decommit
    // delay), on top of whatever came next: a parsed plan of 100,000 areas peaked at 158-161
    // MiB, and at 128-129 MiB once the delays were turned off.
    const DefaultDecommitDelays fresh_process;
    std::string text;
    for (int i = 0; i < 4000; ++i)
        text += "[[areas]]\nid = \"a" + std::to_string(i) + "\"\nname = \"Area " + std::to_string(i) +
                "\"\nkind = \"maalgruppe\"\nscores = [1, 2, 3, 4]\nreason = \"" + std::string(60, 'r') + "\"\n";
    const long baseline = resident_kib();
    std::vector<std::string> kept;
    std::mutex kept_lock;
    auto parse = [&] {
        for (int round = 0; round < 5; ++round) {
            const toml::table doc = toml::parse(text);
            std::lock_guard lock(kept_lock);
            for (const toml::node& area : *doc["areas"].as_array())
                kept.push_back(std::string(*area.as_table()->get("name")->value<std::string_view>()));
        }
    };
    std::thread worker(parse);
    parse();
    worker.join();
    const long before = resident_kib();
    tilsyn::release_free_memory();
    // What comes next allocates, as a plan does.
    std::vector<std::unique_ptr<char[]>> next;
    for (int i = 0; i < 1024; ++i) {
        next.emplace_back(new char[1000]);
        std::memset(next.back().get(), 3, 1000);
    }
    const long after = resident_kib();
    INFO("resident: " << baseline << " KiB before, " << before << " KiB after parsing, " << after
                      << " KiB after release_free_memory and 1 MiB more");
    REQUIRE(before - baseline > 8 * 1024);  // kept: otherwise this tests nothing
    // Most of it went back: what stays is the 1.3 MB kept, the 1 MiB after, and the heap's own
    // pieces (1.6-4.4 MiB in all, in runs with another test process alongside; 14 MiB before
    // the change, nearly all of it).
    CHECK(after - baseline < (before - baseline) / 2);
}
