#include "chunked_output.h"

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

namespace tilsyn {

void write_chunked(std::ostream& out, std::size_t count, std::size_t chunk, const ChunkFormatter& format,
                   unsigned workers) {
    if (chunk == 0) throw std::logic_error("write_chunked: a chunk of no items");
    const std::size_t chunks = (count + chunk - 1) / chunk;
    auto write_chunk = [&](ByteBuffer& buf, std::size_t c) {
        buf.clear();
        format(buf, c * chunk, std::min(count, (c + 1) * chunk));
    };
    if (workers == 0) workers = std::max(1u, std::thread::hardware_concurrency());
    if (chunks < 2) {  // nothing to overlap
        ByteBuffer buf;
        for (std::size_t c = 0; c < chunks; ++c) {
            write_chunk(buf, c);
            out.write(buf.view().data(), static_cast<std::streamsize>(buf.size()));
        }
        return;
    }

    // A ring of buffers, reused so that their pages are touched once: chunk c goes to slot
    // c % window. Chunks are taken in order, each once its slot has been written out. The
    // calling thread writes the slots in chunk order as they become ready, and formats a
    // chunk itself while the next one to write is not ready: with `workers` threads in all
    // rather than one more, a writer that copies into a file's page cache does not take its
    // turns on the processors from the threads that format.
    enum class State { free, busy, ready };
    struct Slot {
        ByteBuffer bytes;
        State state = State::free;
        std::exception_ptr error;
    };
    const std::size_t window = 2 * std::size_t{workers};
    std::vector<Slot> slots(window);
    std::mutex m;
    std::condition_variable changed;
    std::size_t next = 0;  // the next chunk to take
    bool stop = false;     // the caller gave up: workers take no more chunks

    // With the lock held in `lock`: takes the next chunk if its slot is free, formats it
    // without the lock, and marks it ready. False if there was none to take.
    auto format_next = [&](std::unique_lock<std::mutex>& lock) {
        if (stop || next >= chunks || slots[next % window].state != State::free) return false;
        const std::size_t c = next++;
        Slot& slot = slots[c % window];
        slot.state = State::busy;
        lock.unlock();
        try {
            write_chunk(slot.bytes, c);
        } catch (...) {
            slot.error = std::current_exception();
        }
        lock.lock();
        slot.state = State::ready;
        changed.notify_all();
        return true;
    };
    auto work = [&] {
        std::unique_lock lock(m);
        for (;;) {
            changed.wait(lock, [&] { return stop || next >= chunks || slots[next % window].state == State::free; });
            if (!format_next(lock)) return;
        }
    };

    std::vector<std::jthread> pool;
    // Declared after the pool, so it runs first when an exception leaves: the workers stop
    // taking chunks, finish the one they hold, and are joined by the pool's destructor.
    struct StopOnExit {
        std::mutex& m;
        std::condition_variable& changed;
        bool& stop;
        ~StopOnExit() {
            {
                std::lock_guard lock(m);
                stop = true;
            }
            changed.notify_all();
        }
    } stop_on_exit{m, changed, stop};
    for (std::size_t w = 1; w < std::min<std::size_t>(workers, chunks); ++w) pool.emplace_back(work);

    for (std::size_t c = 0; c < chunks; ++c) {
        Slot& slot = slots[c % window];
        {
            std::unique_lock lock(m);
            while (slot.state != State::ready)
                if (!format_next(lock)) changed.wait(lock);
        }
        if (slot.error) std::rethrow_exception(slot.error);
        out.write(slot.bytes.view().data(), static_cast<std::streamsize>(slot.bytes.size()));
        {
            std::lock_guard lock(m);
            slot.state = State::free;
        }
        changed.notify_all();
    }
}

}  // namespace tilsyn
