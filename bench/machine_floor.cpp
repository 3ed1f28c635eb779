// What the machine itself needs for the two costs no code change can remove from the plan
// benchmark's cached `plan --format ics > /dev/null` (bench/plan_bench.sh): touching the run's
// peak memory once, which on a VM costs a page fault and a cleared page per 4 KiB, and copying
// the calendar's bytes into buffers as events are written. It runs no tilsyn code; it tells how
// much of the 0.3 s goal is left for the plan itself. Figures in docs/benchmarks.md.
//
//   cmake --build build-rel --target machine_floor
//   build-rel/bench/machine_floor [MIB_TOUCHED [MB_WRITTEN]]   (defaults: 134 and 476, as for 100,000 areas)
//
// Each figure is the median of seven repetitions, each in memory of its own (fresh pages).

#include <sys/mman.h>

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double median(std::vector<double> v) {
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// Maps `bytes` of fresh anonymous memory, optionally asking for transparent huge pages as
// the plan's largest arrays do (src/huge_pages.cpp), writes one byte per 4 KiB page, and
// unmaps it: the milliseconds the writes took.
double touch_fresh(std::size_t bytes, bool huge) {
    void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        std::perror("mmap");
        std::exit(1);
    }
    if (huge) ::madvise(p, bytes, MADV_HUGEPAGE);
    auto* bytes_at = static_cast<volatile char*>(p);
    const auto start = Clock::now();
    for (std::size_t i = 0; i < bytes; i += 4096) bytes_at[i] = 1;
    const double ms = ms_since(start);
    ::munmap(p, bytes);
    return ms;
}

// Writes `total` bytes as 800-byte pieces (an event's size) into two reused 1.6 MB buffers,
// one per thread, reading each piece from a scattered place in 30 MB of text (events in
// date order read their areas' texts in no order): the milliseconds it took.
double copy_pieces(std::size_t total) {
    constexpr std::size_t piece = 800, chunk = 2000 * piece;
    const std::vector<char> source(30u << 20, 'x');
    auto work = [&](std::size_t part) {
        std::vector<char> buffer(chunk);
        std::size_t from = part * 7919;
        for (std::size_t done = part * chunk; done < total; done += 2 * chunk) {
            for (std::size_t at = 0; at + piece <= chunk; at += piece) {
                std::memcpy(buffer.data() + at, source.data() + from % (source.size() - piece), piece);
                from += 104729;  // a prime stride: no two nearby pieces share a cache line
            }
            // Keeps the copies from being optimised away, as a write(2) of the buffer would.
            asm volatile("" : : "r"(buffer.data()) : "memory");
        }
    };
    const auto start = Clock::now();
    std::thread other(work, 1);
    work(0);
    other.join();
    return ms_since(start);
}

}  // namespace

int main(int argc, char** argv) {
    const std::size_t mib = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 134;
    const std::size_t written_mb = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 476;
    if (mib == 0 || written_mb == 0) {
        std::fprintf(stderr, "usage: machine_floor [MIB_TOUCHED [MB_WRITTEN]] (both above 0)\n");
        return 2;
    }
    constexpr int runs = 7;
    std::vector<double> small, huge, copy;
    for (int r = 0; r < runs; ++r) {
        small.push_back(touch_fresh(mib << 20, false));
        huge.push_back(touch_fresh(mib << 20, true));
        copy.push_back(copy_pieces(written_mb * 1000 * 1000));
    }
    auto range = [](const std::vector<double>& v) {
        return std::to_string(static_cast<int>(*std::min_element(v.begin(), v.end()))) + "-" +
               std::to_string(static_cast<int>(*std::max_element(v.begin(), v.end())));
    };
    std::printf("touch %zu MiB of fresh memory, 4 KiB pages, one thread    median %7.1f ms   (range %s)\n", mib,
                median(small), range(small).c_str());
    std::printf("touch %zu MiB of fresh memory, huge pages asked, one thread median %7.1f ms   (range %s)\n", mib,
                median(huge), range(huge).c_str());
    std::printf("copy %zu MB as 800-byte pieces from scattered text, 2 threads median %7.1f ms   (range %s)\n",
                written_mb, median(copy), range(copy).c_str());
    std::printf("(%d runs each)\n", runs);
    return 0;
}
