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
    // Freeing is not handing back: mimalloc keeps freed pages for its decommit delays (25 and
    // 500 ms), in case they are wanted again, and hands them back only when their thread next
    // allocates after that; mi_collect does not shorten the wait. A plan's large arrays do not
    // come from the heap, so a parse's 34 MiB of freed pages stayed on top of the peak (100,000
    // areas: 158-161 MiB, against 132 for a run that read the cache). With no delay they go
    // back as soon as the plan's first allocations touch their segments: 128-129 MiB, and no
    // slower. The delays stay off for the rest of the run; a command that frees more after
    // loading pays a little for that (a parsed `workload` of 100,000 areas: 0.82 to 0.865 s).
    // Only runs that parse come here, and the next run reads the cache.
    mi_option_set(mi_option_decommit_delay, 0);
    mi_option_set(mi_option_segment_decommit_delay, 0);
    // Forced from the main thread, this also takes over the heaps of worker threads that have
    // ended (mimalloc calls them abandoned) and frees their empty pages.
    mi_collect(true);
#elif defined(__GLIBC__)
    // glibc keeps freed memory in each thread's arena, full of holes; malloc_trim returns the
    // unused pages of all arenas.
    malloc_trim(0);
#endif
}

}  // namespace tilsyn
