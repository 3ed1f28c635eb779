// for_each_index: every piece once, each on a worker of its own number, and an exception
// brought back to the caller, the threads taking no more pieces after it.
#include "parallel.h"

#include <doctest/doctest.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

TEST_CASE("parallel: every index once, on workers numbered below parallel_workers") {
    for (std::size_t count : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{1000}}) {
        CAPTURE(count);
        std::vector<std::atomic<int>> calls(count);
        std::mutex lock;
        std::set<unsigned> workers;
        std::set<std::thread::id> threads;
        tilsyn::for_each_index(count, [&](std::size_t i, unsigned worker) {
            ++calls[i];
            const std::lock_guard guard(lock);
            workers.insert(worker);
            threads.insert(std::this_thread::get_id());
        });
        for (const auto& c : calls) CHECK(c == 1);
        for (unsigned w : workers) CHECK(w < tilsyn::parallel_workers(count));
        CHECK(threads.size() <= tilsyn::parallel_workers(count));
    }
    CHECK(tilsyn::parallel_workers(0) == 1);
    CHECK(tilsyn::parallel_workers(1) == 1);
    CHECK(tilsyn::parallel_workers(1000) == std::max(1u, std::thread::hardware_concurrency()));
}

TEST_CASE("parallel: a piece's exception reaches the caller, and the threads take no more pieces") {
    // Every other piece takes a millisecond, far longer than catching the exception: without
    // the stop, the 1,000 pieces would all run.
    std::atomic<int> started{0};
    CHECK_THROWS_WITH_AS(tilsyn::for_each_index(1000,
                                                [&](std::size_t i, unsigned) {
                                                    ++started;
                                                    if (i == 0) throw std::runtime_error("piece 0");
                                                    std::this_thread::sleep_for(std::chrono::milliseconds(1));
                                                }),
                         "piece 0", std::runtime_error);
    INFO("pieces started: " << started.load());
    CHECK(started < 100);
}
