#include "heap.h"

#include <cstdlib>  // first: it defines __GLIBC__ on glibc, which the test below reads

#if TILSYN_MIMALLOC
#include <mimalloc.h>
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

namespace tilsyn {

void release_free_memory() {
#if TILSYN_MIMALLOC
    // Forced from the main thread, this also takes over the heaps of worker threads that have
    // ended (mimalloc calls them abandoned) and frees their empty pages, instead of waiting
    // for its decommit delay.
    mi_collect(true);
#elif defined(__GLIBC__)
    // glibc keeps freed memory in each thread's arena, full of holes; malloc_trim returns the
    // unused pages of all arenas.
    malloc_trim(0);
#endif
}

}  // namespace tilsyn
