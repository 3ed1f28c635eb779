#pragma once
// Slows down password guessing: after a few failed logins for the same login or from the same
// address, further attempts are refused for a while, the wait doubling with each failure. Kept
// in memory: a restart forgets it, which an attacker cannot cause from outside.

#include "web/login_store.h"

#include <map>
#include <mutex>
#include <string>

namespace tilsyn {

class LoginThrottle {
public:
    /// Failures allowed before the first wait, and the longest wait.
    static constexpr int free_failures = 5;
    static constexpr int first_wait_seconds = 30;
    static constexpr int max_wait_seconds = 15 * 60;

    /// Seconds the caller must still wait before `key` may try again; 0 when it may now.
    int wait(const std::string& key, UnixTime now);
    void failed(const std::string& key, UnixTime now);
    void succeeded(const std::string& key);

private:
    struct Record {
        int failures = 0;
        UnixTime last = 0;
    };
    std::mutex mutex_;
    std::map<std::string, Record> records_;
};

}  // namespace tilsyn
