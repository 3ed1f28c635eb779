#pragma once
// A large output formatted in chunks on worker threads and written in order, so that the
// threads format while the caller writes: a plan for 100,000 areas is 600,000 events and
// nearly 500 MB of iCalendar.

#include "byte_buffer.h"

#include <cstddef>
#include <functional>
#include <ostream>

namespace tilsyn {

/// Appends the items [begin, end) to `out`. Called on worker threads, for different chunks
/// at once, so it must only read what it shares.
using ChunkFormatter = std::function<void(ByteBuffer& out, std::size_t begin, std::size_t end)>;

/// Writes items 0..count-1 to `out` in order, `chunk` items at a time. The chunks are
/// formatted by up to `workers` threads (0: one per processor), the calling thread among
/// them: it writes the finished chunks in order, and formats one whenever the next to write
/// is not ready. At most twice `workers` chunks are held at once, so memory stays bounded by
/// the chunk size, not the output's. An exception thrown by `format` or by the stream stops
/// the workers and is rethrown here; the chunks after it are not written.
void write_chunked(std::ostream& out, std::size_t count, std::size_t chunk, const ChunkFormatter& format,
                   unsigned workers = 0);

}  // namespace tilsyn
