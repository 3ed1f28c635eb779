#pragma once
// Independent pieces of work shared among the processors: the registers to load, the centers
// whose leveling to set up, the leaders to level. Pieces vary in size (a center of 5,000 areas
// beside one of 50), so each thread takes the next piece when it has finished one rather than
// a fixed share.

#include <cstddef>
#include <functional>

namespace tilsyn {

/// The number of threads for_each_index uses for `count` pieces: one per processor, but no
/// more than there are pieces, and at least one.
unsigned parallel_workers(std::size_t count);

/// Calls work(index, worker) once for each index in [0, count), on parallel_workers(count)
/// threads, the calling one among them; `worker` (from 0) says which thread, for state a
/// thread keeps from one piece to the next. Once a call has thrown, the threads take no more
/// pieces (those already begun run to their end), and the exception is rethrown here when
/// every thread has stopped (the first caught, if several).
void for_each_index(std::size_t count, const std::function<void(std::size_t index, unsigned worker)>& work);

}  // namespace tilsyn
