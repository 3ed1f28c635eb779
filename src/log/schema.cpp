#include "log/schema.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>

namespace tilsyn {

namespace {

// Each migration brings the schema from version i to i + 1 and runs in the same transaction
// as the user_version bump, so a database is never left between two versions.
constexpr std::array<const char*, schema_version> steps{{
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
    // Version 6: signatures (docs/log.md, "Signatures"). Every entry gets the signature of its
    // hash and a mark for entries brought in by `tilsyn import`, and the log gets a sixth kind
    // of entry, the key the entries are signed with. A CHECK constraint cannot be changed in
    // place, so the entry table is made again and its rows copied (the migration runs with
    // foreign keys off, as SQLite prescribes for this).
    R"sql(
CREATE TABLE entry_v6 (
  seq         INTEGER PRIMARY KEY,
  kind        TEXT NOT NULL CHECK (kind IN ('supervision','finding','action','decision','correction','key')),
  recorded_at TEXT NOT NULL,
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL,
  imported    INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
  signature   TEXT
) STRICT;
INSERT INTO entry_v6 (seq, kind, recorded_at, prev_hash, hash)
  SELECT seq, kind, recorded_at, prev_hash, hash FROM entry;
DROP TABLE entry;
ALTER TABLE entry_v6 RENAME TO entry;
CREATE TRIGGER entry_no_update BEFORE UPDATE ON entry BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER entry_no_delete BEFORE DELETE ON entry BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TABLE signing_key (
  entry       INTEGER PRIMARY KEY REFERENCES entry(seq),
  public_key  TEXT NOT NULL,
  replaces    TEXT,
  reason      TEXT NOT NULL
) STRICT;
CREATE TRIGGER signing_key_no_update BEFORE UPDATE ON signing_key BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
CREATE TRIGGER signing_key_no_delete BEFORE DELETE ON signing_key BEGIN SELECT RAISE(ABORT, 'the tilsyn log is append-only'); END;
)sql",
}};

// What verify expects to find: the log's tables (entry, then one table per kind of entry in
// the order of EntryBody, then the sample tables) and the triggers that guard them.
constexpr const char* tables[] = {"entry",      "supervision", "finding", "action",     "decision",
                                  "correction", "signing_key", "sample",  "sample_case"};
constexpr const char* triggers[] = {
    "entry_no_update",       "entry_no_delete",       "supervision_no_update",
    "supervision_no_delete", "finding_no_update",     "finding_no_delete",
    "action_no_update",      "action_no_delete",      "decision_no_update",
    "decision_no_delete",    "correction_no_update",  "correction_no_delete",
    "sample_no_update",      "sample_no_delete",      "sample_case_no_update",
    "sample_case_no_delete", "signing_key_no_update", "signing_key_no_delete"};

}  // namespace

std::span<const char* const> migrations() {
    return steps;
}
std::span<const char* const> log_tables() {
    return tables;
}
std::span<const char* const> guard_triggers() {
    return triggers;
}

std::string_view kind_table(std::string_view kind) {
    return kind == "key" ? std::string_view("signing_key") : kind;
}

std::map<std::string, std::string> expected_triggers() {
    // A fresh log made in memory by the same migrations: the one source of what is expected.
    static const std::map<std::string, std::string> expected = [] {
        SQLite::Database db(":memory:", SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        for (const char* step : steps) db.exec(step);
        std::map<std::string, std::string> out;
        SQLite::Statement q(db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'");
        while (q.executeStep()) out[q.getColumn(0).getString()] = q.getColumn(1).getString();
        return out;
    }();
    return expected;
}

}  // namespace tilsyn
