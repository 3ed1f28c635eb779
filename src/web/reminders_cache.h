#pragma once
// What is due on a day, worked out once per snapshot and day: every user's Min dag asks
// reminders_due the same question of the same rules and log, and each sees the answer only
// through their scope. Asked per request, it cost about 40 ms of CPU at 200 areas and ten years
// of log, more than the page's whole budget when 25 users a second ask (docs/benchmarks.md,
// "The web server").

#include "base/dates.h"
#include "remind/reminders.h"

#include <functional>
#include <memory>
#include <mutex>
#include <optional>

namespace tilsyn {

class RemindersCache {
public:
    RemindersCache() = default;
    // A snapshot is copied when the rules stop loading and the last good ones are kept; the log
    // may have changed since, so the copy starts empty.
    RemindersCache(const RemindersCache&) {}
    RemindersCache& operator=(const RemindersCache&) = delete;

    /// The reminders on `today`: `make`'s, from the first request of the day on. Requests that
    /// come while it runs wait for it rather than work it out again.
    std::shared_ptr<const Reminders> on(Date today, const std::function<Reminders()>& make) const;

private:
    mutable std::mutex mutex_;
    mutable std::optional<Date> day_;
    mutable std::shared_ptr<const Reminders> reminders_;
};

}  // namespace tilsyn
