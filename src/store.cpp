#include "store.h"

#include "error.h"
#include "text.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/core.h>
#include <sqlite3.h>

#include <array>
#include <chrono>
#include <filesystem>
#include <span>

namespace tilsyn {

namespace {

// Each migration brings the schema from version i to i + 1 and runs in the same transaction
// as the user_version bump, so a database is never left between two versions.
constexpr std::array<const char*, schema_version> migrations{{
    R"sql(
CREATE TABLE entry (
  seq         INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('supervision','finding','action','decision','correction')),
  recorded_at TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
) STRICT;
CREATE TABLE supervision (
  entry       INTEGER PRIMARY KEY REFERENCES entry(seq),
  area        TEXT NOT NULL,
  center      TEXT NOT NULL,
  leader      TEXT NOT NULL,
  performed   TEXT NOT NULL,
  occurrence  TEXT,
  cases       INTEGER NOT NULL CHECK (cases >= 0),
  errors_sagsbehandling INTEGER NOT NULL CHECK (errors_sagsbehandling BETWEEN 0 AND cases),
  errors_statsrefusion  INTEGER NOT NULL CHECK (errors_statsrefusion BETWEEN 0 AND cases),
  note        TEXT NOT NULL
) STRICT;
CREATE INDEX supervision_area ON supervision(area, performed);
CREATE INDEX supervision_occurrence ON supervision(area, occurrence) WHERE occurrence IS NOT NULL;
CREATE TABLE finding (
  entry       INTEGER PRIMARY KEY REFERENCES entry(seq),
  supervision INTEGER NOT NULL REFERENCES supervision(entry),
  case_ref    TEXT NOT NULL,
  axis        TEXT NOT NULL CHECK (axis IN ('sagsbehandling','statsrefusion')),
  category    TEXT NOT NULL,
  severity    TEXT NOT NULL CHECK (severity IN ('væsentlig','mindre')),
  amount_ore  INTEGER,
  description TEXT NOT NULL
) STRICT;
CREATE INDEX finding_supervision ON finding(supervision);
CREATE TABLE action (
  entry       INTEGER PRIMARY KEY REFERENCES entry(seq),
  supervision INTEGER NOT NULL REFERENCES supervision(entry),
  text        TEXT NOT NULL,
  owner       TEXT NOT NULL,
  due         TEXT NOT NULL
) STRICT;
CREATE INDEX action_supervision ON action(supervision);
CREATE TABLE decision (
  entry       INTEGER PRIMARY KEY REFERENCES entry(seq),
  area        TEXT NOT NULL,
  decided     TEXT NOT NULL,
  verdict     TEXT NOT NULL CHECK (verdict IN ('accept','reject','set')),
  from_colour TEXT NOT NULL CHECK (from_colour IN ('red','yellow','green')),
  to_colour   TEXT NOT NULL CHECK (to_colour IN ('red','yellow','green')),
  rule        TEXT NOT NULL,
  evidence    TEXT NOT NULL,
  reason      TEXT NOT NULL,
  decided_by  TEXT NOT NULL
) STRICT;
CREATE INDEX decision_area ON decision(area, decided);
CREATE TABLE correction (
  entry       INTEGER PRIMARY KEY REFERENCES entry(seq),
  corrects    INTEGER NOT NULL UNIQUE REFERENCES entry(seq),
  corrected   TEXT NOT NULL,
  reason      TEXT NOT NULL
) STRICT;
)sql"
    // The log is append-only; the triggers are a second line behind the tool itself. Someone
    // with the sqlite3 shell can drop them, which is what the hash chain is for.
    R"sql(
CREATE TRIGGER entry_no_update BEFORE UPDATE ON entry BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER entry_no_delete BEFORE DELETE ON entry BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER supervision_no_update BEFORE UPDATE ON supervision BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER supervision_no_delete BEFORE DELETE ON supervision BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER finding_no_update BEFORE UPDATE ON finding BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER finding_no_delete BEFORE DELETE ON finding BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER action_no_update BEFORE UPDATE ON action BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER action_no_delete BEFORE DELETE ON action BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER decision_no_update BEFORE UPDATE ON decision BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER decision_no_delete BEFORE DELETE ON decision BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER correction_no_update BEFORE UPDATE ON correction BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER correction_no_delete BEFORE DELETE ON correction BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
)sql",
    // Version 2: a plan cache behind `tilsyn remind`, derived data outside the hash chain
    // (dropped again in version 5).
    R"sql(
CREATE TABLE plan_cache (
  year         INTEGER PRIMARY KEY,
  fingerprint  TEXT NOT NULL,
  generated_at TEXT NOT NULL
) STRICT;
CREATE TABLE planned (
  area         TEXT NOT NULL,
  occurrence   TEXT NOT NULL,
  year         INTEGER NOT NULL REFERENCES plan_cache(year),
  center       TEXT NOT NULL,
  center_name  TEXT NOT NULL,
  leader       TEXT NOT NULL,
  leader_name  TEXT NOT NULL,
  leader_email TEXT NOT NULL,
  area_name    TEXT NOT NULL,
  colour       TEXT NOT NULL CHECK (colour IN ('red','yellow','green')),
  focus        TEXT NOT NULL,
  period       TEXT NOT NULL,
  planned      TEXT NOT NULL,
  due          TEXT NOT NULL,
  done         INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
  PRIMARY KEY (area, occurrence)
) STRICT, WITHOUT ROWID;
CREATE INDEX planned_open ON planned(due) WHERE done = 0;
CREATE TABLE plan_leader (
  year         INTEGER NOT NULL REFERENCES plan_cache(year),
  center       TEXT NOT NULL,
  leader       TEXT NOT NULL,
  name         TEXT NOT NULL,
  email        TEXT NOT NULL,
  PRIMARY KEY (year, center, leader)
) STRICT;
CREATE INDEX planned_year ON planned(year);
CREATE TRIGGER supervision_fulfils AFTER INSERT ON supervision WHEN NEW.occurrence IS NOT NULL BEGIN
  UPDATE planned SET done = 1 WHERE area = NEW.area AND occurrence = NEW.occurrence;
END;
CREATE TRIGGER correction_reopens AFTER INSERT ON correction BEGIN
  UPDATE planned SET done = 0
  WHERE (area, occurrence) IN (SELECT area, occurrence FROM supervision WHERE entry = NEW.corrects)
    AND NOT EXISTS (SELECT 1 FROM supervision s
                    WHERE s.area = planned.area AND s.occurrence = planned.occurrence
                      AND NOT EXISTS (SELECT 1 FROM correction c WHERE c.corrects = s.entry));
END;
)sql",
    // Version 3: the plan cache's index of open supervisions (dropped in version 5).
    R"sql(
DROP INDEX planned_open;
CREATE INDEX planned_open ON planned(due, area, occurrence, center, center_name, leader, leader_name,
                                     leader_email, area_name, colour, focus, period, planned, done)
  WHERE done = 0;
)sql",
    // Version 4: the sample a supervision reviewed (docs/sampling.md). One row per sampled
    // supervision and one per drawn case, in draw order; both are covered by the supervision's
    // hash and guarded like the other log tables.
    R"sql(
CREATE TABLE sample (
  entry        INTEGER PRIMARY KEY REFERENCES supervision(entry),
  seed         TEXT NOT NULL,
  cases_sha256 TEXT NOT NULL,
  population   INTEGER NOT NULL CHECK (population >= 1),
  size         INTEGER NOT NULL CHECK (size BETWEEN 1 AND population)
) STRICT;
CREATE TABLE sample_case (
  entry        INTEGER NOT NULL REFERENCES sample(entry),
  position     INTEGER NOT NULL CHECK (position >= 1),
  case_ref     TEXT NOT NULL,
  PRIMARY KEY (entry, position)
) STRICT;
CREATE TRIGGER sample_no_update BEFORE UPDATE ON sample BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER sample_no_delete BEFORE DELETE ON sample BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER sample_case_no_update BEFORE UPDATE ON sample_case BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER sample_case_no_delete BEFORE DELETE ON sample_case BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
)sql",
    // Version 5: the plan cache of versions 2 and 3 is gone; `tilsyn remind` makes the plan in
    // memory and asks the log only what is fulfilled (Store::fulfilments).
    R"sql(
DROP TRIGGER supervision_fulfils;
DROP TRIGGER correction_reopens;
DROP TABLE planned;
DROP TABLE plan_leader;
DROP TABLE plan_cache;
)sql",
}};

// What verify expects to find: the log's tables (the five kinds' tables named after their
// kinds, then the sample tables) and the triggers that guard them.
constexpr const char* log_tables[] = {"entry", "supervision", "finding", "action", "decision",
                                      "correction", "sample", "sample_case"};
constexpr const char* guard_triggers[] = {
    "entry_no_update", "entry_no_delete", "supervision_no_update", "supervision_no_delete",
    "finding_no_update", "finding_no_delete", "action_no_update", "action_no_delete",
    "decision_no_update", "decision_no_delete", "correction_no_update", "correction_no_delete",
    "sample_no_update", "sample_no_delete", "sample_case_no_update", "sample_case_no_delete"};

// What to say when SQLite gave up on a lock. It waits up to the busy timeout, but in WAL mode
// it also gives up at once where waiting could deadlock, so the message says how long this
// run actually waited and SQLite's own words and extended code, which tell the cases apart.
std::string busy_message(const std::string& path, const SQLite::Exception& e,
                         std::chrono::steady_clock::time_point since) {
    const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
    return fmt::format("--db: {} stayed locked by another process (gave up after {:.1f} s: {}, SQLite code {})",
                       path, waited, e.what(), e.getExtendedErrorCode());
}

const char* const select_entries = R"sql(
SELECT e.seq, e.kind, e.recorded_at, e.prev_hash, e.hash,
       COALESCE(s.entry, f.entry, a.entry, d.entry, c.entry),
       s.area, s.center, s.leader, s.performed, s.occurrence, s.cases,
       s.errors_sagsbehandling, s.errors_statsrefusion, s.note,
       f.supervision, f.case_ref, f.axis, f.category, f.severity, f.amount_ore, f.description,
       a.supervision, a.text, a.owner, a.due,
       d.area, d.decided, d.verdict, d.from_colour, d.to_colour, d.rule, d.evidence, d.reason,
       d.decided_by,
       c.corrects, c.corrected, c.reason,
       sm.entry, sm.seed, sm.cases_sha256, sm.population, sm.size
FROM entry e
LEFT JOIN supervision s ON e.kind = 'supervision' AND s.entry = e.seq
LEFT JOIN finding f     ON e.kind = 'finding'     AND f.entry = e.seq
LEFT JOIN action a      ON e.kind = 'action'      AND a.entry = e.seq
LEFT JOIN decision d    ON e.kind = 'decision'    AND d.entry = e.seq
LEFT JOIN correction c  ON e.kind = 'correction'  AND c.entry = e.seq
LEFT JOIN sample sm     ON e.kind = 'supervision' AND sm.entry = e.seq
)sql";

// A row that cannot be turned back into an entry: the database was edited behind our back.
struct Unreadable {
    std::string problem;
};

Date date_column(SQLite::Statement& q, int column, const char* what) {
    const std::string text = q.getColumn(column).getString();
    const auto d = parse_iso_date(text);
    if (!d) throw Unreadable{std::string(what) + " '" + text + "' is not a date"};
    return *d;
}

Colour colour_column(SQLite::Statement& q, int column) {
    const auto c = parse_colour(q.getColumn(column).getString());
    if (!c) throw Unreadable{"unknown colour '" + q.getColumn(column).getString() + "'"};
    return *c;
}

std::optional<std::string> optional_text(SQLite::Statement& q, int column) {
    if (q.getColumn(column).isNull()) return std::nullopt;
    return q.getColumn(column).getString();
}

// A sampled supervision's drawn cases, in position order (a second query: most entries have none).
using SampleCases = std::function<std::vector<std::string>(std::int64_t entry)>;

LogEntry read_entry(SQLite::Statement& q, const SampleCases& sample_cases) {
    // Text the tool wrote is valid UTF-8; anything else was put there by hand.
    for (int c = 1; c < q.getColumnCount(); ++c)
        if (q.getColumn(c).isText() && !is_valid_utf8(q.getColumn(c).getString()))
            throw Unreadable{"column " + std::string(q.getColumnName(c)) + " holds text that is not valid UTF-8"};
    LogEntry e;
    e.seq = q.getColumn(0).getInt64();
    const std::string kind = q.getColumn(1).getString();
    e.recorded_at = q.getColumn(2).getString();
    e.prev_hash = q.getColumn(3).getString();
    e.hash = q.getColumn(4).getString();
    if (q.getColumn(5).isNull()) throw Unreadable{"its " + kind + " row is missing"};
    if (kind == "supervision") {
        SupervisionEntry s;
        s.area = q.getColumn(6).getString();
        s.center = q.getColumn(7).getString();
        s.leader = q.getColumn(8).getString();
        s.performed = date_column(q, 9, "performed");
        s.occurrence = optional_text(q, 10);
        s.cases = q.getColumn(11).getInt64();
        s.errors_sagsbehandling = q.getColumn(12).getInt64();
        s.errors_statsrefusion = q.getColumn(13).getInt64();
        s.note = q.getColumn(14).getString();
        if (!q.getColumn(38).isNull()) {
            SampleRecord r;
            r.seed = q.getColumn(39).getString();
            r.cases_sha256 = q.getColumn(40).getString();
            r.population = q.getColumn(41).getInt64();
            r.size = q.getColumn(42).getInt64();
            r.reviewed = sample_cases(e.seq);
            for (const std::string& c : r.reviewed)
                if (!is_valid_utf8(c)) throw Unreadable{"a sampled case number is not valid UTF-8"};
            s.sample = std::move(r);
        }
        e.body = std::move(s);
    } else if (kind == "finding") {
        FindingEntry f;
        f.supervision = q.getColumn(15).getInt64();
        f.case_ref = q.getColumn(16).getString();
        const auto axis = parse_axis(q.getColumn(17).getString());
        const auto severity = parse_severity(q.getColumn(19).getString());
        if (!axis || !severity) throw Unreadable{"unknown axis or severity"};
        f.axis = *axis;
        f.category = q.getColumn(18).getString();
        f.severity = *severity;
        if (!q.getColumn(20).isNull()) f.amount_ore = q.getColumn(20).getInt64();
        f.description = q.getColumn(21).getString();
        e.body = std::move(f);
    } else if (kind == "action") {
        ActionEntry a;
        a.supervision = q.getColumn(22).getInt64();
        a.text = q.getColumn(23).getString();
        a.owner = q.getColumn(24).getString();
        a.due = date_column(q, 25, "due");
        e.body = std::move(a);
    } else if (kind == "decision") {
        DecisionEntry d;
        d.area = q.getColumn(26).getString();
        d.decided = date_column(q, 27, "decided");
        const std::string verdict = q.getColumn(28).getString();
        const auto v = parse_verdict(verdict);
        if (!v) throw Unreadable{"unknown verdict '" + verdict + "'"};
        d.verdict = *v;
        d.from = colour_column(q, 29);
        d.to = colour_column(q, 30);
        d.rule = q.getColumn(31).getString();
        d.evidence = q.getColumn(32).getString();
        d.reason = q.getColumn(33).getString();
        d.by = q.getColumn(34).getString();
        e.body = std::move(d);
    } else if (kind == "correction") {
        CorrectionEntry c;
        c.corrects = q.getColumn(35).getInt64();
        c.corrected = date_column(q, 36, "corrected");
        c.reason = q.getColumn(37).getString();
        e.body = std::move(c);
    } else {
        throw Unreadable{"unknown kind '" + kind + "'"};
    }
    return e;
}

}  // namespace

// Prepared once per Store and reused: an import appends a million entries.
struct Store::Inserts {
    explicit Inserts(SQLite::Database& db)
        : entry(db, "INSERT INTO entry (seq, kind, recorded_at, prev_hash, hash) VALUES (?,?,?,?,?)"),
          supervision(db, "INSERT INTO supervision VALUES (?,?,?,?,?,?,?,?,?,?)"),
          finding(db, "INSERT INTO finding VALUES (?,?,?,?,?,?,?,?)"),
          action(db, "INSERT INTO action VALUES (?,?,?,?,?)"),
          decision(db, "INSERT INTO decision VALUES (?,?,?,?,?,?,?,?,?,?)"),
          correction(db, "INSERT INTO correction VALUES (?,?,?,?)"),
          sample(db, "INSERT INTO sample VALUES (?,?,?,?,?)"),
          sample_case(db, "INSERT INTO sample_case VALUES (?,?,?)") {}
    SQLite::Statement entry, supervision, finding, action, decision, correction, sample, sample_case;
};

namespace {

void run(SQLite::Statement& st) {
    st.exec();
    st.reset();
    st.clearBindings();
}

void bind_optional(SQLite::Statement& st, int index, const std::optional<std::string>& v) {
    if (v) st.bind(index, *v);
    else st.bind(index);
}

}  // namespace

Store::Store(std::string path, Mode mode, std::chrono::milliseconds busy_timeout) : path_(std::move(path)) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const bool exists = fs::exists(path_, ec);
    if (mode == Mode::existing && !exists)
        throw InputError("--db: no database at " + path_ + " (nothing has been recorded yet?)");
    if (exists && fs::is_directory(path_, ec))
        throw InputError("--db: " + path_ + " is a directory, not a database file");
    const auto opening = std::chrono::steady_clock::now();
    try {
        // A Store is used by one thread, so the connection needs no mutex of its own.
        db_ = std::make_unique<SQLite::Database>(
            path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_NOMUTEX,
            static_cast<int>(busy_timeout.count()));
        db_->exec("PRAGMA foreign_keys = ON");
        // Migrated (or refused as foreign) first, so that another program's database is left
        // exactly as it was, journal mode included.
        migrate(mode);
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
    for (int v = version; v < schema_version; ++v) db_->exec(migrations[static_cast<std::size_t>(v)]);
    db_->exec("PRAGMA user_version = " + std::to_string(schema_version));
    txn.commit();
}

std::int64_t Store::Writer::append(EntryBody body) {
    LogEntry e;
    e.seq = last_seq_ + 1;
    e.recorded_at = recorded_at_;
    e.prev_hash = last_hash_;
    e.body = std::move(body);
    e.hash = compute_hash(e);

    // Prepared on the first append, so that reading commands work on a damaged schema (and
    // verify can say what is wrong with it).
    if (!store_.inserts_) store_.inserts_ = std::make_unique<Inserts>(*store_.db_);
    Inserts& ins = *store_.inserts_;
    ins.entry.bind(1, e.seq);
    ins.entry.bind(2, std::string(kind_name(e.body)));
    ins.entry.bind(3, e.recorded_at);
    ins.entry.bind(4, e.prev_hash);
    ins.entry.bind(5, e.hash);
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
                if (b.amount_ore) st.bind(7, *b.amount_ore);
                else st.bind(7);
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
            } else {
                auto& st = ins.correction;
                st.bind(1, e.seq);
                st.bind(2, b.corrects);
                st.bind(3, iso(b.corrected));
                st.bind(4, b.reason);
                run(st);
            }
        },
        e.body);
    last_seq_ = e.seq;
    last_hash_ = std::move(e.hash);
    return last_seq_;
}

std::string Store::write(const std::string& recorded_at, const std::function<void(Writer&)>& fill) {
    // The reused statements must not stay half-bound when a write is abandoned.
    auto reset_inserts = [this] {
        if (!inserts_) return;
        for (SQLite::Statement* st : {&inserts_->entry, &inserts_->supervision, &inserts_->finding,
                                      &inserts_->action, &inserts_->decision, &inserts_->correction,
                                      &inserts_->sample, &inserts_->sample_case}) {
            st->tryReset();
            st->clearBindings();
        }
    };
    const auto writing = std::chrono::steady_clock::now();
    try {
        SQLite::Transaction txn(*db_, SQLite::TransactionBehavior::IMMEDIATE);
        std::int64_t seq = 0;
        std::string hash = genesis_hash;
        SQLite::Statement head(*db_, "SELECT seq, hash FROM entry ORDER BY seq DESC LIMIT 1");
        if (head.executeStep()) {
            seq = head.getColumn(0).getInt64();
            hash = head.getColumn(1).getString();
        }
        Writer w(*this, recorded_at, seq, hash);
        fill(w);
        txn.commit();
        return w.last_hash_;
    } catch (const SQLite::Exception& e) {
        reset_inserts();
        if (e.getErrorCode() == SQLITE_BUSY)
            throw Error(busy_message(path_, e, writing) + "; nothing was recorded", ExitCode::internal);
        if (e.getErrorCode() == SQLITE_READONLY || e.getErrorCode() == SQLITE_CANTOPEN ||
            e.getErrorCode() == SQLITE_FULL || e.getErrorCode() == SQLITE_IOERR)
            throw OutputError("--db: cannot write to " + path_ + " (" + e.what() + "); nothing was recorded");
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
            out.push_back(read_entry(q, [this](std::int64_t entry) { return sample_cases(entry); }));
        } catch (const Unreadable& u) {
            throw InputError("--db: entry " + std::to_string(q.getColumn(0).getInt64()) + " of " +
                             path_ + " cannot be read (" + u.problem +
                             "); the database was changed outside tilsyn: run 'tilsyn verify'");
        }
    }
    return out;
}

std::vector<LogEntry> Store::entries() { return query("", {}); }

std::vector<LogEntry> Store::supervisions_of(const std::string& area) {
    return query("WHERE e.seq IN (SELECT entry FROM supervision WHERE area = ?)",
                 [&](SQLite::Statement& q) { q.bind(1, area); });
}

std::vector<LogEntry> Store::findings_of(std::int64_t supervision) {
    return query("WHERE e.seq IN (SELECT entry FROM finding WHERE supervision = ?)",
                 [&](SQLite::Statement& q) { q.bind(1, supervision); });
}

std::vector<LogEntry> Store::findings_of_area(const std::string& area) {
    return query("WHERE e.seq IN (SELECT f.entry FROM finding f JOIN supervision s"
                 " ON f.supervision = s.entry WHERE s.area = ?)",
                 [&](SQLite::Statement& q) { q.bind(1, area); });
}

std::vector<LogEntry> Store::decisions() { return query("WHERE e.seq IN (SELECT entry FROM decision)", {}); }

std::vector<LogEntry> Store::decisions_of(const std::string& area) {
    return query("WHERE e.seq IN (SELECT entry FROM decision WHERE area = ?)",
                 [&](SQLite::Statement& q) { q.bind(1, area); });
}

std::vector<LogEntry> Store::corrections() { return query("WHERE e.seq IN (SELECT entry FROM correction)", {}); }

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

namespace {

// The fulfilment rule, in one place: the supervisions that name an occurrence and that no
// correction withdrew; the first of them (the lowest seq) fulfils it.
constexpr const char* live_fulfilments = R"sql(
SELECT s.area, s.occurrence, s.entry, s.performed FROM supervision s
WHERE s.occurrence IS NOT NULL AND NOT EXISTS (SELECT 1 FROM correction c WHERE c.corrects = s.entry))sql";

Fulfilment fulfilment_row(SQLite::Statement& q) {
    const auto performed = parse_iso_date(q.getColumn(3).getString());
    if (!performed)
        throw InputError("--db: entry " + std::to_string(q.getColumn(2).getInt64()) +
                         " has a performed date that is not a date; the database was changed outside tilsyn: "
                         "run 'tilsyn verify'");
    return {q.getColumn(2).getInt64(), *performed};
}

}  // namespace

std::optional<Fulfilment> Store::fulfilment(const std::string& area, const std::string& occurrence) {
    // Asked once per supervision of an import: prepared once.
    if (!fulfilment_query_)
        fulfilment_query_ = std::make_unique<SQLite::Statement>(
            *db_, std::string(live_fulfilments) + " AND s.area = ? AND s.occurrence = ? ORDER BY s.entry LIMIT 1");
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
        out.try_emplace({q.getColumn(0).getString(), q.getColumn(1).getString()}, fulfilment_row(q));
    return out;
}

Store::Verification Store::verify(const std::optional<std::string>& expected_head) {
    Verification v;
    v.head_found = !expected_head;
    // The schema must be there as created. A dropped table means part of the log is gone;
    // a dropped trigger means someone was about to edit, so it is reported after the chain,
    // which tells what (if anything) was changed.
    auto missing = [&](std::span<const char* const> names) -> std::optional<std::string> {
        for (const char* name : names) {
            SQLite::Statement has(*db_, "SELECT count(*) FROM sqlite_master WHERE name = ?");
            has.bind(1, name);
            if (has.executeStep() && has.getColumn(0).getInt() == 0) return std::string(name);
        }
        return std::nullopt;
    };
    if (auto table = missing(log_tables)) {
        v.problem = "the schema was changed outside tilsyn: the table " + *table + " is missing";
        return v;
    }
    SQLite::Statement q(*db_, std::string(select_entries) + " ORDER BY e.seq");
    std::string previous = genesis_hash;
    auto fail = [&](std::int64_t seq, std::string problem) {
        v.bad_seq = seq;
        v.problem = std::move(problem);
        return v;
    };
    while (q.executeStep()) {
        const std::int64_t seq = q.getColumn(0).getInt64();
        if (seq != v.count + 1)
            return fail(seq, v.count + 1 == 1 ? "the log does not start at entry 1"
                                              : "entry " + std::to_string(v.count + 1) + " is missing");
        LogEntry e;
        try {
            e = read_entry(q, [this](std::int64_t entry) { return sample_cases(entry); });
        } catch (const Unreadable& u) {
            return fail(seq, u.problem);
        }
        if (e.prev_hash != previous)
            return fail(seq, "it does not link to the entry before it (prev_hash differs)");
        if (compute_hash(e) != e.hash)
            return fail(seq, "its content does not match its hash (changed after it was written)");
        previous = e.hash;
        ++v.count;
        if (expected_head && e.hash == *expected_head) v.head_found = true;
    }
    v.head = previous;
    // Rows that belong to no entry of their kind were added behind the tool's back.
    // (Each typed table is named after its kind.)
    for (const char* kind : std::span(log_tables).subspan(1, 5)) {
        SQLite::Statement orphans(*db_, std::string("SELECT min(t.entry) FROM ") + kind +
                                            " t LEFT JOIN entry e ON e.seq = t.entry AND e.kind = '" +
                                            kind + "' WHERE e.seq IS NULL");
        if (orphans.executeStep() && !orphans.getColumn(0).isNull())
            return fail(orphans.getColumn(0).getInt64(),
                        std::string("a ") + kind + " row exists that no log entry of that kind covers");
    }
    // A sample belongs to a supervision entry, a drawn case to a sample.
    for (const auto& [table, problem] :
         {std::pair{"SELECT min(t.entry) FROM sample t LEFT JOIN entry e ON e.seq = t.entry AND "
                    "e.kind = 'supervision' WHERE e.seq IS NULL",
                    "a sample row exists that no supervision entry covers"},
          std::pair{"SELECT min(t.entry) FROM sample_case t LEFT JOIN sample s ON s.entry = t.entry "
                    "WHERE s.entry IS NULL",
                    "a sampled case row exists that no sample covers"}}) {
        SQLite::Statement orphans(*db_, table);
        if (orphans.executeStep() && !orphans.getColumn(0).isNull())
            return fail(orphans.getColumn(0).getInt64(), problem);
    }
    if (auto trigger = missing(guard_triggers))
        v.problem = "the schema was changed outside tilsyn: the trigger " + *trigger + " is missing";
    return v;
}

std::string verified_text(const Store::Verification& v) {
    return std::to_string(v.count) + (v.count == 1 ? " entry" : " entries") + " verified; head " + v.head;
}

std::string database_path(const std::optional<std::string>& flag,
                          const std::optional<std::string>& env, const std::string& rules_dir) {
    if (flag) return *flag;
    if (env && !env->empty()) return *env;
    return (std::filesystem::path(rules_dir) / "tilsyn.db").string();
}

}  // namespace tilsyn
