#include "web/reminders_cache.h"

namespace tilsyn {

std::shared_ptr<const Reminders> RemindersCache::on(Date today,
                                                    const std::function<Reminders()>& make) const {
    std::lock_guard lock(mutex_);
    if (day_ != today) {
        reminders_ = std::make_shared<const Reminders>(make());
        day_ = today;
    }
    return reminders_;
}

}  // namespace tilsyn
