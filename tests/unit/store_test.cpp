// Unit tests for src/store.{h,cpp}: the findings log in SQLite. Creating a database and its
// schema version, appending every kind of entry and reading it back unchanged, the hash
// chain across writes, all-or-nothing writes, the append-only triggers and constraints,
// withdrawn entries, fulfilment of occurrences, verify(), reopening, refusing files that are
// not (or not yet) tilsyn databases, and giving up on a lock another connection holds.

#include <doctest/doctest.h>

#include "test_support.h"

#include "error.h"
#include "store.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using namespace tilsyn;
using tilsyn::test::TempDir;

using tilsyn::test::ymd;

const std::string t1 = "2027-03-15T08:30:00Z";
const std::string t2 = "2027-03-16T09:00:00Z";

SupervisionEntry supervision(std::string area = "bc-sygedagpenge",
                             std::optional<std::string> occurrence = "2027-M03") {
    SupervisionEntry s;
    s.area = std::move(area);
    s.center = "bc";
    s.leader = "ahl";
    s.performed = ymd(2027, 3, 12);
    s.occurrence = std::move(occurrence);
    s.cases = 10;
    s.errors_sagsbehandling = 2;
    s.errors_statsrefusion = 1;
    s.note = "Stikprøve på 10 sager; \"citat\" og 😀";
    return s;
}

FindingEntry finding(std::int64_t supervision, std::optional<std::int64_t> amount = -1'250'050) {
    FindingEntry f;
    f.supervision = supervision;
    f.case_ref = "2027-004512";
    f.axis = Axis::statsrefusion;
    f.category = "refusion";
    f.severity = Severity::vaesentlig;
    f.amount_ore = amount;
    f.description = "For meget hjemtaget refusion\nanden linje";
    return f;
}

ActionEntry action(std::int64_t supervision) {
    return ActionEntry{supervision, "Gennemgå refusionssager", "ahl", ymd(2027, 4, 30)};
}

DecisionEntry decision(Verdict verdict = Verdict::accept) {
    DecisionEntry d;
    d.area = "bc-sygedagpenge";
    d.decided = ymd(2027, 3, 20);
    d.verdict = verdict;
    d.from = Colour::yellow;
    d.to = Colour::red;
    d.rule = "material-finding";
    d.evidence = "fund #2 i tilsyn #1";
    d.reason = "Væsentligt fund";
    d.by = "Chef";
    return d;
}

std::string db_file(const TempDir& dir) { return (dir.path / "tilsyn.db").string(); }

int user_version(Store& store) { return store.db().execAndGet("PRAGMA user_version").getInt(); }

/// The message of the InputError thrown by opening `path`, or "" if it opens.
std::string open_error(const std::string& path, Store::Mode mode = Store::Mode::create) {
    try {
        Store s(path, mode);
    } catch (const InputError& e) {
        return e.what();
    }
    return {};
}

std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

bool contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

/// Writes one entry of every kind: supervision 1, finding 2, action 3, decision 4 and
/// correction 5, which withdraws the decision.
std::string write_one_of_each(Store& store) {
    return store.write(t1, [](Store::Writer& w) {
        const auto s = w.append(supervision());
        w.append(finding(s));
        w.append(action(s));
        const auto d = w.append(decision());
        w.append(CorrectionEntry{d, ymd(2027, 3, 21), "Forkert område"});
    });
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
        CHECK(schema_version == 5);
        CHECK(store.db().execAndGet("PRAGMA journal_mode").getString() == "wal");
        for (const char* table : {"entry", "supervision", "finding", "action", "decision", "correction",
                                  "sample", "sample_case"}) {
            INFO("table " << table);
            CHECK(store.db().tableExists(table));
        }
        // The plan cache of versions 2 to 4 is gone.
        for (const char* table : {"plan_cache", "planned", "plan_leader"}) CHECK_FALSE(store.db().tableExists(table));
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

TEST_CASE("store: a version 1 log is migrated to the current version with its entries and chain intact") {
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
    for (const char* name : {"plan_cache", "planned", "plan_leader", "planned_open", "supervision_fulfils",
                             "correction_reopens"}) {
        INFO(name);
        CHECK(store.db().execAndGet(std::string("SELECT count(*) FROM sqlite_master WHERE name = '") + name + "'").getInt() == 0);
    }
    const auto v = store.verify(head);
    CHECK(v.ok());
    CHECK(v.count == 5);
}

TEST_CASE("store: a version 3 log is migrated to the current version; its entries keep their hashes") {
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
    for (const char* trigger : {"sample_no_update", "sample_no_delete", "sample_case_no_update", "sample_case_no_delete"}) {
        INFO("trigger " << trigger);
        CHECK(store.db().execAndGet(std::string("SELECT count(*) FROM sqlite_master WHERE name = '") + trigger + "'").getInt() == 1);
    }
    const auto v = store.verify(head);
    CHECK(v.ok());
    CHECK(v.count == 5);
}

namespace {

SampleRecord sample_of_three() {
    SampleRecord r;
    r.seed = "bc-sygedagpenge/2027-M03";
    r.cases_sha256 = std::string(64, 'a');
    r.population = 40;
    r.size = 3;
    r.reviewed = {"2027-005844", "2027-005067", "2027-004734"};
    return r;
}

}  // namespace

TEST_CASE("store: a supervision's sample is stored, read back in draw order and covered by the chain") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    Store store(path, Store::Mode::create);
    SupervisionEntry sampled = supervision("bc-sygedagpenge", "2027-M03");
    sampled.cases = 3;
    sampled.errors_sagsbehandling = sampled.errors_statsrefusion = 0;
    sampled.sample = sample_of_three();
    store.write("2027-03-15T08:30:00Z", [&](Store::Writer& w) {
        w.append(sampled);
        w.append(supervision("bc-enkeltydelser", std::nullopt));
    });
    const auto entries = store.entries();
    REQUIRE(entries.size() == 2);
    const auto& back = std::get<SupervisionEntry>(entries[0].body);
    REQUIRE(back.sample.has_value());
    CHECK(*back.sample == sample_of_three());
    CHECK_FALSE(std::get<SupervisionEntry>(entries[1].body).sample.has_value());
    CHECK(store.entry(1)->hash == entries[0].hash);
    REQUIRE(store.verify(std::nullopt).ok());

    SUBCASE("a drawn case swapped behind the tool's back breaks the entry's hash") {
        store.db().exec("DROP TRIGGER sample_case_no_update; UPDATE sample_case SET case_ref = '2027-009999' WHERE position = 2");
        const auto v = store.verify(std::nullopt);
        CHECK(v.bad_seq == std::optional<std::int64_t>(1));
        CHECK(v.problem == "its content does not match its hash (changed after it was written)");
    }
    SUBCASE("a sample removed behind the tool's back breaks the entry's hash") {
        store.db().exec("DROP TRIGGER sample_case_no_delete; DROP TRIGGER sample_no_delete;"
                        "DELETE FROM sample_case; DELETE FROM sample");
        CHECK(store.verify(std::nullopt).bad_seq == std::optional<std::int64_t>(1));
    }
    SUBCASE("a sample added to an unsampled supervision breaks its hash") {
        store.db().exec("INSERT INTO sample VALUES (2, 's', 'x', 1, 1)");
        CHECK(store.verify(std::nullopt).bad_seq == std::optional<std::int64_t>(2));
    }
    SUBCASE("drawn cases without a sample are rows no entry covers") {
        store.db().exec("PRAGMA foreign_keys = OFF; INSERT INTO sample_case VALUES (7, 1, '2027-000001')");
        const auto v = store.verify(std::nullopt);
        CHECK(v.bad_seq == std::optional<std::int64_t>(7));
        CHECK(v.problem == "a sampled case row exists that no sample covers");
    }
    SUBCASE("a dropped guard trigger of the sample tables is reported") {
        store.db().exec("DROP TRIGGER sample_no_update");
        CHECK(store.verify(std::nullopt).problem ==
              "the schema was changed outside tilsyn: the trigger sample_no_update is missing");
    }
}

TEST_CASE("store: every kind of entry is read back exactly as it was appended") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    SupervisionEntry ad_hoc = supervision("bc-enkeltydelser", std::nullopt);
    ad_hoc.cases = 0;
    ad_hoc.errors_sagsbehandling = ad_hoc.errors_statsrefusion = 0;
    ad_hoc.note = "";
    FindingEntry minor = finding(2, std::nullopt);
    minor.axis = Axis::sagsbehandling;
    minor.severity = Severity::mindre;
    DecisionEntry set = decision(Verdict::set);
    set.from = Colour::green;
    set.to = Colour::yellow;
    set.rule = "manual";
    set.evidence = "";
    std::vector<EntryBody> bodies;
    bodies.reserve(10);
    bodies.emplace_back(std::in_place_type<SupervisionEntry>, supervision());
    bodies.emplace_back(std::in_place_type<SupervisionEntry>, ad_hoc);
    bodies.emplace_back(std::in_place_type<FindingEntry>, finding(1));
    bodies.emplace_back(std::in_place_type<FindingEntry>, minor);
    bodies.emplace_back(std::in_place_type<FindingEntry>, finding(1, 1'000'000'000'000'000));
    bodies.emplace_back(std::in_place_type<ActionEntry>, action(1));
    bodies.emplace_back(std::in_place_type<DecisionEntry>, decision(Verdict::accept));
    bodies.emplace_back(std::in_place_type<DecisionEntry>, decision(Verdict::reject));
    bodies.emplace_back(std::in_place_type<DecisionEntry>, set);
    bodies.emplace_back(std::in_place_type<CorrectionEntry>, CorrectionEntry{5, ymd(2027, 3, 21), "Forkert sag"});
    const std::string head = store.write(t1, [&](Store::Writer& w) {
        for (const EntryBody& b : bodies) w.append(b);
    });

    const auto entries = store.entries();
    REQUIRE(entries.size() == bodies.size());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const LogEntry& e = entries[i];
        INFO("entry " << i + 1 << " (" << kind_name(e.body) << ")");
        CHECK(e.seq == static_cast<std::int64_t>(i + 1));
        CHECK(e.recorded_at == t1);
        REQUIRE(e.body.index() == bodies[i].index());
        LogEntry expected;
        expected.seq = e.seq;
        expected.recorded_at = t1;
        expected.prev_hash = e.prev_hash;
        expected.body = bodies[i];
        CHECK(canonical_form(e) == canonical_form(expected));
        CHECK(e.hash == compute_hash(expected));
    }
    CHECK(entries.back().hash == head);

    // A few fields directly, not only through the canonical form.
    const auto& s = std::get<SupervisionEntry>(entries[0].body);
    CHECK(s.performed == ymd(2027, 3, 12));
    CHECK(s.occurrence == std::optional<std::string>("2027-M03"));
    CHECK(s.note == "Stikprøve på 10 sager; \"citat\" og 😀");
    CHECK_FALSE(std::get<SupervisionEntry>(entries[1].body).occurrence.has_value());
    CHECK(std::get<FindingEntry>(entries[2].body).amount_ore == std::optional<std::int64_t>(-1'250'050));
    CHECK_FALSE(std::get<FindingEntry>(entries[3].body).amount_ore.has_value());
    CHECK(std::get<FindingEntry>(entries[3].body).severity == Severity::mindre);
    CHECK(std::get<FindingEntry>(entries[4].body).amount_ore ==
          std::optional<std::int64_t>(1'000'000'000'000'000));
    CHECK(std::get<FindingEntry>(entries[2].body).description == "For meget hjemtaget refusion\nanden linje");
    CHECK(std::get<ActionEntry>(entries[5].body).due == ymd(2027, 4, 30));
    CHECK(std::get<DecisionEntry>(entries[7].body).verdict == Verdict::reject);
    CHECK(std::get<DecisionEntry>(entries[8].body).verdict == Verdict::set);
    CHECK(std::get<DecisionEntry>(entries[8].body).from == Colour::green);
    CHECK(std::get<CorrectionEntry>(entries[9].body).corrects == 5);
}

TEST_CASE("store: the hash chain links every entry to the one before, across writes") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    const std::string head1 = store.write(t1, [](Store::Writer& w) {
        const auto s = w.append(supervision());
        CHECK(s == 1);
        CHECK(w.append(finding(s)) == 2);
    });
    const std::string head2 = store.write(t2, [](Store::Writer& w) {
        CHECK(w.append(action(1)) == 3);
        CHECK(w.append(decision()) == 4);
    });
    const auto entries = store.entries();
    REQUIRE(entries.size() == 4);
    CHECK(entries[0].prev_hash == genesis_hash);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        INFO("entry " << entries[i].seq);
        CHECK(entries[i].hash == compute_hash(entries[i]));
        CHECK(entries[i].hash.size() == 64);
        if (i > 0) CHECK(entries[i].prev_hash == entries[i - 1].hash);
    }
    CHECK(entries[1].hash == head1);
    CHECK(entries[3].hash == head2);
    CHECK(entries[0].recorded_at == t1);
    CHECK(entries[1].recorded_at == t1);
    CHECK(entries[2].recorded_at == t2);
    CHECK(entries[3].recorded_at == t2);

    const auto v = store.verify(std::nullopt);
    CHECK(v.count == 4);
    CHECK(v.head == head2);
    CHECK_FALSE(v.bad_seq.has_value());
}

TEST_CASE("store: reads inside a write see what the write has appended so far") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    store.write(t1, [](Store::Writer& w) { w.append(supervision()); });
    store.write(t2, [](Store::Writer& w) {
        CHECK(w.store().entries().size() == 1);
        const auto f = w.append(finding(1));
        const auto e = w.store().entry(f);
        REQUIRE(e.has_value());
        CHECK(e->recorded_at == t2);
        CHECK(e->prev_hash == w.store().entry(1)->hash);
        w.append(CorrectionEntry{f, ymd(2027, 3, 20), "fejl"});
        CHECK(w.store().withdrawn() == std::set<std::int64_t>{f});
    });
    CHECK(store.entries().size() == 3);
}

TEST_CASE("store: two connections to one file extend one chain") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    Store a(path, Store::Mode::create);
    Store b(path, Store::Mode::existing);
    const std::string head_a = a.write(t1, [](Store::Writer& w) { CHECK(w.append(supervision()) == 1); });
    const std::string head_b = b.write(t2, [](Store::Writer& w) { CHECK(w.append(finding(1)) == 2); });
    a.write(t2, [](Store::Writer& w) { CHECK(w.append(action(1)) == 3); });
    const auto entries = b.entries();
    REQUIRE(entries.size() == 3);
    CHECK(entries[1].prev_hash == head_a);
    CHECK(entries[2].prev_hash == head_b);
    const auto v = a.verify(head_b);
    CHECK(v.count == 3);
    CHECK(v.head_found);
    CHECK_FALSE(v.bad_seq.has_value());
}

TEST_CASE("store: a write whose fill throws leaves nothing behind") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    CHECK_THROWS_AS(store.write(t1,
                                [](Store::Writer& w) {
                                    const auto s = w.append(supervision());
                                    w.append(finding(s));
                                    throw std::runtime_error("changed my mind");
                                }),
                    std::runtime_error);
    CHECK(store.entries().empty());
    CHECK(store.verify(std::nullopt).count == 0);

    // The next write starts the log afresh: seq 1, linked to the genesis hash.
    const std::string head = store.write(t2, [](Store::Writer& w) { CHECK(w.append(supervision()) == 1); });
    auto entries = store.entries();
    REQUIRE(entries.size() == 1);
    CHECK(entries[0].prev_hash == genesis_hash);
    CHECK(entries[0].recorded_at == t2);

    // A failed write after that leaves the earlier entries and the head as they were.
    CHECK_THROWS_AS(store.write(t1,
                                [](Store::Writer& w) {
                                    w.append(finding(1));
                                    throw InputError("no");
                                }),
                    InputError);
    entries = store.entries();
    REQUIRE(entries.size() == 1);
    CHECK(store.verify(std::nullopt).head == head);
    CHECK(store.write(t2, [](Store::Writer& w) { CHECK(w.append(finding(1)) == 2); }) != head);
    CHECK(store.entries().at(1).prev_hash == head);
}

TEST_CASE("store: a write the database refuses leaves nothing and the store usable") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    SupervisionEntry bad = supervision();
    bad.errors_sagsbehandling = bad.cases + 1;  // CHECK (errors BETWEEN 0 AND cases)
    CHECK_THROWS(store.write(t1, [&](Store::Writer& w) {
        w.append(supervision());
        w.append(bad);
    }));
    CHECK(store.entries().empty());

    SupervisionEntry negative = supervision();
    negative.cases = -1;
    negative.errors_sagsbehandling = negative.errors_statsrefusion = 0;
    CHECK_THROWS(store.write(t1, [&](Store::Writer& w) { w.append(negative); }));

    // A finding of a supervision that does not exist breaks the foreign key.
    CHECK_THROWS(store.write(t1, [](Store::Writer& w) { w.append(finding(42)); }));
    CHECK(store.entries().empty());

    // The reused statements were reset: a good write goes through whole.
    store.write(t2, [](Store::Writer& w) {
        CHECK(w.append(supervision()) == 1);
        CHECK(w.append(finding(1)) == 2);
    });
    CHECK(store.entries().size() == 2);
    CHECK(store.verify(std::nullopt).count == 2);
}

// Holds the write lock of a database through a connection of its own, as another tilsyn
// process in the middle of a write would.
struct WriteLock {
    SQLite::Database db;
    explicit WriteLock(const std::string& path) : db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {
        db.exec("BEGIN IMMEDIATE");
    }
    void release() { db.exec("ROLLBACK"); }
};

// The message of the Error a call throws, which must be exit status 3.
template <class F>
std::string busy_error(F&& call) {
    try {
        call();
    } catch (const Error& e) {
        CHECK(e.code() == ExitCode::internal);
        return e.what();
    }
    FAIL("no error");
    return {};
}

// The seconds a busy message says it waited, if it is one for `path` ending in `rest`.
std::optional<double> waited(const std::string& message, const std::string& path, const std::string& rest) {
    const std::string head = "--db: " + path + " stayed locked by another process (gave up after ";
    const std::string tail = " s: database is locked, SQLite code 5)" + rest;
    if (!message.starts_with(head) || !message.ends_with(tail) || message.size() <= head.size() + tail.size())
        return std::nullopt;
    return std::stod(message.substr(head.size(), message.size() - head.size() - tail.size()));
}

TEST_CASE("store: a write that waits out the busy timeout says so, records nothing, and the next one goes through") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    Store(path, Store::Mode::create).write(t1, [](Store::Writer& w) { w.append(supervision()); });
    Store store(path, Store::Mode::existing, std::chrono::milliseconds(300));
    WriteLock other(path);
    const auto started = std::chrono::steady_clock::now();
    const std::string message = busy_error([&] {
        store.write(t2, [](Store::Writer& w) { w.append(finding(1)); });
    });
    // It waited for the lock, as long as it was told to, and says so.
    CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(300));
    INFO(message);
    const auto seconds = waited(message, path, "; nothing was recorded");
    REQUIRE(seconds);
    CHECK(*seconds >= 0.3);

    other.release();
    CHECK(store.entries().size() == 1);
    store.write(t2, [](Store::Writer& w) { CHECK(w.append(finding(1)) == 2); });
    CHECK(store.verify(std::nullopt).count == 2);
}

TEST_CASE("store: creating the schema while another connection holds the lock fails the same way") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    WriteLock other(path);  // an empty database, locked before it has a schema
    const std::string message = busy_error([&] { Store(path, Store::Mode::create, std::chrono::milliseconds(100)); });
    INFO(message);
    const auto seconds = waited(message, path, "");
    REQUIRE(seconds);
    CHECK(*seconds >= 0.1);
    other.release();
    CHECK(Store(path, Store::Mode::create).entries().empty());
}

TEST_CASE("store: an entry can be corrected only once") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    store.write(t1, [](Store::Writer& w) {
        w.append(supervision());
        w.append(CorrectionEntry{1, ymd(2027, 3, 20), "fejl"});
    });
    CHECK_THROWS(store.write(t1, [](Store::Writer& w) { w.append(CorrectionEntry{1, ymd(2027, 3, 21), "igen"}); }));
    // And only an entry that exists.
    CHECK_THROWS(store.write(t1, [](Store::Writer& w) { w.append(CorrectionEntry{99, ymd(2027, 3, 21), "?"}); }));
    CHECK(store.entries().size() == 2);
}

TEST_CASE("store: the tables refuse UPDATE and DELETE") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    write_one_of_each(store);
    for (const char* sql : {
             "UPDATE entry SET recorded_at = 'x' WHERE seq = 1",
             "DELETE FROM entry WHERE seq = 5",
             "UPDATE supervision SET note = 'x'",
             "DELETE FROM supervision",
             "UPDATE finding SET amount_ore = 0",
             "DELETE FROM finding",
             "UPDATE action SET owner = 'x'",
             "DELETE FROM action",
             "UPDATE decision SET to_colour = 'green'",
             "DELETE FROM decision",
             "UPDATE correction SET reason = 'x'",
             "DELETE FROM correction",
         }) {
        INFO(sql);
        try {
            store.db().exec(sql);
            FAIL_CHECK("not refused");
        } catch (const SQLite::Exception& e) {
            CHECK(contains(e.what(), "the tilsyn log is append-only"));
        }
    }
    CHECK(store.verify(std::nullopt).count == 5);
    CHECK_FALSE(store.verify(std::nullopt).bad_seq.has_value());
}

TEST_CASE("store: queries for one area, one supervision, decisions and one entry") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    store.write(t1, [](Store::Writer& w) {
        w.append(supervision("bc-a"));                   // 1
        w.append(supervision("bc-b"));                   // 2
        w.append(finding(1));                            // 3
        w.append(finding(2));                            // 4
        w.append(decision());                            // 5
        w.append(supervision("bc-a", std::nullopt));     // 6
        w.append(finding(1));                            // 7
        w.append(decision(Verdict::reject));             // 8
    });
    const auto seqs = [](const std::vector<LogEntry>& list) {
        std::vector<std::int64_t> out;
        for (const auto& e : list) out.push_back(e.seq);
        return out;
    };
    CHECK(seqs(store.supervisions_of("bc-a")) == std::vector<std::int64_t>{1, 6});
    CHECK(seqs(store.supervisions_of("bc-b")) == std::vector<std::int64_t>{2});
    CHECK(store.supervisions_of("bc-c").empty());
    CHECK(seqs(store.findings_of(1)) == std::vector<std::int64_t>{3, 7});
    CHECK(seqs(store.findings_of(2)) == std::vector<std::int64_t>{4});
    CHECK(store.findings_of(6).empty());
    CHECK(seqs(store.decisions()) == std::vector<std::int64_t>{5, 8});
    CHECK(store.corrections().empty());
    store.write(t2, [](Store::Writer& w) {
        w.append(CorrectionEntry{3, ymd(2027, 3, 20), "a"});  // 9
        w.append(CorrectionEntry{8, ymd(2027, 3, 20), "b"});  // 10
    });
    CHECK(seqs(store.corrections()) == std::vector<std::int64_t>{9, 10});
    CHECK(std::get<CorrectionEntry>(store.corrections().at(1).body).corrects == 8);
    const auto e = store.entry(4);
    REQUIRE(e.has_value());
    CHECK(e->seq == 4);
    CHECK(std::get<FindingEntry>(e->body).supervision == 2);
    CHECK(e->hash == compute_hash(*e));
    CHECK_FALSE(store.entry(0).has_value());
    CHECK_FALSE(store.entry(11).has_value());
}

TEST_CASE("store: withdrawn() holds corrected entries and the findings and actions of withdrawn supervisions") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    store.write(t1, [](Store::Writer& w) {
        w.append(supervision());              // 1
        w.append(finding(1));                 // 2
        w.append(action(1));                  // 3
        w.append(finding(1));                 // 4
        w.append(supervision());              // 5
        w.append(finding(5));                 // 6
        w.append(action(5));                  // 7
        w.append(decision());                 // 8
    });
    CHECK(store.withdrawn().empty());
    store.write(t2, [](Store::Writer& w) { w.append(CorrectionEntry{1, ymd(2027, 3, 20), "forkert tilsyn"}); });  // 9
    CHECK(store.withdrawn() == std::set<std::int64_t>{1, 2, 3, 4});
    store.write(t2, [](Store::Writer& w) {
        w.append(CorrectionEntry{6, ymd(2027, 3, 20), "forkert fund"});      // 10
        w.append(CorrectionEntry{8, ymd(2027, 3, 20), "forkert beslutning"});  // 11
    });
    // The corrections themselves are not withdrawn; supervision 5 and its action stay.
    CHECK(store.withdrawn() == std::set<std::int64_t>{1, 2, 3, 4, 6, 8});
    // A finding added to a withdrawn supervision later is withdrawn with it.
    store.write(t2, [](Store::Writer& w) { w.append(finding(1)); });  // 12
    CHECK(store.withdrawn().count(12) == 1);
    // Withdrawn entries stay in the log.
    CHECK(store.entries().size() == 12);
    CHECK(store.verify(std::nullopt).count == 12);
}

TEST_CASE("store: fulfilment() finds the live supervision of an occurrence") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    CHECK_FALSE(store.fulfilment("bc-a", "2027-M03").has_value());
    store.write(t1, [](Store::Writer& w) {
        w.append(supervision("bc-a", "2027-M03"));  // 1
        w.append(supervision("bc-a", std::nullopt));  // 2: ad hoc, fulfils nothing
        w.append(supervision("bc-b", "2027-M04"));  // 3
    });
    CHECK(store.fulfilment("bc-a", "2027-M03")->supervision == 1);
    CHECK_FALSE(store.fulfilment("bc-a", "2027-M04").has_value());
    CHECK(store.fulfilment("bc-b", "2027-M04")->supervision == 3);
    CHECK_FALSE(store.fulfilment("bc-b", "2027-M03").has_value());
    CHECK_FALSE(store.fulfilment("bc-a", "").has_value());

    store.write(t2, [](Store::Writer& w) { w.append(CorrectionEntry{1, ymd(2027, 3, 20), "forkert"}); });  // 4
    CHECK_FALSE(store.fulfilment("bc-a", "2027-M03").has_value());
    store.write(t2, [](Store::Writer& w) { w.append(supervision("bc-a", "2027-M03")); });  // 5
    CHECK(store.fulfilment("bc-a", "2027-M03")->supervision == 5);
}

TEST_CASE("store: verify() checks an expected head and finds changed entries") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    const std::string head1 = store.write(t1, [](Store::Writer& w) {
        w.append(supervision());
        w.append(finding(1));
    });
    const std::string head2 = store.write(t2, [](Store::Writer& w) { w.append(action(1)); });

    auto v = store.verify(head1);
    CHECK(v.count == 3);
    CHECK(v.head == head2);
    CHECK(v.head_found);
    CHECK(store.verify(head2).head_found);
    CHECK(store.verify(genesis_hash).head_found == false);
    CHECK_FALSE(store.verify(std::string(64, 'f')).head_found);
    CHECK_FALSE(store.verify(std::string(64, 'f')).bad_seq.has_value());

    // Someone with the sqlite3 shell drops a trigger and edits a finding.
    store.db().exec("DROP TRIGGER finding_no_update");
    store.db().exec("UPDATE finding SET amount_ore = 100 WHERE entry = 2");
    v = store.verify(std::nullopt);
    CHECK(v.bad_seq == std::optional<std::int64_t>(2));
    CHECK(v.count == 1);
    CHECK(contains(v.problem, "does not match its hash"));
}

TEST_CASE("store: verify() finds a broken link and rows no entry covers") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    store.write(t1, [](Store::Writer& w) {
        w.append(supervision());
        w.append(finding(1));
        w.append(action(1));
    });
    store.db().exec("DROP TRIGGER entry_no_update");
    store.db().exec("UPDATE entry SET prev_hash = '" + std::string(64, 'a') + "' WHERE seq = 3");
    auto v = store.verify(std::nullopt);
    CHECK(v.bad_seq == std::optional<std::int64_t>(3));
    CHECK(contains(v.problem, "does not link to the entry before it"));

    TempDir dir2("tilsyn-store");
    Store other(db_file(dir2), Store::Mode::create);
    write_one_of_each(other);
    other.db().exec("PRAGMA foreign_keys = OFF");
    other.db().exec("INSERT INTO decision VALUES (99, 'bc-x', '2027-01-01', 'set', 'green', 'red', "
                    "'manual', '', 'skjult', 'x')");
    v = other.verify(std::nullopt);
    CHECK(v.bad_seq == std::optional<std::int64_t>(99));
    CHECK(contains(v.problem, "a decision row exists that no log entry of that kind covers"));
}

TEST_CASE("store: reopening an existing database reads the same log and continues the chain") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    std::string head;
    std::vector<std::string> forms;
    {
        Store store(path, Store::Mode::create);
        head = write_one_of_each(store);
        for (const auto& e : store.entries()) forms.push_back(canonical_form(e) + e.hash);
    }
    for (Store::Mode mode : {Store::Mode::existing, Store::Mode::create}) {
        Store store(path, mode);
        CHECK(user_version(store) == schema_version);
        std::vector<std::string> again;
        for (const auto& e : store.entries()) again.push_back(canonical_form(e) + e.hash);
        CHECK(again == forms);
        const auto v = store.verify(head);
        CHECK(v.count == 5);
        CHECK(v.head == head);
        CHECK(v.head_found);
    }
    {
        Store store(path, Store::Mode::existing);
        store.write(t2, [](Store::Writer& w) { CHECK(w.append(action(1)) == 6); });
        CHECK(store.entries().back().prev_hash == head);
    }
    Store store(path, Store::Mode::existing);
    CHECK(store.verify(head).count == 6);
    CHECK(store.verify(head).head_found);
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
    const std::string contents[] = {"hello\n", std::string("\x00\x01\x02\x03", 4), std::string(1000, 'x'), damaged};
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
        CHECK(message == "--db: " + path + " has schema version " + std::to_string(schema_version + 1) +
                             ", newer than this tilsyn understands (" + std::to_string(schema_version) +
                             "); use a newer tilsyn");
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
