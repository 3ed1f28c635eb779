#pragma once
// The process heap. The tilsyn executable and the tests run on mimalloc (linked in place of
// glibc's malloc; CMake option TILSYN_MIMALLOC): a cached plan for 100,000 areas allocates
// some 500,000 small strings and vectors on two threads while it decodes the registers, and a
// parse makes and frees a toml++ node per value. docs/benchmarks.md has the figures.

namespace tilsyn {

/// Hands memory that the heap holds but no longer uses back to the system, so that a phase
/// which freed most of what it made (parsing tens of megabytes of TOML on several threads)
/// does not raise the peak of the phases after it. From then on, memory freed is handed back
/// at once rather than kept a while for reuse.
void release_free_memory();

}  // namespace tilsyn
