#pragma once
// The findings log on disk: an embedded SQLite database (WAL, busy timeout, foreign keys,
// STRICT tables, schema versioned by PRAGMA user_version). Entries are only ever appended, in
// IMMEDIATE transactions that extend the hash chain, so concurrent writers queue instead of
// failing and a batch is stored whole or not at all.

#include "log/log_entry.h"
#include "log/schema.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace tilsyn {

/// The supervision that fulfils a planned occurrence.
struct Fulfilment {
    std::int64_t supervision = 0;  ///< its seq
    Date performed;
};
/// Fulfilments by (area id, period code).
using Fulfilments = std::map<std::pair<std::string, std::string>, Fulfilment>;

class Store {
public:
    enum class Mode {
        create,    ///< create the file and its schema on first use
        existing,  ///< the file must exist (read-mostly commands)
    };
    /// How long a connection waits for another process's write lock before it gives up (and
    /// the command fails with exit status 3). Long enough to outlast any normal queue of writers
    /// on a shared drive: a write transaction takes milliseconds, an import of a million rows
    /// some seconds. Tests pass a shorter one.
    static constexpr std::chrono::milliseconds default_busy_timeout{60'000};

    Store(std::string path, Mode mode,
          std::chrono::milliseconds busy_timeout = default_busy_timeout);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    const std::string& path() const { return path_; }

    /// Appends entries inside one write transaction: seq, prev_hash and hash are assigned here.
    class Writer {
    public:
        std::int64_t append(EntryBody body);
        Store& store() { return store_; }

    private:
        friend class Store;
        Writer(Store& s, std::string recorded_at, std::int64_t seq, std::string hash)
            : store_(s),
              recorded_at_(std::move(recorded_at)),
              last_seq_(seq),
              last_hash_(std::move(hash)) {}
        Store& store_;
        std::string recorded_at_;
        std::int64_t last_seq_;
        std::string last_hash_;
    };
    /// Runs `fill` in a BEGIN IMMEDIATE transaction and commits if it returns; if it throws,
    /// nothing it appended is kept. Reads made through store() inside `fill` see the log as
    /// it is while the write lock is held. Returns the head hash after the commit.
    std::string write(const std::string& recorded_at, const std::function<void(Writer&)>& fill);

    /// Every entry in log order. Throws if an entry cannot be read back (run verify).
    std::vector<LogEntry> entries();
    /// Entries of one kind-specific query, for the commands that need only part of the log.
    std::vector<LogEntry> supervisions_of(const std::string& area);
    std::vector<LogEntry> findings_of(std::int64_t supervision);
    std::vector<LogEntry> findings_of_area(const std::string& area);
    std::vector<LogEntry> decisions();
    std::vector<LogEntry> decisions_of(const std::string& area);
    std::vector<LogEntry> corrections();
    /// Entries withdrawn by a correction, with the findings and actions of withdrawn supervisions.
    std::set<std::int64_t> withdrawn();
    /// The live supervision fulfilling an occurrence of an area, if any (the rule: fulfilments()).
    std::optional<Fulfilment> fulfilment(const std::string& area, const std::string& occurrence);
    /// Every planned occurrence the log fulfils, by area and period code. An occurrence is
    /// fulfilled by the first supervision recorded for it that no correction withdrew.
    Fulfilments fulfilments();
    std::optional<LogEntry> entry(std::int64_t seq);

    struct Verification {
        std::int64_t count = 0;
        std::string head = genesis_hash;
        std::optional<std::int64_t> bad_seq;  ///< the first entry that does not verify
        std::string problem;                  ///< what is wrong ("" when all is well); without
                                              ///< bad_seq, it is the schema
        bool ok() const { return problem.empty() && head_found; }
        bool head_found = true;  ///< when an expected head was given
    };
    /// Walks the whole chain. `expected_head` is a hash recorded earlier: it must still be in
    /// the chain (this is what catches the newest entries being cut off).
    Verification verify(const std::optional<std::string>& expected_head);

    SQLite::Database& db() { return *db_; }

private:
    void migrate(Mode mode);
    std::vector<LogEntry> query(const std::string& where,
                                const std::function<void(SQLite::Statement&)>& bind);

    std::string path_;
    std::unique_ptr<SQLite::Database> db_;
    struct Inserts;
    std::unique_ptr<Inserts> inserts_;
    std::unique_ptr<SQLite::Statement> fulfilment_query_;
    std::unique_ptr<SQLite::Statement> sample_cases_query_;
    std::vector<std::string> sample_cases(std::int64_t entry);
};

/// "7 entries verified; head HASH": how `tilsyn verify` reports a chain that verifies.
std::string verified_text(const Store::Verification& v);

/// The database path: --db, else $TILSYN_DB, else tilsyn.db inside the rules directory.
std::string database_path(const std::optional<std::string>& flag,
                          const std::optional<std::string>& env, const std::string& rules_dir);

}  // namespace tilsyn
