#pragma once
// The web server's secrets, in their own SQLite file beside the findings log
// (tilsyn-login.db, mode 0600): password hashes, sessions and calendar addresses. Never in the
// rules directory, which municipalities keep in git. Tokens are stored as their SHA-256 only,
// so a copy of the file opens no session and no calendar.

#include <SQLiteCpp/Database.h>
#include <boost/date_time/posix_time/ptime.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace tilsyn {

/// Seconds since 1970, UTC: the store's time. Passed in, never read from a clock here.
using UnixTime = std::int64_t;

/// A UTC instant as the store's time.
UnixTime unix_time(boost::posix_time::ptime utc);

struct SessionLimits {
    int idle_seconds = 30 * 60;
    int absolute_seconds = 10 * 3600;
};

struct NewSession {
    std::string token;  ///< the cookie's value; only its digest is kept
    std::string csrf;   ///< the form token of this session
};

struct ActiveSession {
    std::string login;
    std::string csrf;
    UnixTime started = 0;
};

struct LoginInfo {
    std::string login;
    bool has_password = false;
    std::string password_set;  ///< "2027-03-15" UTC, when it has one
    int sessions = 0;
    std::optional<std::string> calendar_since;  ///< when the calendar address was made
};

class LoginStore {
public:
    /// Opens `path`, creating it (mode 0600) and its tables when it does not exist.
    explicit LoginStore(const std::string& path);

    /// The login store beside a findings log: "/var/lib/tilsyn/tilsyn.db" ->
    /// "/var/lib/tilsyn/tilsyn-login.db".
    static std::string path_beside(const std::string& log_path);

    void set_password(const std::string& login, const std::string& hash, UnixTime now);
    std::optional<std::string> password_hash(const std::string& login);
    /// Removes the password and ends the login's sessions.
    void remove_password(const std::string& login);

    NewSession start_session(const std::string& login, UnixTime now);
    /// The session of `token` if it has neither idled nor lived too long; marks it seen. An
    /// expired session is deleted.
    std::optional<ActiveSession> session(const std::string& token, UnixTime now,
                                         const SessionLimits& limits);
    void end_session(const std::string& token);
    void end_sessions_of(const std::string& login);

    /// A new secret calendar address for `login`, replacing (revoking) the one it had.
    std::string new_calendar_token(const std::string& login, UnixTime now);
    std::optional<std::string> calendar_login(const std::string& token);
    void revoke_calendar(const std::string& login);

    /// What the store holds about each login it knows, by login.
    std::vector<LoginInfo> logins(UnixTime now, const SessionLimits& limits);

private:
    std::mutex mutex_;  // one connection, shared by the server's threads
    std::unique_ptr<SQLite::Database> db_;
};

}  // namespace tilsyn
