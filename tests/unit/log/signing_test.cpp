// Unit tests for the log's signatures (src/log/signing_key.*, Store::Writer, Store::verify): an
// entry added with a correct hash but without the key fails verify, a chain signed again under
// another key fails against the auditor's key, a rotation keeps the old entries verifying,
// the key file is guarded, and verify warns of times out of order and of content that today's
// rules refuse.

#include <doctest/doctest.h>

#include "log/store_support.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <sys/stat.h>
#include <filesystem>
#include <string>

using namespace tilsyn;
using namespace tilsyn::test;

namespace {

// Appends a supervision behind the tool's back: a correct hash over the chain, and the
// signature it is given (none, or one made with some other key).
std::int64_t forge(Store& store, const std::string& signature) {
    const Head head = store.head();
    LogEntry e;
    e.seq = head.count + 1;
    e.recorded_at = t2;
    e.prev_hash = head.hash;
    e.body = supervision("bc-forged", std::nullopt);
    e.hash = compute_hash(e);
    store.db().exec("PRAGMA foreign_keys = OFF");
    SQLite::Statement entry(store.db(),
                            "INSERT INTO entry VALUES (?, 'supervision', ?, ?, ?, 0, ?)");
    entry.bind(1, e.seq);
    entry.bind(2, e.recorded_at);
    entry.bind(3, e.prev_hash);
    entry.bind(4, e.hash);
    if (signature.empty())
        entry.bind(5);
    else
        entry.bind(5, signature == "other" ? SigningKey::generate().sign(signed_message(e.hash))
                                           : signature);
    entry.exec();
    SQLite::Statement row(store.db(),
                          "INSERT INTO supervision VALUES (?, 'bc-forged', 'bc', 'ahl', "
                          "'2027-03-12', NULL, 10, 2, 1, ?)");
    row.bind(1, e.seq);
    row.bind(2, std::get<SupervisionEntry>(e.body).note);
    row.exec();
    return e.seq;
}

}  // namespace

TEST_CASE("signing: an entry added with a correct hash but without the key fails verify") {
    for (const char* signature : {"", "other"}) {
        INFO("signature: " << (*signature ? signature : "none"));
        TempDir dir("tilsyn-sign");
        Store store(db_file(dir), Store::Mode::create);
        write_one_of_each(store);
        REQUIRE(tilsyn::test::verify(store).ok());
        const std::int64_t seq = forge(store, signature);
        const auto v = tilsyn::test::verify(store);
        CHECK(v.bad_seq == std::optional<std::int64_t>(seq));
        CHECK(
            contains(v.problem, *signature ? "is not that of the log's key" : "it is not signed"));
    }
}

TEST_CASE("signing: a chain signed again under another key fails against the auditor's key") {
    TempDir dir("tilsyn-sign");
    const std::string path = db_file(dir);
    PublicKey original;
    {
        Store store(path, Store::Mode::create);
        write_one_of_each(store);
        original = tilsyn::test::verify(store).keys.front().key;
    }
    // Whoever can write the file but not read the key makes a log of their own with the same
    // entries: every hash right, every signature theirs.
    TempDir other_dir("tilsyn-sign");
    KeyFile theirs((other_dir.path / "their.key").string(), "--signing-key");
    const std::string copy = (other_dir.path / "copy.db").string();
    {
        Store forged(copy, Store::Mode::create);
        forged.write([] { return t1; }, theirs,
                     [](Store::Writer& w) {
                         const auto s = w.append(supervision());
                         w.append(finding(s));
                         w.append(action(s));
                         const auto d = w.append(decision());
                         w.append(CorrectionEntry{d, ymd(2027, 3, 21), "Forkert område"});
                     });
    }
    Store forged(copy, Store::Mode::existing);
    // On its own it is a well-formed log...
    CHECK(forged.verify({std::nullopt, std::nullopt, ""}).ok());
    // ...but not under the key the auditor keeps.
    const auto v = forged.verify({std::nullopt, original, ""});
    CHECK_FALSE(v.ok());
    CHECK_FALSE(v.key_found);
    Store genuine(path, Store::Mode::existing);
    CHECK(genuine.verify({std::nullopt, original, ""}).ok());
}

TEST_CASE("signing: after a rotation the old entries still verify, under either key") {
    TempDir dir("tilsyn-sign");
    Store store(db_file(dir), Store::Mode::create);
    write_one_of_each(store);
    const PublicKey old_key = tilsyn::test::verify(store).keys.front().key;
    const SigningKey next = SigningKey::generate();
    tilsyn::test::write(store, t2, [&](Store::Writer& w) {
        CHECK(w.rotate_key(next, "ny medarbejder i drift") == 7);
        CHECK(w.append(supervision()) == 8);
    });
    const auto entry = store.entry(7);
    REQUIRE(entry);
    const auto& rotation = std::get<KeyEntry>(entry->body);
    CHECK(rotation.public_key == next.public_key());
    CHECK(rotation.replaces == std::optional<std::string>(key_id(old_key)));
    // The rotation is signed by the old key, what follows by the new one.
    CHECK(signature_valid(old_key, signed_message(entry->hash), entry->signature));
    CHECK(signature_valid(next.public_key(), signed_message(store.entry(8)->hash),
                          store.entry(8)->signature));
    for (const PublicKey& kept : {old_key, next.public_key()}) {
        const auto v = store.verify({std::nullopt, kept, ""});
        CHECK(v.ok());
        CHECK(v.count == 8);
        REQUIRE(v.keys.size() == 2);
        CHECK(v.keys[1].since == 7);
    }
    const std::string text = verified_text(store.verify({}));
    CHECK(contains(text, "signed by key " + key_id(old_key) + ": entries 1-7\n"));
    CHECK(contains(text, "signed by key " + key_id(next.public_key()) + ": entries 8-8\n"));
    // The old key signs no more: a write with it is refused.
    CHECK_THROWS_WITH_AS(
        tilsyn::test::write(store, t2, [](Store::Writer& w) { w.append(supervision()); }),
        doctest::Contains("is not the key this log is signed with"), InputError);
}

TEST_CASE("signing: a key only named in the log, not signing in it, vouches for nothing") {
    // A forger's own chain that ends by "rotating" to the auditor's public key: every entry
    // signed by the forger's key, the auditor's key named but never used.
    const SigningKey auditors = SigningKey::generate();
    TempDir dir("tilsyn-sign");
    Store store(db_file(dir), Store::Mode::create);
    KeyFile theirs((dir.path / "their.key").string(), "--signing-key");
    store.write([] { return t1; }, theirs,
                [&](Store::Writer& w) {
                    w.append(supervision());
                    w.append(decision());
                    w.rotate_key(auditors, "overtaget");
                });
    const auto v = store.verify({std::nullopt, auditors.public_key(), ""});
    CHECK(v.problem.empty());
    CHECK_FALSE(v.key_found);
    CHECK(contains(verified_text(v),
                   "signed by key " + key_id(auditors.public_key()) + ": no entry yet"));
    // Once it has signed an entry, that entry's hash covers all before it.
    KeyFile rotated((dir.path / "their.key.new").string(), "--signing-key");
    auditors.save_new(rotated.path(), "--signing-key");
    store.write([] { return t2; }, rotated, [](Store::Writer& w) { w.append(supervision()); });
    CHECK(store.verify({std::nullopt, auditors.public_key(), ""}).key_found);
}

TEST_CASE("signing: the key file is the writer's alone, and must be the log's") {
    TempDir dir("tilsyn-sign");
    const std::string key_path = (dir.path / "log.key").string();
    Store store(db_file(dir), Store::Mode::create);
    KeyFile key(key_path, "--signing-key");
    store.write([] { return t1; }, key, [](Store::Writer& w) { w.append(supervision()); });
    struct stat st {};
    REQUIRE(::stat(key_path.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);

    SUBCASE("a key others may read is refused") {
        ::chmod(key_path.c_str(), 0644);
        KeyFile again(key_path, "--signing-key");
        CHECK_THROWS_WITH_AS(store.write([] { return t2; }, again,
                                         [](Store::Writer& w) { w.append(supervision()); }),
                             doctest::Contains("may be read or written by other users"),
                             InputError);
    }
    SUBCASE("a missing key is not made again for a log that has one") {
        std::filesystem::remove(key_path);
        KeyFile again(key_path, "--signing-key");
        CHECK_THROWS_AS(store.write([] { return t2; }, again,
                                    [](Store::Writer& w) { w.append(supervision()); }),
                        InputError);
        CHECK_FALSE(std::filesystem::exists(key_path));
    }
    SUBCASE("another log's key is refused") {
        KeyFile other((dir.path / "other.key").string(), "--signing-key");
        Store elsewhere((dir.path / "other.db").string(), Store::Mode::create);
        elsewhere.write([] { return t1; }, other,
                        [](Store::Writer& w) { w.append(supervision()); });
        CHECK_THROWS_WITH_AS(store.write([] { return t2; }, other,
                                         [](Store::Writer& w) { w.append(supervision()); }),
                             doctest::Contains("is not the key this log is signed with"),
                             InputError);
    }
    CHECK(store.entries().size() == 2);
}

TEST_CASE("signing: public keys go to PEM and back") {
    const SigningKey key = SigningKey::generate();
    const std::string pem = public_key_pem(key.public_key());
    CHECK(pem.starts_with("-----BEGIN PUBLIC KEY-----"));
    CHECK(public_key_from_pem(pem) == std::optional<PublicKey>(key.public_key()));
    CHECK_FALSE(public_key_from_pem("not a key").has_value());
    CHECK(key_id(key.public_key()).size() == 16);
}

TEST_CASE("verify: times out of order and content today's rules refuse are warnings") {
    TempDir dir("tilsyn-sign");
    Store store(db_file(dir), Store::Mode::create);
    tilsyn::test::write(store, "2027-03-16T09:00:00Z",
                        [](Store::Writer& w) { w.append(supervision()); });
    SupervisionEntry old = supervision();
    old.note = "Borger 010190-1234";
    old.cases = 200'000;
    old.errors_sagsbehandling = old.errors_statsrefusion = 0;
    tilsyn::test::write(store, "2027-03-15T08:00:00Z", [&](Store::Writer& w) { w.append(old); });
    tilsyn::test::write(store, "2099-01-01T00:00:00Z",
                        [](Store::Writer& w) { w.append(supervision()); });
    const auto v = store.verify({std::nullopt, std::nullopt, "2027-06-01T00:00:00Z"});
    CHECK(v.ok());
    REQUIRE(v.warnings.size() == 4);
    CHECK(v.warnings[0] ==
          "entry 3: recorded at 2027-03-15T08:00:00Z, before the entry it follows "
          "(2027-03-16T09:00:00Z)");
    CHECK(contains(v.warnings[1],
                   "entry 3: cases: must be a whole number from 1 to 100000 (a supervision reviews "
                   "at least one case), got 200000"));
    CHECK(contains(v.warnings[2], "entry 3: note: the text contains what looks like a CPR number"));
    CHECK(v.warnings[3] == "entry 4: recorded at 2099-01-01T00:00:00Z, which is in the future");
    CHECK_FALSE(contains(verified_text(v), "1234"));
}

TEST_CASE("verify: a guard trigger replaced by one that lets changes through is noticed") {
    TempDir dir("tilsyn-sign");
    Store store(db_file(dir), Store::Mode::create);
    write_one_of_each(store);
    store.db().exec(
        "DROP TRIGGER finding_no_update; CREATE TRIGGER finding_no_update BEFORE UPDATE ON finding "
        "BEGIN SELECT 1; END;");
    const auto v = tilsyn::test::verify(store);
    CHECK(v.problem ==
          "the schema was changed outside tilsyn: the trigger finding_no_update is not as tilsyn "
          "made it");
}
