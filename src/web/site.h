#pragma once
// What the web server serves from: the rules (with the log's decisions), access.toml and the
// log's verified head, parsed once and kept until a rules file or the log changes. When a rules
// file becomes invalid, the server keeps the last valid rules and shows the problems to those
// who can fix them.

#include "log/planning_inputs.h"
#include "rules/access.h"
#include "web/login_store.h"
#include "web/reminders_cache.h"

#include <boost/date_time/posix_time/ptime.hpp>

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tilsyn {

struct SiteConfig {
    std::string rules_dir;
    std::string db_path;     ///< the findings log; it may not exist yet
    std::string login_path;  ///< the login store
};

/// One consistent view: everything a request reads comes from the same snapshot.
struct Snapshot {
    Inputs inputs;
    Access access;
    /// The log's chain as last verified (none when there is no log yet).
    std::optional<Store::Verification> chain;
    /// When the rules on disk do not load: each problem as tilsyn validate prints it. The
    /// inputs above are then the last that loaded.
    std::vector<std::string> problems;
    boost::posix_time::ptime loaded;  ///< when the inputs were read (UTC)
    /// What is due on a day, for the whole rules: Min dag's, worked out once.
    RemindersCache due;
};

class Site {
public:
    /// Loads the rules and access.toml; throws like load_rules when they do not load now (a
    /// server must not start without rules it can serve).
    Site(SiteConfig config, std::function<boost::posix_time::ptime()> clock);

    /// The current snapshot, read again first when a rules file or the log changed on disk.
    std::shared_ptr<const Snapshot> current();
    /// The findings log, or null when none exists yet. One per request: SQLite connections
    /// are not shared between threads.
    std::unique_ptr<Store> open_log() const;
    LoginStore& logins() { return logins_; }
    const SiteConfig& config() const { return config_; }
    boost::posix_time::ptime now() const { return clock_(); }

private:
    /// What identifies the files' state: names, sizes and modification times.
    std::string fingerprint() const;
    std::shared_ptr<const Snapshot> load(const std::shared_ptr<const Snapshot>& last);

    SiteConfig config_;
    std::function<boost::posix_time::ptime()> clock_;
    LoginStore logins_;
    std::mutex mutex_;  // guards the two below; a reload holds it, so one thread reloads
    std::string fingerprint_;
    std::shared_ptr<const Snapshot> snapshot_;
};

}  // namespace tilsyn
