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

TEST_CASE("store: queries for one area, one supervision, decisions and one entry") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    store.write(t1, [](Store::Writer& w) {
        w.append(supervision("bc-a"));                // 1
        w.append(supervision("bc-b"));                // 2
        w.append(finding(1));                         // 3
        w.append(finding(2));                         // 4
        w.append(decision());                         // 5
        w.append(supervision("bc-a", std::nullopt));  // 6
        w.append(finding(1));                         // 7
        w.append(decision(Verdict::reject));          // 8
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

TEST_CASE(
    "store: withdrawn() holds corrected entries and the findings and actions of withdrawn "
    "supervisions") {
    TempDir dir("tilsyn-store");
    Store store(db_file(dir), Store::Mode::create);
    store.write(t1, [](Store::Writer& w) {
        w.append(supervision());  // 1
        w.append(finding(1));     // 2
        w.append(action(1));      // 3
        w.append(finding(1));     // 4
        w.append(supervision());  // 5
        w.append(finding(5));     // 6
        w.append(action(5));      // 7
        w.append(decision());     // 8
    });
    CHECK(store.withdrawn().empty());
    store.write(t2, [](Store::Writer& w) {
        w.append(CorrectionEntry{1, ymd(2027, 3, 20), "forkert tilsyn"});
    });  // 9
    CHECK(store.withdrawn() == std::set<std::int64_t>{1, 2, 3, 4});
    store.write(t2, [](Store::Writer& w) {
        w.append(CorrectionEntry{6, ymd(2027, 3, 20), "forkert fund"});        // 10
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
        w.append(supervision("bc-a", "2027-M03"));    // 1
        w.append(supervision("bc-a", std::nullopt));  // 2: ad hoc, fulfils nothing
        w.append(supervision("bc-b", "2027-M04"));    // 3
    });
    CHECK(store.fulfilment("bc-a", "2027-M03")->supervision == 1);
    CHECK_FALSE(store.fulfilment("bc-a", "2027-M04").has_value());
    CHECK(store.fulfilment("bc-b", "2027-M04")->supervision == 3);
    CHECK_FALSE(store.fulfilment("bc-b", "2027-M03").has_value());
    CHECK_FALSE(store.fulfilment("bc-a", "").has_value());

    store.write(t2, [](Store::Writer& w) {
        w.append(CorrectionEntry{1, ymd(2027, 3, 20), "forkert"});
    });  // 4
    CHECK_FALSE(store.fulfilment("bc-a", "2027-M03").has_value());
    store.write(t2, [](Store::Writer& w) { w.append(supervision("bc-a", "2027-M03")); });  // 5
    CHECK(store.fulfilment("bc-a", "2027-M03")->supervision == 5);
}
