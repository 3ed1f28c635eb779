// Unit tests for src/log/log_entry.{h,cpp} and src/sha256.{h,cpp}: the names of axes, severities,
// verdicts and kinds; the canonical form of every kind of entry (compact JSON, keys sorted by
// byte value, pinned here as exact strings); and the hash chain,
// SHA-256("tilsyn-log-1\n" + prev_hash + "\n" + canonical_form).
//
// The pinned hashes were computed independently (Python's hashlib over json.dumps(...,
// sort_keys=True, separators=(',', ':'), ensure_ascii=False) of the same entries), not copied
// from the implementation's output.

#include <doctest/doctest.h>

#include "base/sha256.h"
#include "log/log_entry.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

#include <functional>
#include <string>
#include <vector>

namespace {

using namespace tilsyn;

using tilsyn::test::ymd;

const std::string recorded = "2027-03-15T08:30:00Z";

LogEntry entry(std::int64_t seq, std::string prev_hash, EntryBody body) {
    LogEntry e;
    e.seq = seq;
    e.recorded_at = recorded;
    e.prev_hash = std::move(prev_hash);
    e.body = std::move(body);
    return e;
}

SupervisionEntry supervision() {
    SupervisionEntry s;
    s.area = "bc-sygedagpenge";
    s.center = "bc";
    s.leader = "ahl";
    s.performed = ymd(2027, 3, 12);
    s.occurrence = "2027-M03";
    s.cases = 10;
    s.errors_sagsbehandling = 2;
    s.errors_statsrefusion = 0;
    s.note = "Stikprøve på 10 sager";
    return s;
}

FindingEntry finding() {
    FindingEntry f;
    f.supervision = 1;
    f.case_ref = "2027-004512";
    f.axis = Axis::statsrefusion;
    f.category = "refusion";
    f.severity = Severity::vaesentlig;
    f.amount_ore = 1'250'050;
    f.description = "For meget hjemtaget refusion";
    return f;
}

ActionEntry action() {
    ActionEntry a;
    a.supervision = 1;
    a.text = "Gennemgå refusionssager";
    a.owner = "ahl";
    a.due = ymd(2027, 4, 30);
    return a;
}

DecisionEntry decision() {
    DecisionEntry d;
    d.area = "bc-sygedagpenge";
    d.decided = ymd(2027, 3, 20);
    d.verdict = Verdict::accept;
    d.from = Colour::yellow;
    d.to = Colour::red;
    d.rule = "material-finding";
    d.evidence = "fund #2 i tilsyn #1";
    d.reason = "Væsentligt fund";
    d.by = "Chef";
    return d;
}

CorrectionEntry correction() {
    CorrectionEntry c;
    c.corrects = 3;
    c.corrected = ymd(2027, 3, 21);
    c.reason = "Forkert tilsyn";
    return c;
}

// The five entries chained as a log would hold them, with their documented canonical forms
// and independently computed hashes.
struct Expected {
    LogEntry entry;
    std::string canonical;
    std::string hash;
};

std::vector<Expected> chain() {
    const std::string h1 = "4a9125630c7245f21b23d2cc116edef55fd048180894926f34c92439c97aefff";
    const std::string h2 = "ebaa9fc1b9c0ff1cbbfcd6eccb3d042df0abd99468021f762a7cde36337c5271";
    const std::string h3 = "2cb4b68d880894f2b58b2a23557366d406beab1f53460bcf39a98eb3565e38c9";
    const std::string h4 = "3270c464eba6689bbdb73e046c8333bec04d52e1b5b17fcc6fbe766056f39b2b";
    const std::string h5 = "b40b46278f6cbb4426ba410803ac012c0f022cbd7fc2f1870f31fe8ff9d46229";
    return {
        {entry(1, genesis_hash, supervision()),
         R"({"area":"bc-sygedagpenge","cases":10,"center":"bc","errors_sagsbehandling":2,)"
         R"("errors_statsrefusion":0,"kind":"supervision","leader":"ahl",)"
         R"("note":"Stikprøve på 10 sager","occurrence":"2027-M03","performed":"2027-03-12",)"
         R"("recorded_at":"2027-03-15T08:30:00Z","seq":1})",
         h1},
        {entry(2, h1, finding()),
         R"({"amount_dkk":"12500.50","axis":"statsrefusion","case_ref":"2027-004512",)"
         R"("category":"refusion","description":"For meget hjemtaget refusion","kind":"finding",)"
         R"("recorded_at":"2027-03-15T08:30:00Z","seq":2,"severity":"væsentlig","supervision":1})",
         h2},
        {entry(3, h2, action()),
         R"({"due":"2027-04-30","kind":"action","owner":"ahl",)"
         R"("recorded_at":"2027-03-15T08:30:00Z","seq":3,"supervision":1,)"
         R"("text":"Gennemgå refusionssager"})",
         h3},
        {entry(4, h3, decision()),
         R"({"area":"bc-sygedagpenge","by":"Chef","decided":"2027-03-20",)"
         R"("evidence":"fund #2 i tilsyn #1","from":"yellow","kind":"decision",)"
         R"("reason":"Væsentligt fund","recorded_at":"2027-03-15T08:30:00Z",)"
         R"("rule":"material-finding","seq":4,"to":"red","verdict":"accept"})",
         h4},
        {entry(5, h4, correction()),
         R"({"corrected":"2027-03-21","corrects":3,"kind":"correction",)"
         R"("reason":"Forkert tilsyn","recorded_at":"2027-03-15T08:30:00Z","seq":5})",
         h5},
    };
}

}  // namespace

TEST_CASE("sha256: known test vectors (FIPS 180-2)") {
    CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(sha256_hex(std::string(1'000'000, 'a')) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sha256: hashes the bytes given, embedded NULs included, as 64 lower-case hex digits") {
    const std::string with_nul("a\0b", 3);
    CHECK(sha256_hex(with_nul) != sha256_hex("a"));
    CHECK(sha256_hex(with_nul) != sha256_hex("ab"));
    for (const std::string& s : {std::string(), std::string("æøå"), with_nul}) {
        const std::string h = sha256_hex(s);
        CHECK(h.size() == 64);
        CHECK(h.find_first_not_of("0123456789abcdef") == std::string::npos);
    }
}

TEST_CASE("log entry: names of axes, severities, verdicts and kinds") {
    CHECK(axis_name(Axis::sagsbehandling) == "sagsbehandling");
    CHECK(axis_name(Axis::statsrefusion) == "statsrefusion");
    CHECK(parse_axis("sagsbehandling") == Axis::sagsbehandling);
    CHECK(parse_axis("statsrefusion") == Axis::statsrefusion);
    for (const char* text : {"", "Sagsbehandling", "refusion", "sagsbehandling ", "both"}) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(parse_axis(text).has_value());
    }

    CHECK(severity_name(Severity::vaesentlig) == "væsentlig");
    CHECK(severity_name(Severity::mindre) == "mindre");
    for (const char* text : {"væsentlig", "vaesentlig", "material"})
        CHECK(parse_severity(text) == Severity::vaesentlig);
    for (const char* text : {"mindre", "minor"}) CHECK(parse_severity(text) == Severity::mindre);
    for (const char* text : {"", "Væsentlig", "major", "væsentligt", "mindre ", "lille"}) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(parse_severity(text).has_value());
    }

    CHECK(verdict_name(Verdict::accept) == "accept");
    CHECK(verdict_name(Verdict::reject) == "reject");
    CHECK(verdict_name(Verdict::set) == "set");

    CHECK(kind_name(EntryBody(SupervisionEntry{})) == "supervision");
    CHECK(kind_name(EntryBody(FindingEntry{})) == "finding");
    CHECK(kind_name(EntryBody(ActionEntry{})) == "action");
    CHECK(kind_name(EntryBody(DecisionEntry{})) == "decision");
    CHECK(kind_name(EntryBody(CorrectionEntry{})) == "correction");

    CHECK(kind_danish(EntryBody(SupervisionEntry{})) == "tilsyn");
    CHECK(kind_danish(EntryBody(FindingEntry{})) == "fund");
    CHECK(kind_danish(EntryBody(ActionEntry{})) == "handling");
    CHECK(kind_danish(EntryBody(DecisionEntry{})) == "beslutning");
    CHECK(kind_danish(EntryBody(CorrectionEntry{})) == "rettelse");
}

TEST_CASE("log entry: the genesis hash is 64 zeros") {
    CHECK(genesis_hash == std::string(64, '0'));
}

TEST_CASE("log entry: the canonical form of each kind is exactly the documented JSON") {
    for (const Expected& x : chain()) {
        INFO("kind: " << kind_name(x.entry.body));
        CHECK(canonical_form(x.entry) == x.canonical);
    }
}

TEST_CASE("log entry: the example in docs/log.md") {
    CorrectionEntry c;
    c.corrects = 2;
    c.corrected = ymd(2027, 3, 10);
    c.reason = "Forkert område";
    LogEntry e = entry(6, genesis_hash, c);
    e.recorded_at = "2027-03-10T00:00:00Z";
    CHECK(canonical_form(e) ==
          R"({"corrected":"2027-03-10","corrects":2,"kind":"correction","reason":"Forkert område",)"
          R"("recorded_at":"2027-03-10T00:00:00Z","seq":6})");
}

TEST_CASE("log entry: compute_hash is SHA-256 of the prefix, the previous hash and the form") {
    for (const Expected& x : chain()) {
        INFO("kind: " << kind_name(x.entry.body));
        CHECK(compute_hash(x.entry) == x.hash);
        CHECK(compute_hash(x.entry) ==
              sha256_hex("tilsyn-log-1\n" + x.entry.prev_hash + "\n" + x.canonical));
    }
}

TEST_CASE("log entry: the stored hash is not part of what is hashed") {
    for (Expected x : chain()) {
        const std::string before = compute_hash(x.entry);
        x.entry.hash = "something else entirely";
        CHECK(compute_hash(x.entry) == before);
        CHECK(canonical_form(x.entry) == x.canonical);
    }
}

TEST_CASE("log entry: absent optional values are JSON null") {
    SupervisionEntry ad_hoc = supervision();
    ad_hoc.occurrence.reset();
    CHECK(canonical_form(entry(1, genesis_hash, ad_hoc)) ==
          R"({"area":"bc-sygedagpenge","cases":10,"center":"bc","errors_sagsbehandling":2,)"
          R"("errors_statsrefusion":0,"kind":"supervision","leader":"ahl",)"
          R"("note":"Stikprøve på 10 sager","occurrence":null,"performed":"2027-03-12",)"
          R"("recorded_at":"2027-03-15T08:30:00Z","seq":1})");

    FindingEntry no_amount = finding();
    no_amount.amount_ore.reset();
    no_amount.severity = Severity::mindre;
    no_amount.axis = Axis::sagsbehandling;
    CHECK(canonical_form(entry(2, genesis_hash, no_amount)) ==
          R"({"amount_dkk":null,"axis":"sagsbehandling","case_ref":"2027-004512",)"
          R"("category":"refusion","description":"For meget hjemtaget refusion","kind":"finding",)"
          R"("recorded_at":"2027-03-15T08:30:00Z","seq":2,"severity":"mindre","supervision":1})");
}

TEST_CASE("log entry: amounts are exact decimal text, negatives and small amounts included") {
    FindingEntry f = finding();
    const auto amount_in = [&](std::int64_t ore) {
        f.amount_ore = ore;
        const std::string form = canonical_form(entry(2, genesis_hash, f));
        const auto at = form.find("\"amount_dkk\":");
        REQUIRE(at == 1);
        return form.substr(at, form.find(',', at) - at);
    };
    CHECK(amount_in(0) == R"("amount_dkk":"0.00")");
    CHECK(amount_in(5) == R"("amount_dkk":"0.05")");
    CHECK(amount_in(-30'000) == R"("amount_dkk":"-300.00")");
    CHECK(amount_in(1'000'000'000'000'000) == R"("amount_dkk":"10000000000000.00")");
}

TEST_CASE("log entry: other verdicts and colours in a decision") {
    DecisionEntry d = decision();
    d.verdict = Verdict::reject;
    d.from = Colour::green;
    d.to = Colour::yellow;
    d.rule = "error-rate";
    d.evidence = "";
    CHECK(canonical_form(entry(7, genesis_hash, d)) ==
          R"({"area":"bc-sygedagpenge","by":"Chef","decided":"2027-03-20","evidence":"",)"
          R"("from":"green","kind":"decision","reason":"Væsentligt fund",)"
          R"("recorded_at":"2027-03-15T08:30:00Z","rule":"error-rate","seq":7,"to":"yellow",)"
          R"("verdict":"reject"})");
    d.verdict = Verdict::set;
    CHECK(canonical_form(entry(7, genesis_hash, d)).ends_with(R"("verdict":"set"})"));
}

TEST_CASE("log entry: quotes, backslashes and control characters are escaped, UTF-8 kept") {
    CorrectionEntry c = correction();
    c.reason = "Sagen \"A\"\\B\nC\tD\x01\x1f/æ€😀";
    CHECK(canonical_form(entry(5, genesis_hash, c)) ==
          R"({"corrected":"2027-03-21","corrects":3,"kind":"correction",)"
          R"("reason":"Sagen \"A\"\\B\nC\tD\u0001\u001f/æ€😀",)"
          R"("recorded_at":"2027-03-15T08:30:00Z","seq":5})");
}

TEST_CASE("log entry: invalid UTF-8 cannot be put into the canonical form") {
    CorrectionEntry c = correction();
    c.reason = "bad \xff byte";
    CHECK_THROWS(canonical_form(entry(5, genesis_hash, c)));
}

TEST_CASE("log entry: changing any field changes the canonical form and the hash") {
    using Mutation = std::function<void(LogEntry&)>;
    const auto check_all = [](const LogEntry& base,
                              const std::vector<std::pair<const char*, Mutation>>& mutations) {
        const std::string form = canonical_form(base);
        const std::string hash = compute_hash(base);
        for (const auto& mutation : mutations) {
            const char* name = mutation.first;
            const Mutation& mutate = mutation.second;
            INFO("kind " << kind_name(base.body) << ", field " << name);
            LogEntry changed = base;
            mutate(changed);
            if (std::string(name) != "prev_hash") CHECK(canonical_form(changed) != form);
            CHECK(compute_hash(changed) != hash);
        }
    };
    const std::vector<std::pair<const char*, Mutation>> common = {
        {"seq", [](LogEntry& e) { e.seq += 1; }},
        {"recorded_at", [](LogEntry& e) { e.recorded_at = "2027-03-15T08:30:01Z"; }},
        {"prev_hash", [](LogEntry& e) { e.prev_hash[63] = e.prev_hash[63] == '0' ? '1' : '0'; }},
    };
    const auto with = [&](std::vector<std::pair<const char*, Mutation>> own) {
        own.insert(own.end(), common.begin(), common.end());
        return own;
    };
    const auto sup = [](auto f) {
        return [f](LogEntry& e) { f(std::get<SupervisionEntry>(e.body)); };
    };
    const auto fin = [](auto f) { return [f](LogEntry& e) { f(std::get<FindingEntry>(e.body)); }; };
    const auto act = [](auto f) { return [f](LogEntry& e) { f(std::get<ActionEntry>(e.body)); }; };
    const auto dec = [](auto f) {
        return [f](LogEntry& e) { f(std::get<DecisionEntry>(e.body)); };
    };
    const auto cor = [](auto f) {
        return [f](LogEntry& e) { f(std::get<CorrectionEntry>(e.body)); };
    };

    const auto entries = chain();
    check_all(
        entries[0].entry,
        with({
            {"area", sup([](SupervisionEntry& s) { s.area = "bc-enkeltydelser"; })},
            {"center", sup([](SupervisionEntry& s) { s.center = "jc"; })},
            {"leader", sup([](SupervisionEntry& s) { s.leader = "bsn"; })},
            {"performed", sup([](SupervisionEntry& s) { s.performed = ymd(2027, 3, 13); })},
            {"occurrence", sup([](SupervisionEntry& s) { s.occurrence = "2027-M04"; })},
            {"occurrence absent", sup([](SupervisionEntry& s) { s.occurrence.reset(); })},
            {"occurrence empty", sup([](SupervisionEntry& s) { s.occurrence = ""; })},
            {"cases", sup([](SupervisionEntry& s) { s.cases = 11; })},
            {"errors_sagsbehandling",
             sup([](SupervisionEntry& s) { s.errors_sagsbehandling = 3; })},
            {"errors_statsrefusion", sup([](SupervisionEntry& s) { s.errors_statsrefusion = 1; })},
            {"note", sup([](SupervisionEntry& s) { s.note += "."; })},
        }));
    check_all(entries[1].entry,
              with({
                  {"supervision", fin([](FindingEntry& f) { f.supervision = 9; })},
                  {"case_ref", fin([](FindingEntry& f) { f.case_ref = "2027-004513"; })},
                  {"axis", fin([](FindingEntry& f) { f.axis = Axis::sagsbehandling; })},
                  {"category", fin([](FindingEntry& f) { f.category = "partshøring"; })},
                  {"severity", fin([](FindingEntry& f) { f.severity = Severity::mindre; })},
                  {"amount", fin([](FindingEntry& f) { f.amount_ore = 1'250'051; })},
                  {"amount negative", fin([](FindingEntry& f) { f.amount_ore = -1'250'050; })},
                  {"amount absent", fin([](FindingEntry& f) { f.amount_ore.reset(); })},
                  {"description", fin([](FindingEntry& f) { f.description = "For lidt"; })},
              }));
    check_all(entries[2].entry, with({
                                    {"supervision", act([](ActionEntry& a) { a.supervision = 2; })},
                                    {"text", act([](ActionEntry& a) { a.text = "Noget andet"; })},
                                    {"owner", act([](ActionEntry& a) { a.owner = "bsn"; })},
                                    {"due", act([](ActionEntry& a) { a.due = ymd(2027, 5, 1); })},
                                }));
    check_all(entries[3].entry,
              with({
                  {"area", dec([](DecisionEntry& d) { d.area = "bc-boligstoette"; })},
                  {"decided", dec([](DecisionEntry& d) { d.decided = ymd(2027, 3, 21); })},
                  {"verdict", dec([](DecisionEntry& d) { d.verdict = Verdict::reject; })},
                  {"verdict set", dec([](DecisionEntry& d) { d.verdict = Verdict::set; })},
                  {"from", dec([](DecisionEntry& d) { d.from = Colour::green; })},
                  {"to", dec([](DecisionEntry& d) { d.to = Colour::yellow; })},
                  {"rule", dec([](DecisionEntry& d) { d.rule = "manual"; })},
                  {"evidence", dec([](DecisionEntry& d) { d.evidence = ""; })},
                  {"reason", dec([](DecisionEntry& d) { d.reason = "x"; })},
                  {"by", dec([](DecisionEntry& d) { d.by = "Direktør"; })},
              }));
    check_all(entries[4].entry,
              with({
                  {"corrects", cor([](CorrectionEntry& c) { c.corrects = 4; })},
                  {"corrected", cor([](CorrectionEntry& c) { c.corrected = ymd(2027, 3, 22); })},
                  {"reason", cor([](CorrectionEntry& c) { c.reason = "Andet"; })},
              }));
}

TEST_CASE("log entry: the same fields under another kind hash differently") {
    // A finding and an action of the same supervision share only "supervision": the kind and
    // the other keys keep them apart.
    FindingEntry f;
    ActionEntry a;
    f.supervision = a.supervision = 1;
    a.due = ymd(2027, 4, 30);
    CHECK(compute_hash(entry(2, genesis_hash, f)) != compute_hash(entry(2, genesis_hash, a)));
}

TEST_CASE("log entry: the canonical form is what nlohmann::json writes for the same object") {
    // canonical_form writes its JSON directly, for speed; this is the independent reference:
    // the same object built as a JSON tree and dumped by nlohmann::json.
    auto reference = [](const LogEntry& e) {
        const auto& c = std::get<CorrectionEntry>(e.body);
        nlohmann::json j{
            {"seq", e.seq},           {"kind", "correction"},      {"recorded_at", e.recorded_at},
            {"corrects", c.corrects}, {"corrected", "2027-03-21"}, {"reason", c.reason}};
        return j.dump();
    };
    for (int byte = 1; byte < 0x80; ++byte) {
        CorrectionEntry c = correction();
        c.reason = std::string("a") + static_cast<char>(byte) + "ø";
        const LogEntry e = entry(7, genesis_hash, c);
        CAPTURE(byte);
        CHECK(canonical_form(e) == reference(e));
    }
    CorrectionEntry c = correction();
    c.reason = std::string("nul\0byte", 8);
    const LogEntry e = entry(7, genesis_hash, c);
    CHECK(canonical_form(e) == reference(e));
}

// The sample (docs/sampling.md) is a nested object under "sample", present only when the
// supervision has one; the expected form and hash below were computed with Python's json.dumps
// (sort_keys, compact separators, ensure_ascii=False) and hashlib.
TEST_CASE("log entry: a supervision's sample is a nested object with sorted keys, in draw order") {
    SupervisionEntry s = supervision();
    s.cases = 3;
    s.errors_sagsbehandling = 0;
    s.note = "Stikprøve på 3 sager";
    s.sample = SampleRecord{"bc-sygedagpenge/2027-M03",
                            "ba06cf332aad17d8c14d27c660f45319c52a8a92bae7baba4fa99e4f22ab7ff5",
                            40,
                            3,
                            {"2027-005844", "2027-005067", "2027-004734"}};
    LogEntry e = entry(1, genesis_hash, s);
    const std::string expected =
        R"({"area":"bc-sygedagpenge","cases":3,"center":"bc","errors_sagsbehandling":0,)"
        R"("errors_statsrefusion":0,"kind":"supervision","leader":"ahl","note":"Stikprøve på 3 sager",)"
        R"("occurrence":"2027-M03","performed":"2027-03-12","recorded_at":"2027-03-15T08:30:00Z",)"
        R"("sample":{"cases_sha256":"ba06cf332aad17d8c14d27c660f45319c52a8a92bae7baba4fa99e4f22ab7ff5",)"
        R"("population":40,"reviewed":["2027-005844","2027-005067","2027-004734"],)"
        R"("seed":"bc-sygedagpenge/2027-M03","size":3},"seq":1})";
    CHECK(canonical_form(e) == expected);
    CHECK(canonical_form(e) == nlohmann::json::parse(expected).dump());
    CHECK(compute_hash(e) == "f7bb9669f33fa1009d6f96d8b1460cf51e45bd85bf22d52f4088cee177bec972");

    SUBCASE("the order of the drawn cases is part of what is hashed") {
        std::swap(std::get<SupervisionEntry>(e.body).sample->reviewed[0],
                  std::get<SupervisionEntry>(e.body).sample->reviewed[1]);
        CHECK(compute_hash(e) !=
              "f7bb9669f33fa1009d6f96d8b1460cf51e45bd85bf22d52f4088cee177bec972");
    }
}

// Entries written before samples existed must keep their hashes: without a sample the form has
// no "sample" key at all (not a null), and is byte for byte the form pinned in chain() above.
TEST_CASE("log entry: a supervision without a sample hashes exactly as before samples existed") {
    const std::vector<Expected> all = chain();
    const Expected& first = all.front();
    REQUIRE_FALSE(std::get<SupervisionEntry>(first.entry.body).sample.has_value());
    CHECK(canonical_form(first.entry) == first.canonical);
    CHECK(canonical_form(first.entry).find("sample\"") == std::string::npos);
    CHECK(compute_hash(first.entry) ==
          "4a9125630c7245f21b23d2cc116edef55fd048180894926f34c92439c97aefff");
}
