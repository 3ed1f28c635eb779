#include "log/store.h"

#include "base/error.h"
#include "log/entry_rows.h"
#include "log/schema.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/core.h>
#include <sqlite3.h>

#include <chrono>
#include <filesystem>

namespace tilsyn {

namespace {

// What to say when SQLite gave up on a lock. It waits up to the busy timeout, but in WAL mode
// it also gives up at once where waiting could deadlock, so the message says how long this
// run actually waited and SQLite's own words and extended code, which tell the cases apart.
std::string busy_message(const std::string& path, const SQLite::Exception& e,
                         std::chrono::steady_clock::time_point since) {
    const double waited =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
    return fmt::format(
        "--db: {} stayed locked by another process (gave up after {:.1f} s: {}, SQLite code {})",
        path, waited, e.what(), e.getExtendedErrorCode());
}

}  // namespace

// Prepared once per Store and reused: an import appends a million entries.
struct Store::Inserts {
    explicit Inserts(SQLite::Database& db)
        : entry(db,
                "INSERT INTO entry (seq, kind, recorded_at, prev_hash, hash, imported, signature) "
                "VALUES (?,?,?,?,?,?,?)"),
          supervision(db, "INSERT INTO supervision VALUES (?,?,?,?,?,?,?,?,?,?)"),
          finding(db, "INSERT INTO finding VALUES (?,?,?,?,?,?,?,?)"),
          action(db, "INSERT INTO action VALUES (?,?,?,?,?)"),
          decision(db, "INSERT INTO decision VALUES (?,?,?,?,?,?,?,?,?,?)"),
          correction(db, "INSERT INTO correction VALUES (?,?,?,?)"),
          sample(db, "INSERT INTO sample VALUES (?,?,?,?,?)"),
          sample_case(db, "INSERT INTO sample_case VALUES (?,?,?)"),
          key(db, "INSERT INTO signing_key VALUES (?,?,?,?)") {}
    SQLite::Statement entry, supervision, finding, action, decision, correction, sample,
        sample_case, key;
};

namespace {

void run(SQLite::Statement& st) {
    st.exec();
    st.reset();
    st.clearBindings();
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::string>& v) {
    if (v)
        st.bind(index, *v);
    else
        st.bind(index);
}

}  // namespace

Store::Store(std::string path, Mode mode, std::chrono::milliseconds busy_timeout)
    : path_(std::move(path)) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const bool exists = fs::exists(path_, ec);
    if (mode == Mode::existing && !exists)
        throw InputError("--db: no database at " + path_ + " (nothing has been recorded yet?)");
    if (exists && fs::is_directory(path_, ec))
        throw InputError("--db: " + path_ + " is a directory, not a database file");
    // A device or a FIFO (--db /dev/null) would take SQLite's writes and lose them.
    if (exists && !fs::is_regular_file(path_, ec))
        throw InputError("--db: " + path_ + " is not a regular file, so it cannot hold the log");
    const auto opening = std::chrono::steady_clock::now();
    try {
        // A Store is used by one thread, so the connection needs no mutex of its own.
        db_ = std::make_unique<SQLite::Database>(
            path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
            static_cast<int>(busy_timeout.count()));
        // Migrated (or refused as foreign) first, so that another program's database is left
        // exactly as it was, journal mode included; with foreign keys off, as SQLite
        // prescribes for migrations that make a table again (version 6).
        migrate(mode);
        db_->exec("PRAGMA foreign_keys = ON");
        // journal_mode=WAL is stored in the file; synchronous holds for this connection only.
        // FULL syncs at every commit: a leader told "registreret" must find the entry after a
        // power cut, and commits are few.
        db_->exec("PRAGMA journal_mode = WAL");
        db_->exec("PRAGMA synchronous = FULL");
    } catch (const Error&) {
        throw;
    } catch (const SQLite::Exception& e) {
        const int code = e.getErrorCode();
        if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
            throw InputError("--db: " + path_ + " is not a tilsyn database (" + e.what() + ")");
        if (code == SQLITE_CANTOPEN || code == SQLITE_READONLY || code == SQLITE_PERM)
            throw OutputError("--db: cannot open " + path_ + " for writing (" + e.what() + ")");
        if (code == SQLITE_IOERR || code == SQLITE_FULL)
            throw OutputError("--db: cannot open " + path_ + " (" + e.what() + ", SQLite code " +
                              std::to_string(e.getExtendedErrorCode()) + "); nothing was changed");
        if (code == SQLITE_BUSY) throw Error(busy_message(path_, e, opening), ExitCode::internal);
        throw;
    }
}

Store::~Store() = default;

void Store::migrate(Mode mode) {
    const int found = db_->execAndGet("PRAGMA user_version").getInt();
    if (found == schema_version) return;
    // A command that only reads must not turn an empty or foreign file into a log.
    if (found == 0 && mode == Mode::existing)
        throw InputError("--db: " + path_ + " is not a tilsyn database (it has no log in it)");
    SQLite::Transaction txn(*db_, SQLite::TransactionBehavior::IMMEDIATE);
    // Read again under the write lock: another process may have migrated meanwhile.
    const int version = db_->execAndGet("PRAGMA user_version").getInt();
    if (version > schema_version)
        throw InputError("--db: " + path_ + " has schema version " + std::to_string(version) +
                         ", newer than this tilsyn understands (" + std::to_string(schema_version) +
                         "); use a newer tilsyn");
    if (version == 0 && db_->execAndGet("SELECT count(*) FROM sqlite_master").getInt() > 0)
        throw InputError("--db: " + path_ + " is an SQLite database, but not a tilsyn one");
    for (int v = version; v < schema_version; ++v)
        db_->exec(migrations()[static_cast<std::size_t>(v)]);
    db_->exec("PRAGMA user_version = " + std::to_string(schema_version));
    txn.commit();
}

const SigningKey& Store::Writer::key() {
    if (key_) return *key_;
    key_ = &key_file_.key_for(key_in_log_);
    if (!key_in_log_) {
        // The log's first key opens its signed part, signed by itself.
        insert(KeyEntry{key_->public_key(), std::nullopt, "loggens første nøgle"}, false);
        key_in_log_ = key_->public_key();
    }
    return *key_;
}

std::int64_t Store::Writer::append(EntryBody body, bool imported) {
    key();
    return insert(std::move(body), imported);
}

std::int64_t Store::Writer::rotate_key(const SigningKey& next, std::string reason) {
    const SigningKey& current = key();
    const std::int64_t seq =
        insert(KeyEntry{next.public_key(), key_id(current.public_key()), std::move(reason)}, false);
    key_ = &next;
    key_in_log_ = next.public_key();
    return seq;
}

std::int64_t Store::Writer::insert(EntryBody body, bool imported) {
    LogEntry e;
    e.seq = last_seq_ + 1;
    e.recorded_at = recorded_at_;
    e.prev_hash = last_hash_;
    e.body = std::move(body);
    e.imported = imported;
    e.hash = compute_hash(e);
    e.signature = key_->sign(signed_message(e.hash));

    // Prepared on the first append, so that reading commands work on a damaged schema (and
    // verify can say what is wrong with it).
    if (!store_.inserts_) store_.inserts_ = std::make_unique<Inserts>(*store_.db_);
    Inserts& ins = *store_.inserts_;
    ins.entry.bind(1, e.seq);
    ins.entry.bind(2, std::string(kind_name(e.body)));
    ins.entry.bind(3, e.recorded_at);
    ins.entry.bind(4, e.prev_hash);
    ins.entry.bind(5, e.hash);
    ins.entry.bind(6, e.imported ? 1 : 0);
    ins.entry.bind(7, e.signature);
    run(ins.entry);
    std::visit(
        [&](const auto& b) {
            using T = std::decay_t<decltype(b)>;
            if constexpr (std::is_same_v<T, SupervisionEntry>) {
                auto& st = ins.supervision;
                st.bind(1, e.seq);
                st.bind(2, b.area);
                st.bind(3, b.center);
                st.bind(4, b.leader);
                st.bind(5, iso(b.performed));
                bind_optional(st, 6, b.occurrence);
                st.bind(7, b.cases);
                st.bind(8, b.errors_sagsbehandling);
                st.bind(9, b.errors_statsrefusion);
                st.bind(10, b.note);
                run(st);
                if (b.sample) {
                    auto& sm = ins.sample;
                    sm.bind(1, e.seq);
                    sm.bind(2, b.sample->seed);
                    sm.bind(3, b.sample->cases_sha256);
                    sm.bind(4, b.sample->population);
                    sm.bind(5, b.sample->size);
                    run(sm);
                    std::int64_t position = 0;
                    for (const std::string& c : b.sample->reviewed) {
                        auto& sc = ins.sample_case;
                        sc.bind(1, e.seq);
                        sc.bind(2, ++position);
                        sc.bind(3, c);
                        run(sc);
                    }
                }
            } else if constexpr (std::is_same_v<T, FindingEntry>) {
                auto& st = ins.finding;
                st.bind(1, e.seq);
                st.bind(2, b.supervision);
                st.bind(3, b.case_ref);
                st.bind(4, std::string(axis_name(b.axis)));
                st.bind(5, b.category);
                st.bind(6, std::string(severity_name(b.severity)));
                if (b.amount_ore)
                    st.bind(7, *b.amount_ore);
                else
                    st.bind(7);
                st.bind(8, b.description);
                run(st);
            } else if constexpr (std::is_same_v<T, ActionEntry>) {
                auto& st = ins.action;
                st.bind(1, e.seq);
                st.bind(2, b.supervision);
                st.bind(3, b.text);
                st.bind(4, b.owner);
                st.bind(5, iso(b.due));
                run(st);
            } else if constexpr (std::is_same_v<T, DecisionEntry>) {
                auto& st = ins.decision;
                st.bind(1, e.seq);
                st.bind(2, b.area);
                st.bind(3, iso(b.decided));
                st.bind(4, std::string(verdict_name(b.verdict)));
                st.bind(5, std::string(colour_token(b.from)));
                st.bind(6, std::string(colour_token(b.to)));
                st.bind(7, b.rule);
                st.bind(8, b.evidence);
                st.bind(9, b.reason);
                st.bind(10, b.by);
                run(st);
            } else if constexpr (std::is_same_v<T, CorrectionEntry>) {
                auto& st = ins.correction;
                st.bind(1, e.seq);
                st.bind(2, b.corrects);
                st.bind(3, iso(b.corrected));
                st.bind(4, b.reason);
                run(st);
            } else {
                auto& st = ins.key;
                st.bind(1, e.seq);
                st.bind(2, b.public_key);
                bind_optional(st, 3, b.replaces);
                st.bind(4, b.reason);
                run(st);
            }
        },
        e.body);
    last_seq_ = e.seq;
    last_hash_ = std::move(e.hash);
    return last_seq_;
}

Head Store::head() {
    SQLite::Statement q(*db_, "SELECT seq, hash FROM entry ORDER BY seq DESC LIMIT 1");
    if (q.executeStep()) return {q.getColumn(0).getInt64(), q.getColumn(1).getString()};
    return {0, genesis_hash};
}

Head Store::write(const RecordedAt& recorded_at, KeyFile& key,
                  const std::function<void(Writer&)>& fill) {
    // The reused statements must not stay half-bound when a write is abandoned.
    auto reset_inserts = [this] {
        if (!inserts_) return;
        for (SQLite::Statement* st : {&inserts_->entry, &inserts_->supervision, &inserts_->finding,
                                      &inserts_->action, &inserts_->decision, &inserts_->correction,
                                      &inserts_->sample, &inserts_->sample_case, &inserts_->key}) {
            st->tryReset();
            st->clearBindings();
        }
    };
    const auto writing = std::chrono::steady_clock::now();
    try {
        SQLite::Transaction txn(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        const Head before = head();
        std::optional<PublicKey> key_in_log;
        SQLite::Statement newest_key(
            *db_, "SELECT public_key FROM signing_key ORDER BY entry DESC LIMIT 1");
        if (newest_key.executeStep()) key_in_log = newest_key.getColumn(0).getString();
        Writer w(*this, recorded_at(), before.count, before.hash, key, std::move(key_in_log));
        fill(w);
        txn.commit();
        return {w.last_seq_, w.last_hash_};
    } catch (const SQLite::Exception& e) {
        reset_inserts();
        if (e.getErrorCode() == SQLITE_BUSY)
            throw Error(busy_message(path_, e, writing) + "; nothing was recorded",
                        ExitCode::internal);
        if (e.getErrorCode() == SQLITE_READONLY || e.getErrorCode() == SQLITE_CANTOPEN ||
            e.getErrorCode() == SQLITE_FULL || e.getErrorCode() == SQLITE_IOERR)
            throw OutputError("--db: cannot write to " + path_ + " (" + e.what() +
                              ", SQLite code " + std::to_string(e.getExtendedErrorCode()) +
                              "); nothing was recorded");
        throw;
    } catch (...) {
        reset_inserts();
        throw;
    }
}

// Filters are written as "e.seq IN (subquery on a typed table)": SQLite then walks the typed
// table's index and looks entries up by key, instead of scanning the whole log.
std::vector<LogEntry> Store::query(const std::string& where,
                                   const std::function<void(SQLite::Statement&)>& bind) {
    SQLite::Statement q(*db_, std::string(select_entries) + where + " ORDER BY e.seq");
    if (bind) bind(q);
    std::vector<LogEntry> out;
    while (q.executeStep()) {
        try {
            out.push_back(
                read_entry(q, [this](std::int64_t entry) { return sample_cases(entry); }));
        } catch (const Unreadable& u) {
            throw InputError("--db: entry " + std::to_string(q.getColumn(0).getInt64()) + " of " +
                             path_ + " cannot be read (" + u.problem +
                             "); the database was changed outside tilsyn: run 'tilsyn verify'");
        }
    }
    return out;
}

std::vector<LogEntry> Store::entries() {
    return query("", {});
}

std::vector<LogEntry> Store::supervisions_of(const std::string& area) {
    return query("WHERE e.seq IN (SELECT entry FROM supervision WHERE area = ?)",
                 [&](SQLite::Statement& q) { q.bind(1, area); });
}

std::vector<LogEntry> Store::findings_of(std::int64_t supervision) {
    return query("WHERE e.seq IN (SELECT entry FROM finding WHERE supervision = ?)",
                 [&](SQLite::Statement& q) { q.bind(1, supervision); });
}

std::vector<LogEntry> Store::findings_of_area(const std::string& area) {
    return query(
        "WHERE e.seq IN (SELECT f.entry FROM finding f JOIN supervision s"
        " ON f.supervision = s.entry WHERE s.area = ?)",
        [&](SQLite::Statement& q) { q.bind(1, area); });
}

std::vector<LogEntry> Store::decisions() {
    return query("WHERE e.seq IN (SELECT entry FROM decision)", {});
}

std::vector<LogEntry> Store::decisions_of(const std::string& area) {
    return query("WHERE e.seq IN (SELECT entry FROM decision WHERE area = ?)",
                 [&](SQLite::Statement& q) { q.bind(1, area); });
}

std::vector<LogEntry> Store::corrections() {
    return query("WHERE e.seq IN (SELECT entry FROM correction)", {});
}

std::vector<std::string> Store::sample_cases(std::int64_t entry) {
    if (!sample_cases_query_)
        sample_cases_query_ = std::make_unique<SQLite::Statement>(
            *db_, "SELECT case_ref FROM sample_case WHERE entry = ? ORDER BY position");
    SQLite::Statement& q = *sample_cases_query_;
    q.reset();
    q.bind(1, entry);
    std::vector<std::string> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    q.reset();
    return out;
}

std::optional<LogEntry> Store::entry(std::int64_t seq) {
    auto found = query("WHERE e.seq = ?", [&](SQLite::Statement& q) { q.bind(1, seq); });
    if (found.empty()) return std::nullopt;
    return std::move(found.front());
}

std::set<std::int64_t> Store::withdrawn() {
    std::set<std::int64_t> out;
    SQLite::Statement q(*db_, R"sql(
SELECT corrects FROM correction
UNION SELECT f.entry FROM finding f JOIN correction c ON c.corrects = f.supervision
UNION SELECT a.entry FROM action a JOIN correction c ON c.corrects = a.supervision)sql");
    while (q.executeStep()) out.insert(q.getColumn(0).getInt64());
    return out;
}

std::vector<std::string> Store::areas() {
    std::vector<std::string> out;
    SQLite::Statement q(*db_, "SELECT area FROM supervision UNION SELECT area FROM decision");
    while (q.executeStep()) out.push_back(q.getColumn(0).getString());
    return out;
}

namespace {

// The fulfilment rule, in one place: the supervisions that name an occurrence and that no
// correction withdrew; the first of them (the lowest seq) fulfils it.
constexpr const char* live_fulfilments = R"sql(
SELECT s.area, s.occurrence, s.entry, s.performed, e.recorded_at, e.imported
FROM supervision s JOIN entry e ON e.seq = s.entry
WHERE s.occurrence IS NOT NULL AND NOT EXISTS (SELECT 1 FROM correction c WHERE c.corrects = s.entry))sql";

Fulfilment fulfilment_row(SQLite::Statement& q) {
    const auto performed = parse_iso_date(q.getColumn(3).getString());
    if (!performed)
        throw InputError(
            "--db: entry " + std::to_string(q.getColumn(2).getInt64()) +
            " has a performed date that is not a date; the database was changed outside tilsyn: "
            "run 'tilsyn verify'");
    return {q.getColumn(2).getInt64(), *performed, q.getColumn(4).getString(),
            q.getColumn(5).getInt() != 0};
}

}  // namespace

std::optional<Fulfilment> Store::fulfilment(const std::string& area,
                                            const std::string& occurrence) {
    // Asked once per supervision of an import: prepared once.
    if (!fulfilment_query_)
        fulfilment_query_ = std::make_unique<SQLite::Statement>(
            *db_, std::string(live_fulfilments) +
                      " AND s.area = ? AND s.occurrence = ? ORDER BY s.entry LIMIT 1");
    SQLite::Statement& q = *fulfilment_query_;
    q.reset();
    q.bind(1, area);
    q.bind(2, occurrence);
    std::optional<Fulfilment> found;
    if (q.executeStep()) found = fulfilment_row(q);
    q.reset();
    return found;
}

Fulfilments Store::fulfilments() {
    SQLite::Statement q(*db_, std::string(live_fulfilments) + " ORDER BY s.entry");
    Fulfilments out;
    while (q.executeStep())
        out.try_emplace({q.getColumn(0).getString(), q.getColumn(1).getString()},
                        fulfilment_row(q));
    return out;
}

std::string database_path(const std::optional<std::string>& flag,
                          const std::optional<std::string>& env, const std::string& rules_dir) {
    if (flag) return *flag;
    if (env && !env->empty()) return *env;
    return (std::filesystem::path(rules_dir) / "tilsyn.db").string();
}

}  // namespace tilsyn
