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

TEST_CASE("store: creating a database writes the schema and its version") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    {
        Store store(path, Store::Mode::create);
        CHECK(store.path() == path);
        CHECK(std::filesystem::exists(path));
        CHECK(user_version(store) == schema_version);
        CHECK(schema_version == 5);
        CHECK(store.db().execAndGet("PRAGMA journal_mode").getString() == "wal");
        for (const char* table : {"entry", "supervision", "finding", "action", "decision",
                                  "correction", "sample", "sample_case"}) {
            INFO("table " << table);
            CHECK(store.db().tableExists(table));
        }
        // The plan cache of versions 2 to 4 is gone.
        for (const char* table : {"plan_cache", "planned", "plan_leader"})
            CHECK_FALSE(store.db().tableExists(table));
        CHECK(store.entries().empty());
        CHECK(store.withdrawn().empty());
        const auto v = store.verify(std::nullopt);
        CHECK(v.count == 0);
        CHECK(v.head == genesis_hash);
        CHECK_FALSE(v.bad_seq.has_value());
        CHECK(v.problem.empty());
    }
    // The version is in the file itself: bytes 60-63 of the header, big-endian.
    const std::string header = file_bytes(path);
    REQUIRE(header.size() >= 100);
    CHECK(header.starts_with(std::string("SQLite format 3\0", 16)));
    CHECK(header.substr(60, 4) == std::string("\0\0\0\5", 4));
}

TEST_CASE(
    "store: a version 1 log is migrated to the current version with its entries and chain intact") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    std::string head;
    {
        // A version 1 file: today's schema without the sample tables of version 4.
        Store store(path, Store::Mode::create);
        head = write_one_of_each(store);
        store.db().exec("DROP TABLE sample_case; DROP TABLE sample; PRAGMA user_version = 1;");
    }
    Store store(path, Store::Mode::existing);
    CHECK(user_version(store) == schema_version);
    CHECK_FALSE(store.db().tableExists("planned"));
    CHECK(store.db().tableExists("sample"));
    CHECK(store.entries().size() == 5);
    const auto v = store.verify(head);
    CHECK(v.ok());
    CHECK(v.head == head);
}

TEST_CASE("store: a version 4 log loses its plan cache; its entries keep their hashes") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    std::string head;
    {
        // A version 4 file: today's schema with the plan cache of versions 2 and 3 (its
        // tables, index and the triggers that kept it in step with the log).
        Store store(path, Store::Mode::create);
        head = write_one_of_each(store);
        store.db().exec(R"sql(
CREATE TABLE plan_cache (year INTEGER PRIMARY KEY, fingerprint TEXT NOT NULL, generated_at TEXT NOT NULL) STRICT;
CREATE TABLE planned (area TEXT NOT NULL, occurrence TEXT NOT NULL, year INTEGER NOT NULL REFERENCES plan_cache(year),
                      due TEXT NOT NULL, done INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (area, occurrence)) STRICT, WITHOUT ROWID;
CREATE INDEX planned_open ON planned(due) WHERE done = 0;
CREATE TABLE plan_leader (year INTEGER NOT NULL REFERENCES plan_cache(year), center TEXT NOT NULL, leader TEXT NOT NULL,
                          PRIMARY KEY (year, center, leader)) STRICT;
CREATE TRIGGER supervision_fulfils AFTER INSERT ON supervision WHEN NEW.occurrence IS NOT NULL BEGIN
  UPDATE planned SET done = 1 WHERE area = NEW.area AND occurrence = NEW.occurrence;
END;
CREATE TRIGGER correction_reopens AFTER INSERT ON correction BEGIN SELECT 1; END;
INSERT INTO plan_cache VALUES (2027, 'f', 't');
INSERT INTO planned VALUES ('bc-a', '2027-M03', 2027, '2027-03-31', 0);
PRAGMA user_version = 4;)sql");
    }
    Store store(path, Store::Mode::existing);
    CHECK(user_version(store) == schema_version);
    for (const char* name : {"plan_cache", "planned", "plan_leader", "planned_open",
                             "supervision_fulfils", "correction_reopens"}) {
        INFO(name);
        CHECK(store.db()
                  .execAndGet(std::string("SELECT count(*) FROM sqlite_master WHERE name = '") +
                              name + "'")
                  .getInt() == 0);
    }
    const auto v = store.verify(head);
    CHECK(v.ok());
    CHECK(v.count == 5);
}

TEST_CASE(
    "store: a version 3 log is migrated to the current version; its entries keep their hashes") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    std::string head;
    {
        Store store(path, Store::Mode::create);
        head = write_one_of_each(store);
        store.db().exec("DROP TABLE sample_case; DROP TABLE sample; PRAGMA user_version = 3;");
    }
    Store store(path, Store::Mode::existing);
    CHECK(user_version(store) == schema_version);
    CHECK(store.db().tableExists("sample_case"));
    for (const char* trigger : {"sample_no_update", "sample_no_delete", "sample_case_no_update",
                                "sample_case_no_delete"}) {
        INFO("trigger " << trigger);
        CHECK(store.db()
                  .execAndGet(std::string("SELECT count(*) FROM sqlite_master WHERE name = '") +
                              trigger + "'")
                  .getInt() == 1);
    }
    const auto v = store.verify(head);
    CHECK(v.ok());
    CHECK(v.count == 5);
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
