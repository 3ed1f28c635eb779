// Unit tests for Store::verify (src/log/verify.cpp): an expected head, changed entries, broken
// links and rows that no entry covers.

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

TEST_CASE("store: verify() checks an expected head and finds changed entries") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    const std::string head1 = tilsyn::test::write(store, t1, [](Store::Writer& w) {
        w.append(supervision());  // 2, after the log's key
        w.append(finding(2));
    });
    const std::string head2 =
        tilsyn::test::write(store, t2, [](Store::Writer& w) { w.append(action(2)); });

    auto v = tilsyn::test::verify(store, head1);
    CHECK(v.count == 4);
    CHECK(v.head == head2);
    CHECK(v.head_found);
    CHECK(tilsyn::test::verify(store, head2).head_found);
    CHECK(tilsyn::test::verify(store, genesis_hash).head_found == false);
    CHECK_FALSE(tilsyn::test::verify(store, std::string(64, 'f')).head_found);
    CHECK_FALSE(tilsyn::test::verify(store, std::string(64, 'f')).bad_seq.has_value());

    // Someone with the sqlite3 shell drops a trigger and edits a finding.
    store.db().exec("DROP TRIGGER finding_no_update");
    store.db().exec("UPDATE finding SET amount_ore = 100 WHERE entry = 3");
    v = tilsyn::test::verify(store);
    CHECK(v.bad_seq == std::optional<std::int64_t>(3));
    CHECK(v.count == 2);
    CHECK(contains(v.problem, "does not match its hash"));
}

TEST_CASE("store: verify() finds a broken link and rows no entry covers") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    tilsyn::test::write(store, t1, [](Store::Writer& w) {
        w.append(supervision());
        w.append(finding(2));
        w.append(action(2));
    });
    store.db().exec("DROP TRIGGER entry_no_update");
    store.db().exec("UPDATE entry SET prev_hash = '" + std::string(64, 'a') + "' WHERE seq = 3");
    auto v = tilsyn::test::verify(store);
    CHECK(v.bad_seq == std::optional<std::int64_t>(3));
    CHECK(contains(v.problem, "does not link to the entry before it"));

    TempDir dir2("tilsyn-store");
    Store other(db_file(dir2), Store::Mode::create);
    write_one_of_each(other);
    other.db().exec("PRAGMA foreign_keys = OFF");
    other.db().exec(
        "INSERT INTO decision VALUES (99, 'bc-x', '2027-01-01', 'set', 'green', 'red', "
        "'manual', '', 'skjult', 'x')");
    v = tilsyn::test::verify(other);
    CHECK(v.bad_seq == std::optional<std::int64_t>(99));
    CHECK(contains(v.problem, "a decision row exists that no log entry of that kind covers"));
}
