// Unit tests for the findings log's schema (src/log/schema.*) and for opening a database
// (Store's constructor): creating one and its version, migrating older versions with their
// chains intact, and refusing files that are not (or not yet) tilsyn databases.

#include <doctest/doctest.h>

#include "log/store_support.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

using namespace tilsyn;
using namespace tilsyn::test;

namespace {

// A log as an older tilsyn wrote it: the schema of `version` (the migrations up to it) and the
// five entries of write_one_of_each, unsigned, as rows. Returns the head hash.
std::string old_log(const std::string& path, int version) {
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    for (int v = 0; v < version; ++v) db.exec(migrations()[static_cast<std::size_t>(v)]);
    db.exec("PRAGMA user_version = " + std::to_string(version));
    const SupervisionEntry s = supervision();
    const FindingEntry f = finding(1);
    const ActionEntry a = action(1);
    const DecisionEntry d = decision();
    const CorrectionEntry c{4, ymd(2027, 3, 21), "Forkert område"};
    std::string previous = genesis_hash;
    std::int64_t seq = 0;
    auto entry = [&](EntryBody body) {
        LogEntry e;
        e.seq = ++seq;
        e.recorded_at = t1;
        e.prev_hash = previous;
        e.body = std::move(body);
        e.hash = compute_hash(e);
        SQLite::Statement q(db, "INSERT INTO entry VALUES (?, ?, ?, ?, ?)");
        q.bind(1, e.seq);
        q.bind(2, std::string(kind_name(e.body)));
        q.bind(3, e.recorded_at);
        q.bind(4, e.prev_hash);
        q.bind(5, e.hash);
        q.exec();
        previous = e.hash;
    };
    entry(s);
    db.exec(
        "INSERT INTO supervision VALUES (1, 'bc-sygedagpenge', 'bc', 'ahl', '2027-03-12', "
        "'2027-M03', 10, 2, 1, 'Stikprøve på 10 sager; \"citat\" og 😀')");
    entry(f);
    db.exec(
        "INSERT INTO finding VALUES (2, 1, '2027-004512', 'statsrefusion', 'refusion', "
        "'væsentlig', -1250050, 'For meget hjemtaget refusion' || char(10) || 'anden linje')");
    entry(a);
    db.exec("INSERT INTO action VALUES (3, 1, 'Gennemgå refusionssager', 'ahl', '2027-04-30')");
    entry(d);
    db.exec(
        "INSERT INTO decision VALUES (4, 'bc-sygedagpenge', '2027-03-20', 'accept', 'yellow', "
        "'red', 'material-finding', 'fund #2 i tilsyn #1', 'Væsentligt fund', 'Chef')");
    entry(c);
    db.exec("INSERT INTO correction VALUES (5, 4, '2027-03-21', 'Forkert område')");
    return previous;
}

// A log migrated from an older version: its five entries read back and verify, unsigned, and
// the next write gives it its key and signs from there on.
void check_migrated(const std::string& path, const std::string& head) {
    Store store(path, Store::Mode::existing);
    CHECK(user_version(store) == schema_version);
    CHECK(store.entries().size() == 5);
    const auto v = tilsyn::test::verify(store, head);
    CHECK(v.ok());
    CHECK(v.count == 5);
    CHECK(v.unsigned_entries == 5);
    CHECK(v.keys.empty());
    tilsyn::test::write(store, t2, [](Store::Writer& w) { CHECK(w.append(supervision()) == 7); });
    const auto after = tilsyn::test::verify(store, head);
    CHECK(after.ok());
    CHECK(after.unsigned_entries == 5);
    REQUIRE(after.keys.size() == 1);
    CHECK(after.keys.front().since == 6);
}

}  // namespace

TEST_CASE("store: creating a database writes the schema and its version") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    {
        Store store(path, Store::Mode::create);
        CHECK(store.path() == path);
        CHECK(std::filesystem::exists(path));
        CHECK(user_version(store) == schema_version);
        CHECK(schema_version == 6);
        CHECK(store.db().execAndGet("PRAGMA journal_mode").getString() == "wal");
        for (const char* table : {"entry", "supervision", "finding", "action", "decision",
                                  "correction", "signing_key", "sample", "sample_case"}) {
            INFO("table " << table);
            CHECK(store.db().tableExists(table));
        }
        // The plan cache of versions 2 to 4 is gone.
        for (const char* table : {"plan_cache", "planned", "plan_leader"})
            CHECK_FALSE(store.db().tableExists(table));
        CHECK(store.entries().empty());
        CHECK(store.withdrawn().empty());
        const auto v = tilsyn::test::verify(store);
        CHECK(v.count == 0);
        CHECK(v.head == genesis_hash);
        CHECK_FALSE(v.bad_seq.has_value());
        CHECK(v.problem.empty());
    }
    // The version is in the file itself: bytes 60-63 of the header, big-endian.
    const std::string header = file_bytes(path);
    REQUIRE(header.size() >= 100);
    CHECK(header.starts_with(std::string("SQLite format 3\0", 16)));
    CHECK(header.substr(60, 4) == std::string("\0\0\0\6", 4));
}

TEST_CASE("store: logs of every older version are migrated with their entries and chain intact") {
    for (int version = 1; version < schema_version; ++version) {
        INFO("version " << version);
        TempDir dir("tilsyn-store");
        const std::string path = db_file(dir);
        const std::string head = old_log(path, version);
        check_migrated(path, head);
        Store store(path, Store::Mode::existing);
        // The plan cache of versions 2 to 4 is gone, tables, index and triggers.
        for (const char* name : {"plan_cache", "planned", "plan_leader", "planned_open",
                                 "supervision_fulfils", "correction_reopens"}) {
            INFO(name);
            CHECK(store.db()
                      .execAndGet(std::string("SELECT count(*) FROM sqlite_master WHERE name = '") +
                                  name + "'")
                      .getInt() == 0);
        }
        // Every guard trigger is there, as a fresh log has it.
        for (const auto& trigger : expected_triggers()) {
            INFO("trigger " << trigger.first);
            SQLite::Statement q(store.db(), "SELECT sql FROM sqlite_master WHERE name = ?");
            q.bind(1, trigger.first);
            REQUIRE(q.executeStep());
            CHECK(q.getColumn(0).getString() == trigger.second);
        }
    }
}

TEST_CASE("store: a version 4 log's plan cache rows go with it") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    const std::string head = old_log(path, 4);
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE);
        db.exec(
            "INSERT INTO plan_cache VALUES (2027, 'f', 't');"
            "INSERT INTO planned (area, occurrence, year, center, center_name, leader, "
            "leader_name, leader_email, area_name, colour, focus, period, planned, due) VALUES "
            "('bc-a', '2027-M03', 2027, 'bc', 'B', 'l', 'L', 'l@x', 'A', 'red', 'F', 'marts', "
            "'2027-03-01', '2027-03-31')");
    }
    check_migrated(path, head);
}

TEST_CASE("store: Mode::existing needs the file, and a directory is not a database") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    const std::string missing = open_error(path, Store::Mode::existing);
    CHECK(contains(missing, "--db: no database at " + path));
    CHECK_FALSE(std::filesystem::exists(path));

    for (Store::Mode mode : {Store::Mode::create, Store::Mode::existing}) {
        const std::string message = open_error(dir.path.string(), mode);
        CHECK(message == "--db: " + dir.path.string() + " is a directory, not a database file");
    }
}

TEST_CASE("store: a file that is not SQLite is refused with InputError and left alone") {
    TempDir dir("tilsyn-store");
    std::string text;
    for (int i = 0; i < 200; ++i) text += "area,date,cases\nbc-a,2027-03-01,10\n";
    dir.write("notes.db", text);
    const std::string path = (dir.path / "notes.db").string();
    for (Store::Mode mode : {Store::Mode::create, Store::Mode::existing}) {
        const std::string message = open_error(path, mode);
        INFO(message);
        CHECK(message.starts_with("--db: " + path + " is not a tilsyn database"));
    }
    CHECK(file_bytes(path) == text);
    try {
        Store s(path, Store::Mode::create);
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::bad_input);
    }
}

TEST_CASE("store: short, binary and damaged files are refused as well") {
    TempDir dir("tilsyn-store");
    std::string damaged(4096, '\x5a');
    damaged.replace(0, 16, std::string("SQLite format 3\0", 16));
    const std::string contents[] = {"hello\n", std::string("\x00\x01\x02\x03", 4),
                                    std::string(1000, 'x'), damaged};
    int i = 0;
    for (const std::string& text : contents) {
        const std::string name = "f" + std::to_string(i++) + ".db";
        dir.write(name, text);
        const std::string path = (dir.path / name).string();
        INFO("contents #" << i);
        CHECK(open_error(path).starts_with("--db: " + path + " is not a tilsyn database"));
        CHECK(file_bytes(path) == text);
    }
}

TEST_CASE("store: a database in a directory that does not exist cannot be created") {
    TempDir dir("tilsyn-store");
    const std::string path = (dir.path / "missing" / "tilsyn.db").string();
    try {
        Store s(path, Store::Mode::create);
        FAIL("no error");
    } catch (const OutputError& e) {
        CHECK(std::string(e.what()).starts_with("--db: cannot open " + path + " for writing"));
        CHECK(e.code() == ExitCode::bad_input);
    }
    CHECK_FALSE(std::filesystem::exists(dir.path / "missing"));
}

TEST_CASE("store: an SQLite database of something else is refused") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE contacts (name TEXT)");
        db.exec("INSERT INTO contacts VALUES ('x')");
    }
    const std::string message = open_error(path);
    CHECK(message == "--db: " + path + " is an SQLite database, but not a tilsyn one");
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("SELECT count(*) FROM contacts").getInt() == 1);
    CHECK_FALSE(db.tableExists("entry"));
}

// Regression (found in b6f910d): "PRAGMA journal_mode = WAL" ran before migrate() had
// checked that the file is a tilsyn database, so a refused foreign SQLite database was
// switched to WAL for good.
TEST_CASE("store: refusing a foreign SQLite database leaves its journal mode alone") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    {
        SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
        db.exec("CREATE TABLE contacts (name TEXT)");
        REQUIRE(db.execAndGet("PRAGMA journal_mode").getString() == "delete");
    }
    CHECK_FALSE(open_error(path).empty());
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "delete");
}

TEST_CASE("store: a newer schema version is refused") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    {
        Store store(path, Store::Mode::create);
        write_one_of_each(store);
        store.db().exec("PRAGMA user_version = " + std::to_string(schema_version + 1));
    }
    for (Store::Mode mode : {Store::Mode::create, Store::Mode::existing}) {
        const std::string message = open_error(path, mode);
        CHECK(message == "--db: " + path + " has schema version " +
                             std::to_string(schema_version + 1) +
                             ", newer than this tilsyn understands (" +
                             std::to_string(schema_version) + "); use a newer tilsyn");
    }
    // Nothing was changed: the version is still the newer one.
    SQLite::Database db(path, SQLite::OPEN_READONLY);
    CHECK(db.execAndGet("PRAGMA user_version").getInt() == schema_version + 1);
}

TEST_CASE("store: an empty file becomes a new database only for commands that write") {
    TempDir dir("tilsyn-store");
    dir.write("empty.db", "");
    const std::string path = (dir.path / "empty.db").string();
    // A reading command (verify, log) must not turn the file into a log.
    CHECK_THROWS_AS(Store(path, Store::Mode::existing), InputError);
    CHECK(std::filesystem::file_size(path) == 0);
    Store store(path, Store::Mode::create);
    CHECK(user_version(store) == schema_version);
    CHECK(store.entries().empty());
}

TEST_CASE("store: database_path prefers --db, then $TILSYN_DB, then the rules directory") {
    CHECK(database_path(std::string("a.db"), std::string("b.db"), "regler") == "a.db");
    CHECK(database_path(std::nullopt, std::string("b.db"), "regler") == "b.db");
    CHECK(database_path(std::nullopt, std::string(""), "regler") == "regler/tilsyn.db");
    CHECK(database_path(std::nullopt, std::nullopt, "regler") == "regler/tilsyn.db");
    CHECK(database_path(std::nullopt, std::nullopt, "/srv/regler/") == "/srv/regler/tilsyn.db");
}
