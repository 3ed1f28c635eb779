// Unit tests for src/chunked_output.{h,cpp}: chunks formatted on worker threads come out whole
// and in order, whatever the chunk size and number of workers, and a failure in a worker or in
// the stream stops the work and reaches the caller.

#include <doctest/doctest.h>

#include "chunked_output.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

namespace {

// Item i as text: uneven lengths, so that chunks differ in size.
void item(tilsyn::ByteBuffer& out, std::size_t i) {
    out.append(std::to_string(i)).append(std::string(i % 7, '.')).append("\n");
}

std::string expected(std::size_t count) {
    tilsyn::ByteBuffer out;
    for (std::size_t i = 0; i < count; ++i) item(out, i);
    return std::string(out.view());
}

// A stream buffer that refuses writes after `limit` bytes, as a full disk does.
struct FullDisk : std::stringbuf {
    std::size_t limit;
    explicit FullDisk(std::size_t l) : limit(l) {}
    std::streamsize xsputn(const char* s, std::streamsize n) override {
        if (str().size() + static_cast<std::size_t>(n) > limit) throw std::runtime_error("disk full");
        return std::stringbuf::xsputn(s, n);
    }
};

}  // namespace

TEST_CASE("chunked_output: a byte buffer keeps what was written when it grows, and reuses its memory when cleared") {
    tilsyn::ByteBuffer buf;
    CHECK(buf.empty());
    std::string expected_bytes;
    for (std::size_t n = 0; n < 2000; n += 7) {
        // Room made larger than what is written, as a formatter with an upper bound does.
        char* at = buf.room(n + 100);
        for (std::size_t i = 0; i < n; ++i) *at++ = static_cast<char>('a' + (n + i) % 26);
        for (std::size_t i = 0; i < n; ++i) expected_bytes += static_cast<char>('a' + (n + i) % 26);
        buf.advance_to(at);
        buf.append("|");
        expected_bytes += '|';
        REQUIRE(buf.view() == expected_bytes);
    }
    const char* memory = buf.view().data();
    const std::size_t size = buf.size();
    buf.clear();
    CHECK(buf.empty());
    CHECK(buf.room(size) == memory);  // no new allocation for what fitted before
}

TEST_CASE("chunked_output: every chunk once, in order, for any chunk size and number of workers") {
    for (std::size_t count : {0, 1, 2, 99, 1000, 4097}) {
        for (std::size_t chunk : {1, 3, 64, 5000}) {
            for (unsigned workers : {0u, 1u, 2u, 5u}) {
                INFO(count << " items, chunks of " << chunk << ", " << workers << " workers");
                std::ostringstream out;
                std::atomic<std::size_t> calls{0};
                std::mutex formatters_lock;
                std::set<std::thread::id> formatters;
                tilsyn::write_chunked(out, count, chunk, [&](tilsyn::ByteBuffer& buf, std::size_t begin, std::size_t end) {
                    ++calls;
                    {
                        std::lock_guard lock(formatters_lock);
                        formatters.insert(std::this_thread::get_id());
                    }
                    CHECK(buf.empty());  // a reused buffer is handed over cleared
                    CHECK(begin % chunk == 0);
                    CHECK(end == std::min(count, begin + chunk));
                    for (std::size_t i = begin; i < end; ++i) item(buf, i);
                    // Some chunks take longer, so that they finish out of order.
                    if (begin / chunk % 3 == 0) std::this_thread::yield();
                }, workers);
                CHECK(out.str() == expected(count));
                CHECK(calls == (count + chunk - 1) / chunk);
                // The calling thread is one of the workers, not one more.
                const unsigned threads = workers ? workers : std::max(1u, std::thread::hardware_concurrency());
                CHECK(formatters.size() <= threads);
                if (threads == 1 && count > 0)
                    CHECK(formatters == std::set<std::thread::id>{std::this_thread::get_id()});
            }
        }
    }
    std::ostringstream out;
    CHECK_THROWS_AS(tilsyn::write_chunked(out, 10, 0, [](tilsyn::ByteBuffer&, std::size_t, std::size_t) {}), std::logic_error);
}

TEST_CASE("chunked_output: a chunk that fails stops the work; the chunks before it are written") {
    for (unsigned workers : {1u, 2u, 4u}) {
        INFO(workers << " workers");
        std::ostringstream out;
        std::atomic<std::size_t> calls{0};
        CHECK_THROWS_WITH_AS(tilsyn::write_chunked(out, 100'000, 10, [&](tilsyn::ByteBuffer& buf, std::size_t begin, std::size_t end) {
            ++calls;
            if (begin == 500) throw std::runtime_error("chunk 50 failed");
            for (std::size_t i = begin; i < end; ++i) item(buf, i);
        }, workers), "chunk 50 failed", std::runtime_error);
        CHECK(out.str() == expected(500));
        // The workers stopped within the window of chunks held at once, not at the end.
        CHECK(calls <= 51 + 2 * workers);
    }
}

TEST_CASE("chunked_output: a stream that fails stops the workers and the error reaches the caller") {
    FullDisk disk(1000);
    std::ostream out(&disk);
    out.exceptions(std::ios::badbit);
    std::atomic<std::size_t> calls{0};
    CHECK_THROWS(tilsyn::write_chunked(out, 100'000, 10, [&](tilsyn::ByteBuffer& buf, std::size_t begin, std::size_t end) {
        ++calls;
        for (std::size_t i = begin; i < end; ++i) item(buf, i);
    }, 2));
    CHECK(disk.str().size() <= 1000);
    CHECK(disk.str() == expected(100'000).substr(0, disk.str().size()));
    CHECK(calls < 100);
}
