#include "huge_pages.h"

#include <algorithm>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#include <unistd.h>
#endif

namespace tilsyn {

void prefer_huge_pages([[maybe_unused]] const void* begin, [[maybe_unused]] std::size_t bytes) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    constexpr std::uintptr_t huge = std::uintptr_t{2} << 20;
    const auto start = reinterpret_cast<std::uintptr_t>(begin);
    const std::uintptr_t first = (start + huge - 1) & ~(huge - 1);
    const std::uintptr_t last = (start + bytes) & ~(huge - 1);
    // Failure only means small pages, as without the hint.
    if (first < last) ::madvise(reinterpret_cast<void*>(first), last - first, MADV_HUGEPAGE);
#endif
}

std::jthread populate_in_background([[maybe_unused]] std::vector<std::span<std::byte>> ranges) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    std::erase_if(ranges, [](std::span<std::byte> r) { return r.empty(); });
    if (ranges.empty()) return {};
    return std::jthread([ranges = std::move(ranges)] {
        const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
        constexpr std::uintptr_t step = std::uintptr_t{2} << 20;
        for (const std::span<std::byte> r : ranges) {
            // Whole pages, from the one that holds the first byte: populating changes no byte,
            // so a page shared with a neighbour's memory is no concern.
            const auto first = reinterpret_cast<std::uintptr_t>(r.data()) & ~(page - 1);
            const auto end = reinterpret_cast<std::uintptr_t>(r.data() + r.size());
            for (std::uintptr_t to = end; to > first;) {
                const std::uintptr_t from = std::max(first, (to - 1) & ~(step - 1));
                // Failure only means these pages are faulted in later, where they are written.
                ::madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
                to = from;
            }
        }
    });
#else
    return {};
#endif
}

}  // namespace tilsyn
