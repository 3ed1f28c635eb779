#pragma once
// The findings log on disk: an embedded SQLite database (WAL, busy timeout, foreign keys,
// STRICT tables, schema versioned by PRAGMA user_version). Entries are only ever appended, in
// IMMEDIATE transactions that extend the hash chain, so concurrent writers queue instead of
// failing and a batch is stored whole or not at all.

#include "log/log_entry.h"
#include "log/schema.h"
#include "log/signing_key.h"

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
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
    std::string recorded_at;  ///< when its entry was recorded (UTC, as LogEntry::recorded_at)
    bool imported = false;    ///< brought in by `tilsyn import`
};
/// Fulfilments by (area id, period code).
using Fulfilments = std::map<std::pair<std::string, std::string>, Fulfilment>;

/// When an entry is recorded, "2027-03-15T08:30:00Z": the real clock (docs/log.md).
using RecordedAt = std::function<std::string()>;

/// The newest entry of the log: how many entries it has and the newest hash. Kept somewhere
/// else, it is what shows that no entry was cut off later (`tilsyn verify --head`).
struct Head {
    std::int64_t count = 0;
    std::string hash;
};

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

    /// Appends entries inside one write transaction: seq, prev_hash, hash and signature are
    /// assigned here. The first entry appended to a log without a key is preceded by the key
    /// entry of the key it is signed with (KeyFile::key_for makes it when there is none).
    class Writer {
    public:
        /// `imported`: brought in by `tilsyn import` rather than recorded as it happened.
        std::int64_t append(EntryBody body, bool imported = false);
        /// Appends the entry that makes `next` the log's key, signed by the key in force, and
        /// signs what follows with `next`, which must outlive the write.
        std::int64_t rotate_key(const SigningKey& next, std::string reason);
        Store& store() { return store_; }
        /// The key in force after what has been appended so far.
        const std::optional<PublicKey>& key_in_log() const { return key_in_log_; }

    private:
        friend class Store;
        Writer(Store& s, std::string recorded_at, std::int64_t seq, std::string hash,
               KeyFile& key_file, std::optional<PublicKey> key_in_log)
            : store_(s),
              recorded_at_(std::move(recorded_at)),
              last_seq_(seq),
              last_hash_(std::move(hash)),
              key_file_(key_file),
              key_in_log_(std::move(key_in_log)) {}
        const SigningKey& key();
        std::int64_t insert(EntryBody body, bool imported);

        Store& store_;
        std::string recorded_at_;
        std::int64_t last_seq_;
        std::string last_hash_;
        KeyFile& key_file_;
        std::optional<PublicKey> key_in_log_;
        const SigningKey* key_ = nullptr;
    };
    /// Runs `fill` in a BEGIN IMMEDIATE transaction and commits if it returns; if it throws,
    /// nothing it appended is kept. Reads made through store() inside `fill` see the log as
    /// it is while the write lock is held. `recorded_at` is asked once, under the lock, so that
    /// the log's order and its times agree. Returns the head after the commit.
    Head write(const RecordedAt& recorded_at, KeyFile& key,
               const std::function<void(Writer&)>& fill);
    /// The newest entry: its seq (0 for an empty log) and hash.
    Head head();

    /// Every entry in log order. Throws if an entry cannot be read back (run verify).
    std::vector<LogEntry> entries();
    /// Entries of one kind-specific query, for the commands that need only part of the log.
    std::vector<LogEntry> supervisions_of(const std::string& area);
    std::vector<LogEntry> findings_of(std::int64_t supervision);
    std::vector<LogEntry> findings_of_area(const std::string& area);
    std::vector<LogEntry> decisions();
    std::vector<LogEntry> decisions_of(const std::string& area);
    std::vector<LogEntry> corrections();
    /// Every area the log has a supervision or a decision of, withdrawn or not, in id order.
    std::vector<std::string> areas();
    /// Entries withdrawn by a correction, with the findings and actions of withdrawn supervisions.
    std::set<std::int64_t> withdrawn();
    /// The live supervision fulfilling an occurrence of an area, if any (the rule: fulfilments()).
    std::optional<Fulfilment> fulfilment(const std::string& area, const std::string& occurrence);
    /// Every planned occurrence the log fulfils, by area and period code. An occurrence is
    /// fulfilled by the first supervision recorded for it that no correction withdrew.
    Fulfilments fulfilments();
    std::optional<LogEntry> entry(std::int64_t seq);

    /// A key the log is signed with, and the entry that brought it in.
    struct LogKey {
        PublicKey key;
        std::int64_t since = 0;
    };
    struct Verification {
        std::int64_t count = 0;
        std::string head = genesis_hash;
        std::optional<std::int64_t> bad_seq;  ///< the first entry that does not verify
        std::string problem;                  ///< what is wrong ("" when all is well); without
                                              ///< bad_seq, it is the schema
        bool head_found = true;               ///< when an expected head was given
        bool key_found = true;                ///< when an expected key was given
        std::vector<LogKey> keys;             ///< the log's keys, oldest first
        std::int64_t unsigned_entries = 0;    ///< entries before the log's first key
        /// Entries that verify but break a rule of today (a content rule new input must keep,
        /// a recorded_at that goes backwards or lies in the future): each "entry N: ...".
        std::vector<std::string> warnings;
        bool ok() const { return problem.empty() && head_found && key_found; }
        /// The entries `k` (one of `keys`) signed, first and last; first > last when it has
        /// signed none yet (brought in by the newest entry).
        std::pair<std::int64_t, std::int64_t> signed_by(const LogKey& k) const;
    };
    struct VerifyOptions {
        /// A head printed earlier: it must still be in the chain (this is what catches the
        /// newest entries being cut off).
        std::optional<std::string> expected_head;
        /// A public key kept apart from the log (`verify --key`): it must have signed an entry
        /// of the log, so that a chain signed again under another key fails.
        std::optional<PublicKey> expected_key;
        /// Now, as recorded_at is written: a later recorded_at is reported.
        std::string now;
    };
    /// Walks the whole chain: hashes, links, signatures, the schema and its triggers.
    Verification verify(const VerifyOptions& options);

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
