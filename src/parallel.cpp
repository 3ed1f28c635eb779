#include "parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace tilsyn {

unsigned parallel_workers(std::size_t count) {
    const unsigned processors = std::max(1u, std::thread::hardware_concurrency());
    return static_cast<unsigned>(std::clamp<std::size_t>(count, 1, processors));
}

void for_each_index(std::size_t count, const std::function<void(std::size_t index, unsigned worker)>& work) {
    std::atomic<std::size_t> next{0};
    std::atomic<bool> failed{false};
    std::mutex error_lock;
    std::exception_ptr error;
    auto run = [&](unsigned worker) {
        for (std::size_t i = next++; i < count && !failed; i = next++) {
            try {
                work(i, worker);
            } catch (...) {
                failed = true;
                const std::lock_guard lock(error_lock);
                if (!error) error = std::current_exception();
            }
        }
    };
    {
        std::vector<std::jthread> pool;
        for (unsigned w = 1; w < parallel_workers(count); ++w) pool.emplace_back(run, w);
        run(0);
    }
    if (error) std::rethrow_exception(error);
}

}  // namespace tilsyn
