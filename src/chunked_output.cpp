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
    // c % window. A worker takes the next chunk once its slot has been written out; the
    // caller writes the slots in chunk order as they become ready.
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
    std::size_t next = 0;  // the next chunk a worker takes
    bool stop = false;     // the caller gave up: workers take no more chunks

    auto work = [&] {
        for (;;) {
            Slot* slot = nullptr;
            std::size_t c = 0;
            {
                std::unique_lock lock(m);
                changed.wait(lock, [&] { return stop || next >= chunks || slots[next % window].state == State::free; });
                if (stop || next >= chunks) return;
                c = next++;
                slot = &slots[c % window];
                slot->state = State::busy;
            }
            try {
                write_chunk(slot->bytes, c);
            } catch (...) {
                slot->error = std::current_exception();
            }
            {
                std::lock_guard lock(m);
                slot->state = State::ready;
            }
            changed.notify_all();
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
    for (std::size_t w = 0; w < std::min<std::size_t>(workers, chunks); ++w) pool.emplace_back(work);

    for (std::size_t c = 0; c < chunks; ++c) {
        Slot& slot = slots[c % window];
        {
            std::unique_lock lock(m);
            changed.wait(lock, [&] { return slot.state == State::ready; });
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
