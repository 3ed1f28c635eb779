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

void populate_pages([[maybe_unused]] std::span<std::byte> range) {
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    if (range.empty()) return;
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    constexpr std::uintptr_t step = std::uintptr_t{2} << 20;
    // Whole pages, from the one that holds the first byte: populating changes no byte, so a
    // page shared with a neighbour's memory is no concern.
    const auto first = reinterpret_cast<std::uintptr_t>(range.data()) & ~(page - 1);
    const auto end = reinterpret_cast<std::uintptr_t>(range.data() + range.size());
    for (std::uintptr_t to = end; to > first;) {
        const std::uintptr_t from = std::max(first, (to - 1) & ~(step - 1));
        // Failure only means these pages are faulted in later, where they are written.
        ::madvise(reinterpret_cast<void*>(from), to - from, MADV_POPULATE_WRITE);
        to = from;
    }
#endif
}

}  // namespace tilsyn
