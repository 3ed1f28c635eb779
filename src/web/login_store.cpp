#include "web/login_store.h"

#include "base/error.h"
#include "web/passwords.h"

#include <SQLiteCpp/Statement.h>
#include <SQLiteCpp/Transaction.h>
#include <boost/date_time/posix_time/posix_time.hpp>

#include <filesystem>
#include <map>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tilsyn {

namespace fs = std::filesystem;

namespace {

constexpr const char* schema = R"(
CREATE TABLE IF NOT EXISTS password (
    login  TEXT PRIMARY KEY,
    hash   TEXT NOT NULL,
    set_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS session (
    digest  TEXT PRIMARY KEY,
    login   TEXT NOT NULL,
    csrf    TEXT NOT NULL,
    started INTEGER NOT NULL,
    seen    INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS session_login ON session (login);
CREATE TABLE IF NOT EXISTS calendar (
    login   TEXT PRIMARY KEY,
    digest  TEXT NOT NULL UNIQUE,
    created INTEGER NOT NULL
);
)";

// Creates the file with mode 0600 before SQLite opens it: SQLite would create it with the
// process's umask, and the window before a chmod is enough for another account to open it.
void create_private(const std::string& path) {
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
        ::close(fd);
        return;
    }
    if (errno != EEXIST)
        throw InputError("cannot create the login store " + path + ": " +
                         std::error_code(errno, std::generic_category()).message());
}

std::string day_of(UnixTime t) {
    return boost::gregorian::to_iso_extended_string(
        boost::posix_time::from_time_t(static_cast<std::time_t>(t)).date());
}

}  // namespace

UnixTime unix_time(boost::posix_time::ptime utc) {
    return (utc - boost::posix_time::ptime(boost::gregorian::date(1970, 1, 1))).total_seconds();
}

std::string LoginStore::path_beside(const std::string& log_path) {
    const fs::path log(log_path);
    return (log.parent_path() / (log.stem().string() + "-login.db")).string();
}

LoginStore::LoginStore(const std::string& path) {
    create_private(path);
    try {
        db_ = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READWRITE);
        db_->setBusyTimeout(10'000);
        db_->exec("PRAGMA journal_mode = WAL");
        db_->exec(schema);
    } catch (const SQLite::Exception& e) {
        throw InputError("the login store " + path + " cannot be used: " + e.what());
    }
    // SQLite's -wal and -shm files take the database file's permissions.
    ::chmod(path.c_str(), 0600);
}

void LoginStore::set_password(const std::string& login, const std::string& hash, UnixTime now) {
    std::lock_guard lock(mutex_);
    SQLite::Transaction tx(*db_);
    SQLite::Statement q(*db_,
                        "INSERT INTO password (login, hash, set_at) VALUES (?, ?, ?) "
                        "ON CONFLICT (login) DO UPDATE SET hash = excluded.hash, "
                        "set_at = excluded.set_at");
    q.bind(1, login);
    q.bind(2, hash);
    q.bind(3, static_cast<std::int64_t>(now));
    q.exec();
    // A new password ends every session opened with the old one.
    SQLite::Statement end(*db_, "DELETE FROM session WHERE login = ?");
    end.bind(1, login);
    end.exec();
    tx.commit();
}

std::optional<std::string> LoginStore::password_hash(const std::string& login) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "SELECT hash FROM password WHERE login = ?");
    q.bind(1, login);
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getString();
}

void LoginStore::remove_password(const std::string& login) {
    std::lock_guard lock(mutex_);
    SQLite::Transaction tx(*db_);
    for (const char* sql :
         {"DELETE FROM password WHERE login = ?", "DELETE FROM session WHERE login = ?"}) {
        SQLite::Statement q(*db_, sql);
        q.bind(1, login);
        q.exec();
    }
    tx.commit();
}

NewSession LoginStore::start_session(const std::string& login, UnixTime now) {
    NewSession s{random_token(), random_token()};
    std::lock_guard lock(mutex_);
    SQLite::Statement q(
        *db_, "INSERT INTO session (digest, login, csrf, started, seen) VALUES (?, ?, ?, ?, ?)");
    q.bind(1, token_digest(s.token));
    q.bind(2, login);
    q.bind(3, s.csrf);
    q.bind(4, static_cast<std::int64_t>(now));
    q.bind(5, static_cast<std::int64_t>(now));
    q.exec();
    return s;
}

std::optional<ActiveSession> LoginStore::session(const std::string& token, UnixTime now,
                                                 const SessionLimits& limits) {
    const std::string digest = token_digest(token);
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "SELECT login, csrf, started, seen FROM session WHERE digest = ?");
    q.bind(1, digest);
    if (!q.executeStep()) return std::nullopt;
    ActiveSession s{q.getColumn(0).getString(), q.getColumn(1).getString(),
                    q.getColumn(2).getInt64()};
    const UnixTime seen = q.getColumn(3).getInt64();
    q.reset();
    if (now - seen > limits.idle_seconds || now - s.started > limits.absolute_seconds) {
        SQLite::Statement end(*db_, "DELETE FROM session WHERE digest = ?");
        end.bind(1, digest);
        end.exec();
        return std::nullopt;
    }
    // The idle time-out counts in minutes; writing "seen" on every request would make every
    // page view a write.
    if (now - seen >= 60) {
        SQLite::Statement touch(*db_, "UPDATE session SET seen = ? WHERE digest = ?");
        touch.bind(1, static_cast<std::int64_t>(now));
        touch.bind(2, digest);
        touch.exec();
    }
    return s;
}

void LoginStore::end_session(const std::string& token) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "DELETE FROM session WHERE digest = ?");
    q.bind(1, token_digest(token));
    q.exec();
}

void LoginStore::end_sessions_of(const std::string& login) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "DELETE FROM session WHERE login = ?");
    q.bind(1, login);
    q.exec();
}

std::string LoginStore::new_calendar_token(const std::string& login, UnixTime now) {
    std::string token = random_token();
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_,
                        "INSERT INTO calendar (login, digest, created) VALUES (?, ?, ?) "
                        "ON CONFLICT (login) DO UPDATE SET digest = excluded.digest, "
                        "created = excluded.created");
    q.bind(1, login);
    q.bind(2, token_digest(token));
    q.bind(3, static_cast<std::int64_t>(now));
    q.exec();
    return token;
}

std::optional<std::string> LoginStore::calendar_login(const std::string& token) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "SELECT login FROM calendar WHERE digest = ?");
    q.bind(1, token_digest(token));
    if (!q.executeStep()) return std::nullopt;
    return q.getColumn(0).getString();
}

void LoginStore::revoke_calendar(const std::string& login) {
    std::lock_guard lock(mutex_);
    SQLite::Statement q(*db_, "DELETE FROM calendar WHERE login = ?");
    q.bind(1, login);
    q.exec();
}

std::vector<LoginInfo> LoginStore::logins(UnixTime now, const SessionLimits& limits) {
    std::lock_guard lock(mutex_);
    std::map<std::string, LoginInfo> by_login;
    auto info = [&](const std::string& login) -> LoginInfo& {
        LoginInfo& i = by_login[login];
        i.login = login;
        return i;
    };
    SQLite::Statement p(*db_, "SELECT login, set_at FROM password");
    while (p.executeStep()) {
        LoginInfo& i = info(p.getColumn(0).getString());
        i.has_password = true;
        i.password_set = day_of(p.getColumn(1).getInt64());
    }
    SQLite::Statement s(*db_,
                        "SELECT login, count(*) FROM session WHERE ? - seen <= ? AND ? - started "
                        "<= ? GROUP BY login");
    s.bind(1, static_cast<std::int64_t>(now));
    s.bind(2, limits.idle_seconds);
    s.bind(3, static_cast<std::int64_t>(now));
    s.bind(4, limits.absolute_seconds);
    while (s.executeStep()) info(s.getColumn(0).getString()).sessions = s.getColumn(1).getInt();
    SQLite::Statement c(*db_, "SELECT login, created FROM calendar");
    while (c.executeStep())
        info(c.getColumn(0).getString()).calendar_since = day_of(c.getColumn(1).getInt64());
    std::vector<LoginInfo> out;
    for (auto& [login, i] : by_login) out.push_back(std::move(i));
    return out;
}

}  // namespace tilsyn
