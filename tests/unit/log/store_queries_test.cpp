// Unit tests for the Store's queries: one area's entries, a supervision's findings, the
// decisions, withdrawn entries and the fulfilment rule.

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

TEST_CASE("store: queries for one area, one supervision, decisions and one entry") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    tilsyn::test::write(store, t1, [](Store::Writer& w) {
        w.append(supervision("bc-a"));                // 2
        w.append(supervision("bc-b"));                // 3
        w.append(finding(2));                         // 4
        w.append(finding(3));                         // 5
        w.append(decision());                         // 6
        w.append(supervision("bc-a", std::nullopt));  // 7
        w.append(finding(2));                         // 8
        w.append(decision(Verdict::reject));          // 9
    });
    const auto seqs = [](const std::vector<LogEntry>& list) {
        std::vector<std::int64_t> out;
        for (const auto& e : list) out.push_back(e.seq);
        return out;
    };
    CHECK(seqs(store.supervisions_of("bc-a")) == std::vector<std::int64_t>{2, 7});
    CHECK(seqs(store.supervisions_of("bc-b")) == std::vector<std::int64_t>{3});
    CHECK(store.supervisions_of("bc-c").empty());
    CHECK(seqs(store.findings_of(2)) == std::vector<std::int64_t>{4, 8});
    CHECK(seqs(store.findings_of(3)) == std::vector<std::int64_t>{5});
    CHECK(store.findings_of(7).empty());
    CHECK(seqs(store.decisions()) == std::vector<std::int64_t>{6, 9});
    CHECK(store.corrections().empty());
    tilsyn::test::write(store, t2, [](Store::Writer& w) {
        w.append(CorrectionEntry{4, ymd(2027, 3, 20), "a"});  // 10
        w.append(CorrectionEntry{9, ymd(2027, 3, 20), "b"});  // 11
    });
    CHECK(seqs(store.corrections()) == std::vector<std::int64_t>{10, 11});
    CHECK(std::get<CorrectionEntry>(store.corrections().at(1).body).corrects == 9);
    const auto e = store.entry(5);
    REQUIRE(e.has_value());
    CHECK(e->seq == 5);
    CHECK(std::get<FindingEntry>(e->body).supervision == 3);
    CHECK(e->hash == compute_hash(*e));
    CHECK(std::holds_alternative<KeyEntry>(store.entry(1)->body));
    CHECK_FALSE(store.entry(0).has_value());
    CHECK_FALSE(store.entry(12).has_value());
}

TEST_CASE(
    "store: withdrawn() holds corrected entries and the findings and actions of withdrawn "
    "supervisions") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    tilsyn::test::write(store, t1, [](Store::Writer& w) {
        w.append(supervision());  // 2
        w.append(finding(2));     // 3
        w.append(action(2));      // 4
        w.append(finding(2));     // 5
        w.append(supervision());  // 6
        w.append(finding(6));     // 7
        w.append(action(6));      // 8
        w.append(decision());     // 9
    });
    CHECK(store.withdrawn().empty());
    tilsyn::test::write(store, t2, [](Store::Writer& w) {
        w.append(CorrectionEntry{2, ymd(2027, 3, 20), "forkert tilsyn"});
    });  // 10
    CHECK(store.withdrawn() == std::set<std::int64_t>{2, 3, 4, 5});
    tilsyn::test::write(store, t2, [](Store::Writer& w) {
        w.append(CorrectionEntry{7, ymd(2027, 3, 20), "forkert fund"});        // 11
        w.append(CorrectionEntry{9, ymd(2027, 3, 20), "forkert beslutning"});  // 12
    });
    // The corrections themselves are not withdrawn; supervision 6 and its action stay.
    CHECK(store.withdrawn() == std::set<std::int64_t>{2, 3, 4, 5, 7, 9});
    // A finding added to a withdrawn supervision later is withdrawn with it.
    tilsyn::test::write(store, t2, [](Store::Writer& w) { w.append(finding(2)); });  // 13
    CHECK(store.withdrawn().count(13) == 1);
    // Withdrawn entries stay in the log.
    CHECK(store.entries().size() == 13);
    CHECK(tilsyn::test::verify(store).count == 13);
}

TEST_CASE("store: fulfilment() finds the live supervision of an occurrence") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    CHECK_FALSE(store.fulfilment("bc-a", "2027-M03").has_value());
    tilsyn::test::write(store, t1, [](Store::Writer& w) {
        w.append(supervision("bc-a", "2027-M03"));    // 2
        w.append(supervision("bc-a", std::nullopt));  // 3: ad hoc, fulfils nothing
        w.append(supervision("bc-b", "2027-M04"));    // 4
    });
    CHECK(store.fulfilment("bc-a", "2027-M03")->supervision == 2);
    CHECK_FALSE(store.fulfilment("bc-a", "2027-M04").has_value());
    CHECK(store.fulfilment("bc-b", "2027-M04")->supervision == 4);
    CHECK_FALSE(store.fulfilment("bc-b", "2027-M03").has_value());
    CHECK_FALSE(store.fulfilment("bc-a", "").has_value());

    tilsyn::test::write(store, t2, [](Store::Writer& w) {
        w.append(CorrectionEntry{2, ymd(2027, 3, 20), "forkert"});
    });  // 5
    CHECK_FALSE(store.fulfilment("bc-a", "2027-M03").has_value());
    tilsyn::test::write(store, t2,
                        [](Store::Writer& w) { w.append(supervision("bc-a", "2027-M03")); });  // 6
    CHECK(store.fulfilment("bc-a", "2027-M03")->supervision == 6);
}
