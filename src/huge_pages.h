#pragma once
// Large arrays backed by 2 MiB pages where the system offers them. A plan for 100,000 areas
// fills some 140 MB that it touches for the first time, and on a virtual machine every 4 KiB
// page costs a fault of a few microseconds: a tenth of a second of the run. Linux gives
// transparent huge pages only to memory that asks for them (the usual "madvise" setting),
// so the few large arrays ask, right after they are allocated and before they are written.

#include <cstddef>
#include <span>

namespace tilsyn {

/// Asks for huge pages for the whole 2 MiB pages inside [begin, begin + bytes). A hint: does
/// nothing for less than one such page, or where the system has no transparent huge pages.
void prefer_huge_pages(const void* begin, std::size_t bytes);

/// Faults in the pages of `range` as if for writing, without changing what they hold. For a
/// thread with nothing else to do, on behalf of a single-threaded step that will write there:
/// a fault costs a few microseconds per 4 KiB page on a virtual machine, and a 2 MiB page
/// that the host has yet to back can cost milliseconds. Done from the end backwards, 2 MiB at
/// a time, so that a range already being written from its start is met only in the middle.
/// A hint: without MADV_POPULATE_WRITE (Linux 5.14), the pages come where first written.
void populate_pages(std::span<std::byte> range);

/// Reserves room for n elements in a vector or string and asks for huge pages for it, before
/// anything is written there.
template <class Container>
void reserve_on_huge_pages(Container& c, std::size_t n) {
    c.reserve(n);
    prefer_huge_pages(c.data(), c.capacity() * sizeof(*c.data()));
}

}  // namespace tilsyn
