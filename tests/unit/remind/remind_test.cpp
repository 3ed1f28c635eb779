// Unit tests for the reminders (src/remind/reminders.*), the log's fulfilment rule they rest on
// (Store::fulfilments) and the e-mail writer (src/remind/mail_message.*): what counts as due and
// overdue, what a supervision fulfils and a withdrawal reopens, and the RFC 5322 / RFC 2047 /
// mbox details.

#include <doctest/doctest.h>

#include "test_support.h"

#include "base/error.h"
#include "log/rerating.h"
#include "log/store.h"
#include "remind/mail_message.h"
#include "remind/reminders.h"
#include "rules/rules_loader.h"

#include <boost/date_time/posix_time/posix_time.hpp>

#include <filesystem>
#include <sstream>

namespace {

using namespace tilsyn;
using tilsyn::test::TempDir;
namespace fs = std::filesystem;

using tilsyn::test::ymd;

/// The golden tests' reminder rules (one center: a red, a yellow and a green area, assessed
/// 2026-10-01) and a log in a temporary directory.
struct Fixture {
    TempDir dir{"tilsyn-remind"};
    Rules rules =
        load_rules((fs::path(TILSYN_SOURCE_DIR) / "tests/golden/fixtures/remind").string());
    WorkCalendar calendar{rules.policy.closing_days};
    std::unique_ptr<Store> store =
        std::make_unique<Store>((dir.path / "t.db").string(), Store::Mode::create);

    std::int64_t record(const std::string& area, const std::string& occurrence, Date performed) {
        std::int64_t seq = 0;
        tilsyn::test::write(*store, "2027-01-01T00:00:00Z", [&](Store::Writer& w) {
            SupervisionEntry s;
            s.area = area;
            s.center = "bc";
            s.leader = area == "bc-sygedagpenge" ? "ahl" : "bsn";
            s.performed = performed;
            s.occurrence = occurrence;
            s.cases = 10;
            seq = w.append(s);
        });
        return seq;
    }
    void withdraw(std::int64_t seq) {
        tilsyn::test::write(*store, "t", [&](Store::Writer& w) {
            w.append(CorrectionEntry{seq, ymd(2027, 1, 19), "Forkert"});
        });
    }
    /// What `tilsyn remind` finds: the leveled plans of the query's years, with the log's
    /// decisions, against what the log fulfils.
    Reminders remind(const ReminderQuery& q) {
        const DecisionsByArea decisions = colour_decisions(*store);
        std::vector<Plan> plans;
        for (int year = q.since.year(); year <= q.horizon.year(); ++year)
            plans.push_back(test::plan_of(rules, calendar, year, {}, &decisions));
        return find_reminders(rules, plans, store->fulfilments(), q);
    }
};

ReminderQuery query(Date today, Date horizon, Date since = ymd(2027, 1, 1)) {
    ReminderQuery q;
    q.today = today;
    q.horizon = horizon;
    q.since = since;
    return q;
}

std::vector<std::string> codes(const std::vector<ReminderItem>& items) {
    std::vector<std::string> out;
    for (const auto& i : items) out.push_back(i.area + " " + i.occurrence);
    return out;
}

std::size_t count(const Reminders& r) {
    std::size_t n = 0;
    for (const auto& l : r.leaders) n += l.overdue.size() + l.due_soon.size();
    return n;
}

}  // namespace

TEST_CASE(
    "fulfilment: the first live supervision of an occurrence fulfils it; a withdrawal reopens it") {
    Fixture f;
    CHECK(f.store->fulfilments().empty());
    const auto first = f.record("bc-sygedagpenge", "2027-M01", ymd(2027, 1, 18));
    REQUIRE(f.store->fulfilment("bc-sygedagpenge", "2027-M01"));
    CHECK(f.store->fulfilment("bc-sygedagpenge", "2027-M01")->supervision == first);
    CHECK(f.store->fulfilment("bc-sygedagpenge", "2027-M01")->performed == ymd(2027, 1, 18));
    CHECK_FALSE(f.store->fulfilment("bc-sygedagpenge", "2027-M02"));
    // Recorded again around the tool: the first still counts, in both questions.
    const auto second = f.record("bc-sygedagpenge", "2027-M01", ymd(2027, 1, 25));
    CHECK(f.store->fulfilment("bc-sygedagpenge", "2027-M01")->supervision == first);
    CHECK(f.store->fulfilments().at({"bc-sygedagpenge", "2027-M01"}).supervision == first);
    f.withdraw(first);
    CHECK(f.store->fulfilment("bc-sygedagpenge", "2027-M01")->supervision == second);
    CHECK(f.store->fulfilments().at({"bc-sygedagpenge", "2027-M01"}).performed == ymd(2027, 1, 25));
    f.withdraw(second);
    CHECK_FALSE(f.store->fulfilment("bc-sygedagpenge", "2027-M01"));
    CHECK(f.store->fulfilments().empty());
}

TEST_CASE("reminders: periods before the area's first assessment are left out") {
    Fixture f;
    // Assessed 2026-10-01: October-December for the red area and Q4 for the yellow; the green
    // area's H2 began before the assessment, so its first period is H1 2027.
    CHECK(count(f.remind(query(ymd(2026, 1, 5), ymd(2026, 12, 31), ymd(2026, 1, 1)))) == 3 + 1);
}

TEST_CASE(
    "reminders: a decision changes the plan they come from, a supervision only what is open") {
    Fixture f;
    const ReminderQuery year = query(ymd(2027, 1, 4), ymd(2027, 12, 31));
    CHECK(count(f.remind(year)) == 12 + 4 + 2);
    f.record("bc-sygedagpenge", "2027-M01", ymd(2027, 1, 18));
    CHECK(count(f.remind(year)) == 11 + 4 + 2);
    tilsyn::test::write(*f.store, "t", [](Store::Writer& w) {
        DecisionEntry d;
        d.area = "bc-enkeltydelser";
        d.decided = ymd(2027, 4, 1);
        d.verdict = Verdict::set;
        d.from = Colour::yellow;
        d.to = Colour::red;
        d.rule = "manual";
        d.reason = "Mange klager";
        d.by = "chef";
        w.append(d);
    });
    // Q1 yellow, then monthly from April: 1 + 9 for enkeltydelser.
    CHECK(count(f.remind(year)) == 11 + 10 + 2);
}

TEST_CASE("reminders: overdue before today, due soon up to the horizon, done ones never") {
    Fixture f;
    f.record("bc-sygedagpenge", "2027-M01", ymd(2027, 1, 18));
    // 2027-03-31 is the last working day of March and of Q1.
    const Reminders r = f.remind(query(ymd(2027, 3, 25), ymd(2027, 3, 31)));
    REQUIRE(r.leaders.size() == 2);
    CHECK(r.any_overdue());
    CHECK(r.leaders[0].leader == "ahl");
    CHECK(codes(r.leaders[0].overdue) == std::vector<std::string>{"bc-sygedagpenge 2027-M02"});
    CHECK(codes(r.leaders[0].due_soon) == std::vector<std::string>{"bc-sygedagpenge 2027-M03"});
    CHECK(r.leaders[1].leader == "bsn");
    CHECK(r.leaders[1].overdue.empty());
    CHECK(codes(r.leaders[1].due_soon) == std::vector<std::string>{"bc-enkeltydelser 2027-Q1"});

    // Due today is not overdue yet; the day after it is.
    const Reminders due_today = f.remind(query(ymd(2027, 2, 26), ymd(2027, 2, 26)));
    CHECK_FALSE(due_today.any_overdue());
    const Reminders day_after = f.remind(query(ymd(2027, 2, 27), ymd(2027, 2, 27)));
    CHECK(day_after.any_overdue());

    // Nothing before `since`.
    const Reminders since_march =
        f.remind(query(ymd(2027, 3, 25), ymd(2027, 3, 31), ymd(2027, 3, 1)));
    CHECK(since_march.leaders[0].overdue.empty());
}

TEST_CASE("reminders: --leader by id, name or e-mail; an unknown one names the known") {
    Fixture f;
    for (const char* key : {"bsn", "Bo Søndergaard", "bsn@test.example"}) {
        ReminderQuery q = query(ymd(2027, 3, 25), ymd(2027, 3, 31));
        q.leader = key;
        const Reminders r = f.remind(q);
        REQUIRE(r.leaders.size() == 1);
        CHECK(r.leaders[0].leader == "bsn");
    }
    ReminderQuery q = query(ymd(2027, 3, 25), ymd(2027, 3, 31));
    q.leader = "xyz";
    CHECK_THROWS_WITH_AS(
        f.remind(q),
        "--leader: no leader \"xyz\"; known leaders: ahl (Anne Holm), bsn (Bo Søndergaard)",
        InputError);
}

TEST_CASE("mail: RFC 2047 encoded words for non-ASCII, split on character boundaries") {
    CHECK(encode_header_text("Ledelsestilsyn: 2 forfaldne") == "Ledelsestilsyn: 2 forfaldne");
    CHECK(encode_header_text("Bo Søndergaard") == "=?UTF-8?B?Qm8gU8O4bmRlcmdhYXJk?=");
    // 30 x "æ" is 60 bytes: two words, the first holding 22 characters (44 bytes), not 45.
    std::string long_text;
    for (int i = 0; i < 30; ++i) long_text += "æ";
    const std::string encoded = encode_header_text(long_text);
    const auto fold = encoded.find("\n ");
    REQUIRE(fold != std::string::npos);
    CHECK(encoded.find("\n ", fold + 1) == std::string::npos);
    CHECK(encoded.substr(0, fold).size() <= 75);
    CHECK(encoded.substr(fold + 2).size() <= 75);
}

TEST_CASE("mail: mailboxes quote specials and encode non-ASCII names") {
    CHECK(mailbox("Anne Holm", "ahl@test.example") == "Anne Holm <ahl@test.example>");
    CHECK(mailbox("Holm, Anne", "ahl@test.example") == "\"Holm, Anne\" <ahl@test.example>");
    CHECK(mailbox("A \"B\" C", "x@y.dk") == "\"A \\\"B\\\" C\" <x@y.dk>");
    CHECK(mailbox("", "x@y.dk") == "<x@y.dk>");
    CHECK(mailbox("Søren", "x@y.dk") == "=?UTF-8?B?U8O4cmVu?= <x@y.dk>");
}

TEST_CASE("mail: the message has MIME headers, an RFC 5322 date, and mbox quotes From lines") {
    MailMessage m;
    m.from_name = "Ledelsestilsyn";
    m.from_address = "tilsyn@test.example";
    m.to_name = "Anne Holm";
    m.to_address = "ahl@test.example";
    m.subject = "Påmindelse";
    m.message_id = "remind-1@test.example";
    m.date = boost::posix_time::ptime(ymd(2027, 3, 5),
                                      boost::posix_time::hours(7) + boost::posix_time::minutes(5));
    m.body = "From the start\n>From quoted\nplain\n";
    const std::string text = render_message(m);
    CHECK(text.find("Date: Fri, 5 Mar 2027 07:05:00 +0000\n") != std::string::npos);
    CHECK(text.find("Subject: =?UTF-8?B?UMOlbWluZGVsc2U=?=\n") != std::string::npos);
    CHECK(text.find("Content-Type: text/plain; charset=UTF-8\n") != std::string::npos);
    CHECK(text.find("MIME-Version: 1.0\n") != std::string::npos);
    CHECK(text.find("\n\nFrom the start\n") != std::string::npos);  // sendmail gets it as is

    std::ostringstream mbox;
    write_mbox_entry(mbox, m);
    const std::string s = mbox.str();
    CHECK(s.starts_with("From tilsyn@test.example Fri Mar  5 07:05:00 2027\n"));
    CHECK(s.find("\n>From the start\n>>From quoted\nplain\n\n") != std::string::npos);
}
