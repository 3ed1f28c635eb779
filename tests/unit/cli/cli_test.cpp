// Unit tests for src/cli/cli.{h,cpp}: run_cli in-process with string streams, a fake environment
// and a fixed clock (--version, unknown commands, exit statuses, SOURCE_DATE_EPOCH vs --today), and
// copenhagen_date across summer time and New Year.

#include <doctest/doctest.h>

#include "base/error.h"
#include "cli/cli.h"
#include "test_support.h"

#include <boost/date_time/posix_time/posix_time.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
namespace pt = boost::posix_time;
using tilsyn::Date;

using tilsyn::test::ymd;

pt::ptime utc(int y, int m, int d, int hh, int mm, int ss = 0) {
    return pt::ptime(ymd(y, m, d), pt::hours(hh) + pt::minutes(mm) + pt::seconds(ss));
}

// The fixed "now" every test passes as the clock: 2030-05-06 07:08:09 UTC.
const pt::ptime fixed_clock = utc(2030, 5, 6, 7, 8, 9);

struct Result {
    int status = -1;
    std::string out;
    std::string err;
};

// A fake environment: only the given variables exist; every name asked for is recorded.
struct FakeEnv {
    std::map<std::string, std::string> vars;
    std::vector<std::string> asked;
    tilsyn::GetEnv getenv() {
        return [this](const std::string& name) -> std::optional<std::string> {
            asked.push_back(name);
            auto it = vars.find(name);
            if (it == vars.end()) return std::nullopt;
            return it->second;
        };
    }
};

Result run(const std::vector<std::string>& args, FakeEnv& env, pt::ptime clock = fixed_clock) {
    std::istringstream in;
    std::ostringstream out, err;
    Result r;
    r.status = tilsyn::run_cli(args, in, out, err, env.getenv(), [clock] { return clock; });
    r.out = out.str();
    r.err = err.str();
    return r;
}

Result run(const std::vector<std::string>& args) {
    FakeEnv env;
    return run(args, env);
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// The DTSTAMP values of an .ics text.
std::vector<std::string> dtstamps(const std::string& ics) {
    std::vector<std::string> out;
    std::size_t pos = 0;
    while ((pos = ics.find("\r\nDTSTAMP:", pos)) != std::string::npos) {
        pos += 10;
        out.push_back(ics.substr(pos, ics.find("\r\n", pos) - pos));
    }
    return out;
}

// A rules directory with a policy and one register, removed at the end of the test.
struct RulesDir {
    fs::path path;
    RulesDir() {
        std::string pattern = (fs::temp_directory_path() / "tilsyn-cli-test-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
        std::ofstream(path / "policy.toml") << "[closing_days]\n"
                                               "\"12-24\" = \"Juleaftensdag\"\n"
                                               "\"12-31\" = \"Nytårsaftensdag\"\n"
                                               "[ics]\n"
                                               "uid_domain = \"tilsyn.test.example\"\n";
        std::ofstream(path / "center.toml")
            << "id = \"c\"\n"
               "name = \"Center C\"\n"
               "[[leaders]]\n"
               "id = \"l\"\n"
               "name = \"Leder L\"\n"
               "email = \"l@lejre.example\"\n"
               "[[areas]]\n"
               "id = \"c-one\"\n"
               "name = \"Område\"\n"
               "kind = \"målgruppe\"\n"
               "leader = \"l\"\n"
               "focus = \"Alt\"\n"
               "  [[areas.assessments]]\n"
               "  date = 2026-10-15\n"
               "  sagsbehandling = { likelihood = 5, consequence = 5 }\n"
               "  statsrefusion = { likelihood = 1, consequence = 1 }\n"
               "  reason = \"Rød\"\n"
               "  [[areas.assessments]]\n"
               "  date = 2027-04-01\n"
               "  sagsbehandling = { likelihood = 1, consequence = 1 }\n"
               "  statsrefusion = { likelihood = 2, consequence = 3 }\n"
               "  reason = \"Gul\"\n";
    }
    ~RulesDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    RulesDir(const RulesDir&) = delete;
    RulesDir& operator=(const RulesDir&) = delete;
    std::string str() const { return path.string(); }
};

}  // namespace

TEST_CASE("cli: --version prints the version on stdout and exits 0") {
    const Result r = run({"--version"});
    CHECK(r.status == 0);
    CHECK(r.out == "tilsyn " TILSYN_VERSION "\n");
    CHECK(r.err.empty());
}

TEST_CASE("cli: no command prints the usage on stderr and exits 2") {
    const Result r = run({});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "usage: tilsyn"));
}

TEST_CASE("cli: help lists every command and exits 0") {
    for (const auto& args :
         {std::vector<std::string>{"help"}, std::vector<std::string>{"--help"}}) {
        const Result r = run(args);
        CHECK(r.status == 0);
        CHECK(r.err.empty());
        CHECK(contains(r.out, "plan"));
        CHECK(contains(r.out, "calendar"));
        CHECK(contains(r.out, "validate"));
    }
    const Result r = run({"help", "plan"});
    CHECK(r.status == 0);
    CHECK(contains(r.out, "usage: tilsyn plan"));
    CHECK(contains(r.out, "--year"));
}

TEST_CASE("cli: an unknown command suggests the closest one and exits 2") {
    struct Case {
        const char* typed;
        const char* suggested;
    };
    for (const Case c :
         {Case{"paln", "plan"}, Case{"plna", "plan"}, Case{"plans", "plan"},
          Case{"valdate", "validate"}, Case{"calender", "calendar"}, Case{"cal", "calendar"}}) {
        INFO("typed: " << c.typed);
        const Result r = run({c.typed});
        CHECK(r.status == 2);
        CHECK(r.out.empty());
        INFO("stderr: " << r.err);
        CHECK(r.err.rfind("tilsyn: error: ", 0) == 0);
        CHECK(contains(r.err, std::string("unknown command '") + c.typed + "'"));
        CHECK(contains(r.err, std::string("did you mean '") + c.suggested + "'?"));
    }
    const Result far = run({"xyzzy"});
    CHECK(far.status == 2);
    INFO("stderr: " << far.err);
    CHECK(contains(far.err, "unknown command 'xyzzy'"));
    CHECK_FALSE(contains(far.err, "did you mean"));
    CHECK(contains(far.err, "tilsyn help"));
    // Also for `help <command>`.
    const Result help = run({"help", "paln"});
    CHECK(help.status == 2);
    CHECK(contains(help.err, "did you mean 'plan'?"));
}

TEST_CASE("cli: usage errors exit 2 with a message on stderr") {
    RulesDir rules;
    const std::vector<std::vector<std::string>> cases{
        {"plan"},                                       // --year is required
        {"plan", "--year", "27"},                       // not a year
        {"plan", "--year", "2201"},                     // out of range
        {"plan", "--year", "2027", "--bogus"},          // unknown option
        {"plan", "--year", "2027", "--format", "pdf"},  // unknown format
        {"plan", "--year", "2027", "--format", "json", "--dialect", "excel-da"},
        {"--today", "2027-02-29", "plan", "--year", "2027"},  // impossible date
        {"plan", "--year", "2027", "--today", "2027-1-1"},
        {"calendar"},
        {"plan", "--year", "2027", "--center", "nowhere"},  // filter matches nothing
        {"plan", "--year", "2027", "--leader", "nobody"},
        {"--rules", "/nonexistent/tilsyn-rules", "plan", "--year", "2027"},
    };
    for (auto args : cases) {
        if (args.front() != "--rules") {
            args.push_back("--rules");
            args.push_back(rules.str());
        }
        std::string joined;
        for (const auto& a : args) joined += a + " ";
        INFO("args: " << joined);
        const Result r = run(args);
        INFO("stderr: " << r.err);
        CHECK(r.status == 2);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("tilsyn: error: ", 0) == 0);
    }
}

TEST_CASE("cli: a stray positional argument is a usage error, not silently ignored") {
    // No command takes positional arguments (see the usage lines in command_table.cpp). A stray
    // one is a mistake the user must hear about: `tilsyn validate other-rules` must not report
    // "rules: ok" for the default directory while the directory the user named is never read.
    RulesDir rules;
    const std::vector<std::vector<std::string>> cases{
        {"validate", "/nonexistent/other-rules", "--rules", rules.str()},
        {"plan", "--year", "2027", "stray", "--rules", rules.str()},
        {"plan", "stray", "--year", "2027", "--rules", rules.str()},
        {"calendar", "--year", "2027", "2028", "--rules", rules.str()},
    };
    for (const auto& args : cases) {
        std::string joined;
        for (const auto& a : args) joined += a + " ";
        INFO("args: " << joined);
        const Result r = run(args);
        INFO("stdout (start): " << r.out.substr(0, 60));
        INFO("stderr: " << r.err);
        CHECK(r.status == 2);
        CHECK(r.out.empty());
        CHECK(r.err.rfind("tilsyn: error: ", 0) == 0);
    }
}

TEST_CASE("cli: an impossible --today says why") {
    const Result r = run({"--today", "2027-02-29", "calendar", "--year", "2027"});
    CHECK(r.status == 2);
    INFO("stderr: " << r.err);
    CHECK(contains(r.err, "--today"));
    CHECK(contains(r.err, "2027-02-29"));
    CHECK(contains(r.err, "28 days"));
}

TEST_CASE("cli: an output path in a missing directory exits 2 and writes nothing") {
    RulesDir rules;
    const std::string target = (rules.path / "missing" / "plan.ics").string();
    const Result r =
        run({"plan", "--year", "2027", "--format", "ics", "-o", target, "--rules", rules.str()});
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(contains(r.err, "-o"));
    CHECK_FALSE(fs::exists(target));
}

TEST_CASE("cli: plan writes to stdout, or atomically to -o") {
    RulesDir rules;
    const Result r = run({"plan", "--year", "2027", "--format", "csv", "--rules", rules.str()});
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    CHECK(contains(r.out, "c-one"));
    const fs::path target = rules.path / "plan.csv";
    const Result f = run({"plan", "--year", "2027", "--format", "csv", "-o", target.string(),
                          "--rules", rules.str()});
    CHECK(f.status == 0);
    CHECK(f.out.empty());
    std::ifstream in(target, std::ios::binary);
    std::stringstream written;
    written << in.rdbuf();
    CHECK(written.str() == r.out);
}

TEST_CASE("cli: the ics DTSTAMP comes from --today, else SOURCE_DATE_EPOCH, else the clock") {
    RulesDir rules;
    const std::vector<std::string> plan{"plan", "--year",  "2027",     "--format",
                                        "ics",  "--rules", rules.str()};

    SUBCASE("the injected clock") {
        FakeEnv env;
        const Result r = run(plan, env);
        REQUIRE(r.status == 0);
        const auto stamps = dtstamps(r.out);
        // 3 monthly + 3 quarterly occurrences, and the 9 monthly ones the yellow assessment of
        // 1 April cancelled
        CHECK(stamps.size() == 15);
        for (const auto& s : stamps) CHECK(s == "20300506T070809Z");
        CHECK(std::find(env.asked.begin(), env.asked.end(), "SOURCE_DATE_EPOCH") !=
              env.asked.end());
    }
    SUBCASE("SOURCE_DATE_EPOCH from the fake environment") {
        FakeEnv env;
        env.vars["SOURCE_DATE_EPOCH"] = "1798765323";  // 2027-01-01T01:02:03Z
        const Result r = run(plan, env);
        REQUIRE(r.status == 0);
        const auto stamps = dtstamps(r.out);
        REQUIRE_FALSE(stamps.empty());
        for (const auto& s : stamps) CHECK(s == "20270101T010203Z");
    }
    SUBCASE("--today wins over SOURCE_DATE_EPOCH, wherever it is written") {
        FakeEnv env;
        env.vars["SOURCE_DATE_EPOCH"] = "1798765323";
        auto after = plan;
        after.insert(after.end(), {"--today", "2027-03-15"});
        std::vector<std::string> before{"--today", "2027-03-15"};
        before.insert(before.end(), plan.begin(), plan.end());
        for (const auto& args : {after, before}) {
            const Result r = run(args, env);
            REQUIRE(r.status == 0);
            const auto stamps = dtstamps(r.out);
            REQUIRE_FALSE(stamps.empty());
            for (const auto& s : stamps) CHECK(s == "20270315T000000Z");
        }
    }
    SUBCASE("a malformed SOURCE_DATE_EPOCH is a usage error") {
        for (const char* bad : {"abc", "-5", "12abc", "1.5", "1e9"}) {
            FakeEnv env;
            env.vars["SOURCE_DATE_EPOCH"] = bad;
            INFO("SOURCE_DATE_EPOCH='" << bad << "'");
            const Result r = run(plan, env);
            CHECK(r.status == 2);
            CHECK(r.out.empty());
            CHECK(contains(r.err, "SOURCE_DATE_EPOCH"));
        }
    }
    SUBCASE("the output is identical for identical inputs") {
        FakeEnv env;
        env.vars["SOURCE_DATE_EPOCH"] = "1798765323";
        const Result a = run(plan, env);
        const Result b = run(plan, env, utc(2031, 1, 1, 0, 0));  // another wall clock
        CHECK(a.status == 0);
        CHECK(a.out == b.out);
    }
}

TEST_CASE("cli: today is the Copenhagen date of SOURCE_DATE_EPOCH or the clock") {
    RulesDir rules;
    const std::vector<std::string> validate{"validate", "--rules", rules.str()};
    SUBCASE("clock late on New Year's Eve UTC is already 1 January in Copenhagen") {
        FakeEnv env;
        const Result r = run(validate, env, utc(2026, 12, 31, 23, 30));
        CHECK(r.status == 0);
        CHECK(contains(r.out, "on 2027-01-01"));
        CHECK(contains(r.out, "1 red"));
    }
    SUBCASE("SOURCE_DATE_EPOCH on the last summer evening of June is 1 July in Copenhagen") {
        FakeEnv env;
        env.vars["SOURCE_DATE_EPOCH"] = "1814394600";  // 2027-06-30T22:30:00Z
        const Result r = run(validate, env);
        CHECK(r.status == 0);
        CHECK(contains(r.out, "on 2027-07-01"));
        CHECK(contains(r.out, "1 yellow"));
    }
    SUBCASE("--today wins") {
        FakeEnv env;
        env.vars["SOURCE_DATE_EPOCH"] = "1814394600";
        auto args = validate;
        args.insert(args.end(), {"--today", "2027-03-31"});
        const Result r = run(args, env);
        CHECK(r.status == 0);
        CHECK(contains(r.out, "on 2027-03-31"));
        CHECK(contains(r.out, "1 red"));
    }
}

TEST_CASE("cli: calendar counts 253 working days in 2027 with the default closing days") {
    RulesDir rules;
    const Result r = run({"calendar", "--year", "2027", "--rules", rules.str()});
    CHECK(r.status == 0);
    CHECK(r.err.empty());
    INFO("stdout:\n" << r.out);
    CHECK(contains(r.out, "253 arbejdsdage i 2027"));
    CHECK(contains(r.out, "2027-12-24"));
    CHECK(contains(r.out, "Juleaftensdag"));
}

TEST_CASE("cli: the reading commands create no file when nothing has been recorded yet") {
    // The default log is tilsyn.db in the rules directory; a reading command must not make it.
    tilsyn::test::TempDir tmp;
    fs::copy(std::string(TILSYN_SOURCE_DIR) + "/tests/golden/fixtures/remind", tmp.path / "rules");
    const std::string rules = (tmp.path / "rules").string();
    auto files = [&] {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(tmp.path / "rules"))
            names.push_back(e.path().filename().string());
        std::sort(names.begin(), names.end());
        return names;
    };
    const std::vector<std::string> before = files();
    // Overdue supervisions since the first assessment: remind reminds of them (exit 1).
    const Result remind = run({"--rules", rules, "--today", "2027-03-10", "remind"});
    CHECK(remind.status == 1);
    CHECK(contains(remind.out, "forfaldne"));
    CHECK(run({"--rules", rules, "--today", "2027-03-10", "remind", "--format", "json"}).status ==
          1);
    CHECK(run({"--rules", rules, "--today", "2027-03-10", "plan", "--year", "2027"}).status == 0);
    CHECK(run({"--rules", rules, "--today", "2027-03-10", "report", "--year", "2027"}).status == 0);
    CHECK(run({"--rules", rules, "--today", "2027-03-10", "rerate"}).status == 0);
    CHECK(files() == before);
    // The cron job of a fresh install names the log to come: the same answers, nothing created.
    fs::create_directory(tmp.path / "var");
    const std::string db = (tmp.path / "var" / "tilsyn.db").string();
    CHECK(run({"--rules", rules, "--db", db, "--today", "2027-03-10", "remind"}).status == 1);
    CHECK(run({"--rules", rules, "--db", db, "--today", "2027-03-10", "history", "bc-sygedagpenge"})
              .status == 0);
    CHECK(run({"--rules", rules, "--db", db, "--today", "2027-03-10", "report", "--year", "2027"})
              .status == 0);
    CHECK(fs::is_empty(tmp.path / "var"));
    CHECK(files() == before);
}
