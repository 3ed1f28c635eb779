// Unit tests for src/log/store.{h,cpp}: appending every kind of entry and reading it back
// unchanged, the hash chain across writes, all-or-nothing writes, the append-only triggers and
// constraints, reopening, and giving up on a lock another connection holds.

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

// Every log's first entry is its signing key (#1), so the entries written below start at #2.

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

TEST_CASE(
    "store: a supervision's sample is stored, read back in draw order and covered by the chain") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    Store store(path, Store::Mode::create);
    SupervisionEntry sampled = supervision("bc-sygedagpenge", "2027-M03");
    sampled.cases = 3;
    sampled.errors_sagsbehandling = sampled.errors_statsrefusion = 0;
    sampled.sample = sample_of_three();
    tilsyn::test::write(store, "2027-03-15T08:30:00Z", [&](Store::Writer& w) {
        w.append(sampled);
        w.append(supervision("bc-enkeltydelser", std::nullopt));
    });
    const auto entries = store.entries();
    REQUIRE(entries.size() == 3);
    const auto& back = std::get<SupervisionEntry>(entries[1].body);
    REQUIRE(back.sample.has_value());
    CHECK(*back.sample == sample_of_three());
    CHECK_FALSE(std::get<SupervisionEntry>(entries[2].body).sample.has_value());
    CHECK(store.entry(2)->hash == entries[1].hash);
    REQUIRE(tilsyn::test::verify(store).ok());

    SUBCASE("a drawn case swapped behind the tool's back breaks the entry's hash") {
        store.db().exec(
            "DROP TRIGGER sample_case_no_update; UPDATE sample_case SET case_ref = '2027-009999' "
            "WHERE position = 2");
        const auto v = tilsyn::test::verify(store);
        CHECK(v.bad_seq == std::optional<std::int64_t>(2));
        CHECK(v.problem == "its content does not match its hash (changed after it was written)");
    }
    SUBCASE("a sample removed behind the tool's back breaks the entry's hash") {
        store.db().exec(
            "DROP TRIGGER sample_case_no_delete; DROP TRIGGER sample_no_delete;"
            "DELETE FROM sample_case; DELETE FROM sample");
        CHECK(tilsyn::test::verify(store).bad_seq == std::optional<std::int64_t>(2));
    }
    SUBCASE("a sample added to an unsampled supervision breaks its hash") {
        store.db().exec("INSERT INTO sample VALUES (3, 's', 'x', 1, 1)");
        CHECK(tilsyn::test::verify(store).bad_seq == std::optional<std::int64_t>(3));
    }
    SUBCASE("drawn cases without a sample are rows no entry covers") {
        store.db().exec(
            "PRAGMA foreign_keys = OFF; INSERT INTO sample_case VALUES (7, 1, '2027-000001')");
        const auto v = tilsyn::test::verify(store);
        CHECK(v.bad_seq == std::optional<std::int64_t>(7));
        CHECK(v.problem == "a sampled case row exists that no sample covers");
    }
    SUBCASE("a dropped guard trigger of the sample tables is reported") {
        store.db().exec("DROP TRIGGER sample_no_update");
        CHECK(tilsyn::test::verify(store).problem ==
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
    FindingEntry minor = finding(3, std::nullopt);
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
    bodies.emplace_back(std::in_place_type<FindingEntry>, finding(2));
    bodies.emplace_back(std::in_place_type<FindingEntry>, minor);
    bodies.emplace_back(std::in_place_type<FindingEntry>, finding(2, 1'000'000'000'000'000));
    bodies.emplace_back(std::in_place_type<ActionEntry>, action(2));
    bodies.emplace_back(std::in_place_type<DecisionEntry>, decision(Verdict::accept));
    bodies.emplace_back(std::in_place_type<DecisionEntry>, decision(Verdict::reject));
    bodies.emplace_back(std::in_place_type<DecisionEntry>, set);
    bodies.emplace_back(std::in_place_type<CorrectionEntry>,
                        CorrectionEntry{6, ymd(2027, 3, 21), "Forkert sag"});
    const std::string head = tilsyn::test::write(store, t1, [&](Store::Writer& w) {
        for (const EntryBody& b : bodies) w.append(b);
    });

    std::vector<LogEntry> entries = store.entries();
    REQUIRE(entries.size() == bodies.size() + 1);
    CHECK(std::holds_alternative<KeyEntry>(entries.front().body));
    entries.erase(entries.begin());
    for (std::size_t i = 0; i < entries.size(); ++i) {
        const LogEntry& e = entries[i];
        INFO("entry " << i + 2 << " (" << kind_name(e.body) << ")");
        CHECK(e.seq == static_cast<std::int64_t>(i + 2));
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
    CHECK(std::get<FindingEntry>(entries[2].body).amount_ore ==
          std::optional<std::int64_t>(-1'250'050));
    CHECK_FALSE(std::get<FindingEntry>(entries[3].body).amount_ore.has_value());
    CHECK(std::get<FindingEntry>(entries[3].body).severity == Severity::mindre);
    CHECK(std::get<FindingEntry>(entries[4].body).amount_ore ==
          std::optional<std::int64_t>(1'000'000'000'000'000));
    CHECK(std::get<FindingEntry>(entries[2].body).description ==
          "For meget hjemtaget refusion\nanden linje");
    CHECK(std::get<ActionEntry>(entries[5].body).due == ymd(2027, 4, 30));
    CHECK(std::get<DecisionEntry>(entries[7].body).verdict == Verdict::reject);
    CHECK(std::get<DecisionEntry>(entries[8].body).verdict == Verdict::set);
    CHECK(std::get<DecisionEntry>(entries[8].body).from == Colour::green);
    CHECK(std::get<CorrectionEntry>(entries[9].body).corrects == 6);
}

TEST_CASE("store: the hash chain links every entry to the one before, across writes") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    const std::string head1 = tilsyn::test::write(store, t1, [](Store::Writer& w) {
        const auto s = w.append(supervision());
        CHECK(s == 2);
        CHECK(w.append(finding(s)) == 3);
    });
    const std::string head2 = tilsyn::test::write(store, t2, [](Store::Writer& w) {
        CHECK(w.append(action(2)) == 4);
        CHECK(w.append(decision()) == 5);
    });
    const auto entries = store.entries();
    REQUIRE(entries.size() == 5);
    CHECK(entries[0].prev_hash == genesis_hash);
    for (std::size_t i = 0; i < entries.size(); ++i) {
        INFO("entry " << entries[i].seq);
        CHECK(entries[i].hash == compute_hash(entries[i]));
        CHECK(entries[i].hash.size() == 64);
        if (i > 0) CHECK(entries[i].prev_hash == entries[i - 1].hash);
    }
    CHECK(entries[2].hash == head1);
    CHECK(entries[4].hash == head2);
    CHECK(entries[1].recorded_at == t1);
    CHECK(entries[2].recorded_at == t1);
    CHECK(entries[3].recorded_at == t2);
    CHECK(entries[4].recorded_at == t2);
    // Every entry is signed, the key's own entry by the key itself.
    for (const LogEntry& e : entries)
        CHECK(signature_valid(std::get<KeyEntry>(entries[0].body).public_key,
                              signed_message(e.hash), e.signature));

    const auto v = tilsyn::test::verify(store);
    CHECK(v.count == 5);
    CHECK(v.head == head2);
    CHECK_FALSE(v.bad_seq.has_value());
}

TEST_CASE("store: reads inside a write see what the write has appended so far") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    tilsyn::test::write(store, t1, [](Store::Writer& w) { w.append(supervision()); });
    tilsyn::test::write(store, t2, [](Store::Writer& w) {
        CHECK(w.store().entries().size() == 2);
        const auto f = w.append(finding(2));
        const auto e = w.store().entry(f);
        REQUIRE(e.has_value());
        CHECK(e->recorded_at == t2);
        CHECK(e->prev_hash == w.store().entry(2)->hash);
        w.append(CorrectionEntry{f, ymd(2027, 3, 20), "fejl"});
        CHECK(w.store().withdrawn() == std::set<std::int64_t>{f});
    });
    CHECK(store.entries().size() == 4);
}

TEST_CASE("store: two connections to one file extend one chain") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    Store a(path, Store::Mode::create);
    Store b(path, Store::Mode::existing);
    const std::string head_a =
        tilsyn::test::write(a, t1, [](Store::Writer& w) { CHECK(w.append(supervision()) == 2); });
    const std::string head_b =
        tilsyn::test::write(b, t2, [](Store::Writer& w) { CHECK(w.append(finding(2)) == 3); });
    tilsyn::test::write(a, t2, [](Store::Writer& w) { CHECK(w.append(action(2)) == 4); });
    const auto entries = b.entries();
    REQUIRE(entries.size() == 4);
    CHECK(entries[2].prev_hash == head_a);
    CHECK(entries[3].prev_hash == head_b);
    const auto v = tilsyn::test::verify(a, head_b);
    CHECK(v.count == 4);
    CHECK(v.head_found);
    CHECK_FALSE(v.bad_seq.has_value());
}

TEST_CASE("store: a write whose fill throws leaves nothing behind") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    CHECK_THROWS_AS(tilsyn::test::write(store, t1,
                                        [](Store::Writer& w) {
                                            const auto s = w.append(supervision());
                                            w.append(finding(s));
                                            throw std::runtime_error("changed my mind");
                                        }),
                    std::runtime_error);
    CHECK(store.entries().empty());
    CHECK(tilsyn::test::verify(store).count == 0);

    // The next write starts the log afresh: its key as entry 1, linked to the genesis hash.
    const std::string head = tilsyn::test::write(
        store, t2, [](Store::Writer& w) { CHECK(w.append(supervision()) == 2); });
    auto entries = store.entries();
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].prev_hash == genesis_hash);
    CHECK(entries[1].recorded_at == t2);

    // A failed write after that leaves the earlier entries and the head as they were.
    CHECK_THROWS_AS(tilsyn::test::write(store, t1,
                                        [](Store::Writer& w) {
                                            w.append(finding(2));
                                            throw InputError("no");
                                        }),
                    InputError);
    entries = store.entries();
    REQUIRE(entries.size() == 2);
    CHECK(tilsyn::test::verify(store).head == head);
    CHECK(tilsyn::test::write(store, t2,
                              [](Store::Writer& w) { CHECK(w.append(finding(2)) == 3); }) != head);
    CHECK(store.entries().at(2).prev_hash == head);
}

TEST_CASE("store: a write the database refuses leaves nothing and the store usable") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    SupervisionEntry bad = supervision();
    bad.errors_sagsbehandling = bad.cases + 1;  // CHECK (errors BETWEEN 0 AND cases)
    CHECK_THROWS(tilsyn::test::write(store, t1, [&](Store::Writer& w) {
        w.append(supervision());
        w.append(bad);
    }));
    CHECK(store.entries().empty());

    SupervisionEntry negative = supervision();
    negative.cases = -1;
    negative.errors_sagsbehandling = negative.errors_statsrefusion = 0;
    CHECK_THROWS(tilsyn::test::write(store, t1, [&](Store::Writer& w) { w.append(negative); }));

    // A finding of a supervision that does not exist breaks the foreign key.
    CHECK_THROWS(tilsyn::test::write(store, t1, [](Store::Writer& w) { w.append(finding(42)); }));
    CHECK(store.entries().empty());

    // The reused statements were reset: a good write goes through whole.
    tilsyn::test::write(store, t2, [](Store::Writer& w) {
        CHECK(w.append(supervision()) == 2);
        CHECK(w.append(finding(2)) == 3);
    });
    CHECK(store.entries().size() == 3);
    CHECK(tilsyn::test::verify(store).count == 3);
}

// Holds the write lock of a database through a connection of its own, as another tilsyn
// process in the middle of a write would.
struct WriteLock {
    SQLite::Database db;
    explicit WriteLock(const std::string& path)
        : db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE) {
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
std::optional<double> waited(const std::string& message, const std::string& path,
                             const std::string& rest) {
    const std::string head = "--db: " + path + " stayed locked by another process (gave up after ";
    const std::string tail = " s: database is locked, SQLite code 5)" + rest;
    if (!message.starts_with(head) || !message.ends_with(tail) ||
        message.size() <= head.size() + tail.size())
        return std::nullopt;
    return std::stod(message.substr(head.size(), message.size() - head.size() - tail.size()));
}

TEST_CASE(
    "store: a write that waits out the busy timeout says so, records nothing, and the next one "
    "goes through") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    tilsyn::test::write(*std::make_unique<Store>(path, Store::Mode::create), t1,
                        [](Store::Writer& w) { w.append(supervision()); });
    Store store(path, Store::Mode::existing, std::chrono::milliseconds(300));
    WriteLock other(path);
    const auto started = std::chrono::steady_clock::now();
    const std::string message = busy_error(
        [&] { tilsyn::test::write(store, t2, [](Store::Writer& w) { w.append(finding(2)); }); });
    // It waited for the lock, as long as it was told to, and says so.
    CHECK(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(300));
    INFO(message);
    const auto seconds = waited(message, path, "; nothing was recorded");
    REQUIRE(seconds);
    CHECK(*seconds >= 0.3);

    other.release();
    CHECK(store.entries().size() == 2);
    tilsyn::test::write(store, t2, [](Store::Writer& w) { CHECK(w.append(finding(2)) == 3); });
    CHECK(tilsyn::test::verify(store).count == 3);
}

TEST_CASE("store: creating the schema while another connection holds the lock fails the same way") {
    TempDir dir("tilsyn-store");
    const std::string path = db_file(dir);
    WriteLock other(path);  // an empty database, locked before it has a schema
    const std::string message =
        busy_error([&] { Store(path, Store::Mode::create, std::chrono::milliseconds(100)); });
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
    tilsyn::test::write(store, t1, [](Store::Writer& w) {
        w.append(supervision());
        w.append(CorrectionEntry{2, ymd(2027, 3, 20), "fejl"});
    });
    CHECK_THROWS(tilsyn::test::write(store, t1, [](Store::Writer& w) {
        w.append(CorrectionEntry{2, ymd(2027, 3, 21), "igen"});
    }));
    // And only an entry that exists.
    CHECK_THROWS(tilsyn::test::write(store, t1, [](Store::Writer& w) {
        w.append(CorrectionEntry{99, ymd(2027, 3, 21), "?"});
    }));
    CHECK(store.entries().size() == 3);
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
             "UPDATE signing_key SET public_key = 'x'",
             "DELETE FROM signing_key",
         }) {
        INFO(sql);
        try {
            store.db().exec(sql);
            FAIL_CHECK("not refused");
        } catch (const SQLite::Exception& e) {
            CHECK(contains(e.what(), "the tilsyn log is append-only"));
        }
    }
    CHECK(tilsyn::test::verify(store).count == 6);
    CHECK_FALSE(tilsyn::test::verify(store).bad_seq.has_value());
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
        const auto v = tilsyn::test::verify(store, head);
        CHECK(v.count == 6);
        CHECK(v.head == head);
        CHECK(v.head_found);
    }
    {
        Store store(path, Store::Mode::existing);
        tilsyn::test::write(store, t2, [](Store::Writer& w) { CHECK(w.append(action(2)) == 7); });
        CHECK(store.entries().back().prev_hash == head);
    }
    Store store(path, Store::Mode::existing);
    CHECK(tilsyn::test::verify(store, head).count == 7);
    CHECK(tilsyn::test::verify(store, head).head_found);
}
