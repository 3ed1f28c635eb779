#include "web/login_throttle.h"

#include <algorithm>

namespace tilsyn {

namespace {

int wait_after(int failures) {
    if (failures < LoginThrottle::free_failures) return 0;
    const int doublings = std::min(failures - LoginThrottle::free_failures, 10);
    return std::min(LoginThrottle::first_wait_seconds << doublings,
                    LoginThrottle::max_wait_seconds);
}

}  // namespace

int LoginThrottle::wait(const std::string& key, UnixTime now) {
    std::lock_guard lock(mutex_);
    const auto it = records_.find(key);
    if (it == records_.end()) return 0;
    const Record& r = it->second;
    // A quiet hour forgives: someone who mistyped last week starts afresh.
    if (now - r.last > 3600) {
        records_.erase(it);
        return 0;
    }
    const UnixTime until = r.last + wait_after(r.failures);
    return until > now ? static_cast<int>(until - now) : 0;
}

void LoginThrottle::failed(const std::string& key, UnixTime now) {
    std::lock_guard lock(mutex_);
    Record& r = records_[key];
    ++r.failures;
    r.last = now;
    // Bound the memory a flood of made-up logins can take: forget the quiet ones.
    if (records_.size() > 100'000)
        std::erase_if(records_, [now](const auto& kv) { return now - kv.second.last > 3600; });
}

void LoginThrottle::succeeded(const std::string& key) {
    std::lock_guard lock(mutex_);
    records_.erase(key);
}

}  // namespace tilsyn
