// Unit tests for src/rules/access.{h,cpp}: a valid access.toml, every problem it can have with
// its file:line:col, no file meaning no users, and finding users by login and by single sign-on.

#include <doctest/doctest.h>

#include "base/error.h"
#include "rules/access.h"
#include "rules/diagnostics.h"
#include "rules/rules_loader.h"
#include "test_support.h"

#include <string>
#include <vector>

using tilsyn::Access;
using tilsyn::Role;
using tilsyn::test::TempDir;

namespace {

// Two centers as the registers give them: "jc" with leader akb, "yd" with leader pvj.
tilsyn::Rules two_centers() {
    tilsyn::Rules rules;
    tilsyn::Center jc;
    jc.id = "jc";
    jc.leaders.push_back({"akb", "Anne Krogh Bech", "akb@lejre.example", std::nullopt});
    tilsyn::Center yd;
    yd.id = "yd";
    yd.leaders.push_back({"pvj", "Peter Vinther Jensen", "PVJ@Lejre.example", std::nullopt});
    rules.centers = {jc, yd};
    return rules;
}

struct Read {
    Access access;
    tilsyn::Diagnostics diags;
};

Read read(const std::string& text) {
    Read r;
    r.access = tilsyn::read_access("access.toml", text, two_centers(), r.diags);
    return r;
}

// Every problem as "line:col: message", in the order found.
std::vector<std::string> problems(const tilsyn::Diagnostics& diags) {
    std::vector<std::string> out;
    for (const auto& d : diags.items()) {
        CHECK(d.place.file == "access.toml");
        out.push_back(std::to_string(d.place.line) + ":" + std::to_string(d.place.column) + ": " +
                      d.message);
    }
    return out;
}

// The one problem `text` has.
std::string problem(const std::string& text) {
    const Read r = read(text);
    const auto all = problems(r.diags);
    REQUIRE(all.size() == 1);
    return all.front();
}

const std::string valid = R"([login]
sso_header = "X-Remote-User"
trusted_proxies = ["10.0.0.5", "0:0:0:0:0:0:0:1"]
idle_minutes = 20
absolute_hours = 8
calendar_refresh_hours = 12

[[user]]
login = "akb"
name = "Anne Krogh Bech"
email = "AKB@lejre.example"
role = "leder"

[[user]]
login = "mhc"
name = "Mette Holm Christensen"
role = "centerchef"
centers = ["jc", "yd"]

[[user]]
login = "revisor"
name = "Social revision"
role = "revisor"

[[user]]
login = "kdo@lejre.example"
name = "Kim Dahl Olsen"
email = "kdo@lejre.example"
role = "admin"
)";

// A user of `role` with the given extra lines, after four lines of [[user]], login and name.
std::string user(const std::string& role, const std::string& extra = "") {
    return "[[user]]\nlogin = \"u\"\nname = \"U\"\nrole = \"" + role + "\"\n" + extra;
}

}  // namespace

TEST_CASE("access: role_name spells each role as access.toml does") {
    CHECK(tilsyn::role_name(Role::leder) == "leder");
    CHECK(tilsyn::role_name(Role::centerchef) == "centerchef");
    CHECK(tilsyn::role_name(Role::revisor) == "revisor");
    CHECK(tilsyn::role_name(Role::admin) == "admin");
}

TEST_CASE("access: a valid file gives its login settings and its users in file order") {
    const Read r = read(valid);
    CHECK(problems(r.diags).empty());
    const Access& a = r.access;
    CHECK(a.source == "access.toml");
    REQUIRE(a.login.sso_header);
    CHECK(*a.login.sso_header == "X-Remote-User");
    // Addresses are kept as inet_ntop writes them, for the server to compare with the peer's.
    CHECK(a.login.trusted_proxies == std::vector<std::string>{"10.0.0.5", "::1"});
    CHECK(a.login.idle_minutes == 20);
    CHECK(a.login.absolute_hours == 8);
    CHECK(a.login.calendar_refresh_hours == 12);
    REQUIRE(a.users.size() == 4);
    CHECK(a.users[0].login == "akb");
    CHECK(a.users[0].name == "Anne Krogh Bech");
    CHECK(a.users[0].email == "AKB@lejre.example");
    CHECK(a.users[0].role == Role::leder);
    CHECK(a.users[0].centers.empty());
    CHECK(a.users[0].place.file == "access.toml");
    CHECK(a.users[0].place.line == 8);
    CHECK(a.users[0].place.column == 1);
    CHECK(a.users[1].role == Role::centerchef);
    CHECK(a.users[1].centers == std::vector<std::string>{"jc", "yd"});
    CHECK(a.users[1].email.empty());
    CHECK(a.users[1].place.line == 14);
    CHECK(a.users[2].role == Role::revisor);
    CHECK(a.users[3].role == Role::admin);
}

TEST_CASE("access: without [login] the defaults hold and there is no single sign-on") {
    const Read r = read(user("revisor"));
    CHECK(problems(r.diags).empty());
    CHECK_FALSE(r.access.login.sso_header);
    CHECK(r.access.login.trusted_proxies.empty());
    CHECK(r.access.login.idle_minutes == 30);
    CHECK(r.access.login.absolute_hours == 10);
    CHECK(r.access.login.calendar_refresh_hours == 4);
    CHECK(r.access.users.size() == 1);
}

TEST_CASE("access: an empty file has no users") {
    const Read r = read("");
    CHECK(problems(r.diags).empty());
    CHECK(r.access.users.empty());
}

TEST_CASE("access: a leder's e-mail is matched to the registers' leaders without regard to case") {
    CHECK(problems(read(user("leder", "email = \"pvj@LEJRE.example\"\n")).diags).empty());
    CHECK(problem(user("leder", "email = \"pvj@odsherred.example\"\n")) ==
          "5:9: no register has a leader with the e-mail \"pvj@odsherred.example\": a leder's "
          "areas are those of the leader with their e-mail");
    CHECK(problem(user("leder")) ==
          "1:1: a leder needs an 'email': it is how their areas are found in the registers");
    CHECK(problem(user("leder", "email = \"akb at lejre\"\n")) ==
          "5:9: \"akb at lejre\" is not an e-mail address");
    // Only a leder's e-mail has to be a leader's.
    CHECK(problems(read(user("admin", "email = \"it@lejre.example\"\n")).diags).empty());
}

TEST_CASE("access: a centerchef names existing centers, and only a centerchef names any") {
    CHECK(problem(user("centerchef")) ==
          "1:1: a centerchef needs 'centers': the ids of the centers they head, e.g. centers = "
          "[\"ydelsen\"]");
    CHECK(problem(user("centerchef", "centers = []\n")) ==
          "5:11: a centerchef's 'centers' must name at least one center");
    CHECK(problem(user("centerchef", "centers = [\"jc\", \"bc\"]\n")) ==
          "5:18: unknown center \"bc\"; the registers' centers are: jc, yd");
    CHECK(problem(user("centerchef", "centers = [\"jc\", \"jc\"]\n")) ==
          "5:18: center \"jc\" is listed twice");
    CHECK(problem(user("centerchef", "centers = [\"jc\", 7]\n")) ==
          "5:18: each of 'centers' must be a string, not an integer");
    CHECK(problem(user("centerchef", "centers = \"jc\"\n")) ==
          "5:11: 'centers' must be an array, not a string");
    CHECK(problem(user("revisor", "centers = [\"jc\"]\n")) ==
          "5:11: 'centers' is for a centerchef only; this user's role is revisor");
    CHECK(problem(user("leder", "email = \"akb@lejre.example\"\ncenters = [\"jc\"]\n")) ==
          "6:11: 'centers' is for a centerchef only; this user's role is leder");
    CHECK(problem(user("admin", "centers = [\"jc\"]\n")) ==
          "5:11: 'centers' is for a centerchef only; this user's role is admin");
    // A user with a problem is left out.
    CHECK(read(user("centerchef", "centers = [\"bc\"]\n")).access.users.empty());
}

TEST_CASE("access: each key of a [[user]] is checked with its place") {
    CHECK(problem(user("chef")) ==
          "4:8: unknown role \"chef\"; expected leder, centerchef, revisor or admin");
    CHECK(problem("[[user]]\nlogin = \"Anne\"\nname = \"A\"\nrole = \"revisor\"\n") ==
          "2:9: login \"Anne\" may hold only a-z, 0-9, '.', '_', '@' and '-' (lower case)");
    CHECK(problem("[[user]]\nlogin = \"a b\"\nname = \"A\"\nrole = \"revisor\"\n") ==
          "2:9: login \"a b\" may hold only a-z, 0-9, '.', '_', '@' and '-' (lower case)");
    CHECK(problem("[[user]]\nlogin = \"\"\nname = \"A\"\nrole = \"revisor\"\n") ==
          "2:9: a login must be 1 to 64 characters long, not 0");
    CHECK(problem("[[user]]\nlogin = \"" + std::string(65, 'a') +
                  "\"\nname = \"A\"\nrole = \"revisor\"\n") ==
          "2:9: a login must be 1 to 64 characters long, not 65");
    CHECK(problems(read("[[user]]\nlogin = \"" + std::string(64, 'a') +
                        "\"\nname = \"A\"\nrole = \"revisor\"\n")
                       .diags)
              .empty());
    CHECK(problem("[[user]]\nlogin = \"a\"\nname = \" \"\nrole = \"revisor\"\n") ==
          "3:8: 'name' must not be empty");
    CHECK(problem("[[user]]\nlogin = \"a\"\nname = \"" + std::string(201, 'x') +
                  "\"\nrole = \"revisor\"\n") ==
          "3:8: 'name' is 201 characters long; at most 200 are accepted");
    CHECK(problem("[[user]]\nname = \"A\"\nrole = \"revisor\"\n") ==
          "1:1: a [[user]] is missing the required key 'login'");
    CHECK(problem("[[user]]\nlogin = \"a\"\nrole = \"revisor\"\n") ==
          "1:1: a [[user]] is missing the required key 'name'");
    CHECK(problem("[[user]]\nlogin = \"a\"\nname = \"A\"\n") ==
          "1:1: a [[user]] is missing the required key 'role'");
    CHECK(problem(user("revisor", "mail = \"a@b.dk\"\n")) ==
          "5:1: unknown key 'mail' in a [[user]]; expected centers, email, login, name, role");
    CHECK(problem(user("revisor", "email = 5\n")) ==
          "5:9: 'email' must be a string, not an "
          "integer");
    CHECK(problem("[[user]]\nlogin = 1\nname = \"A\"\nrole = \"revisor\"\n") ==
          "2:9: 'login' must be a string, not an integer");
}

TEST_CASE("access: a CPR number in a text is refused without being quoted") {
    const Read r =
        read("[[user]]\nlogin = \"a\"\nname = \"Ane 010203-4567\"\nrole = \"revisor\"\n");
    REQUIRE(r.diags.size() == 1);
    const auto& d = r.diags.items().front();
    CHECK(d.place.line == 3);
    CHECK(d.excerpt == tilsyn::Excerpt::withheld);
    CHECK(d.message.find("4567") == std::string::npos);
    CHECK(d.message.find("CPR") != std::string::npos);
    // Also in an array, which TableReader::string does not read.
    const Read c = read(user("centerchef", "centers = [\"010203-4567\"]\n"));
    REQUIRE(c.diags.size() == 1);
    CHECK(c.diags.items().front().excerpt == tilsyn::Excerpt::withheld);
    CHECK(c.diags.items().front().message.find("4567") == std::string::npos);
}

TEST_CASE("access: logins and e-mails are unique, and no login is another user's e-mail") {
    const std::string akb =
        "[[user]]\nlogin = \"akb\"\nname = \"A\"\nrole = \"leder\"\n"
        "email = \"akb@lejre.example\"\n";
    {
        const Read r = read(akb + "[[user]]\nlogin = \"akb\"\nname = \"B\"\nrole = \"revisor\"\n");
        CHECK(problems(r.diags) ==
              std::vector<std::string>{"7:9: duplicate login \"akb\" (first defined at line 1)"});
        REQUIRE(r.access.users.size() == 1);
        CHECK(r.access.users[0].name == "A");  // the first is kept
    }
    CHECK(problem(akb + "[[user]]\nlogin = \"b\"\nname = \"B\"\nrole = \"admin\"\n"
                        "email = \"AKB@lejre.example\"\n") ==
          "10:9: e-mail \"AKB@lejre.example\" is also that of user \"akb\" (line 1): single "
          "sign-on could not tell them apart");
    CHECK(problem(akb + "[[user]]\nlogin = \"akb@lejre.example\"\nname = \"B\"\nrole = "
                        "\"admin\"\n") ==
          "7:9: login \"akb@lejre.example\" is the e-mail of user \"akb\" (line 1): single "
          "sign-on could not tell them apart");
    CHECK(problem("[[user]]\nlogin = \"x@lejre.example\"\nname = \"B\"\nrole = \"admin\"\n"
                  "[[user]]\nlogin = \"x\"\nname = \"X\"\nrole = \"admin\"\n"
                  "email = \"X@lejre.example\"\n") ==
          "9:9: e-mail \"X@lejre.example\" is the login of user \"x@lejre.example\" (line 1): "
          "single sign-on could not tell them apart");
    // A clash is found even when the first user has a problem of their own.
    CHECK(problems(read(user("chef") + user("revisor")).diags) ==
          std::vector<std::string>{
              "4:8: unknown role \"chef\"; expected leder, centerchef, revisor or admin",
              "6:9: duplicate login \"u\" (first defined at line 1)"});
    CHECK(problems(read("[[user]]\nlogin = \"Kdo\"\nname = \"K\"\nrole = \"admin\"\n"
                        "email = \"kdo@lejre.example\"\n"
                        "[[user]]\nlogin = \"kdo\"\nname = \"K\"\nrole = \"admin\"\n"
                        "email = \"KDO@lejre.example\"\n")
                       .diags) ==
          std::vector<std::string>{
              "2:9: login \"Kdo\" may hold only a-z, 0-9, '.', '_', '@' and '-' (lower case)",
              "10:9: e-mail \"KDO@lejre.example\" is also that of the user of line 1: single "
              "sign-on could not tell them apart"});
    // A user's own login may be their e-mail.
    CHECK(problems(read("[[user]]\nlogin = \"akb@lejre.example\"\nname = \"A\"\nrole = "
                        "\"leder\"\nemail = \"akb@lejre.example\"\n")
                       .diags)
              .empty());
}

TEST_CASE("access: [login] is read strictly") {
    CHECK(problem("[login]\nsso_header = \"X-Remote-User\"\n") ==
          "2:14: sso_header needs trusted_proxies: the addresses of the reverse proxies the "
          "header is believed from (anyone else could send it too)");
    CHECK(problem("[login]\nsso_header = \"X-Remote-User\"\ntrusted_proxies = []\n") ==
          "3:19: trusted_proxies must name at least one proxy when sso_header is set");
    CHECK(problem("[login]\ntrusted_proxies = [\"10.0.0.5\"]\n") ==
          "2:19: trusted_proxies is only used with sso_header (single sign-on through a reverse "
          "proxy); give sso_header too, or remove trusted_proxies");
    CHECK(problem("[login]\nsso_header = \"X Remote User\"\ntrusted_proxies = [\"::1\"]\n") ==
          "2:14: sso_header \"X Remote User\" is not an HTTP header name (no spaces or ':'), like "
          "\"X-Remote-User\"");
    CHECK(problem("[login]\nsso_header = \"X-Remote-User:\"\ntrusted_proxies = [\"::1\"]\n") ==
          "2:14: sso_header \"X-Remote-User:\" is not an HTTP header name (no spaces or ':'), "
          "like \"X-Remote-User\"");
    const std::string sso = "[login]\nsso_header = \"X-Remote-User\"\ntrusted_proxies = ";
    CHECK(problem(sso + "[\"10.0.0.256\"]\n") ==
          "3:20: \"10.0.0.256\" is not an IP address (IPv4 like 10.0.0.5 or IPv6 like ::1)");
    CHECK(problem(sso + "[\"::1\", \"proxy.lejre.example\"]\n") ==
          "3:27: \"proxy.lejre.example\" is not an IP address (IPv4 like 10.0.0.5 or IPv6 like "
          "::1)");
    CHECK(problem(sso + "[\"10.0.0.0/8\"]\n") ==
          "3:20: \"10.0.0.0/8\" is a range; list each proxy's own address instead");
    CHECK(problem(sso + "[\"fe80::1%eth0\"]\n") ==
          "3:20: \"fe80::1%eth0\" is not an IP address (IPv4 like 10.0.0.5 or IPv6 like ::1)");
    CHECK(problem(sso + "\"10.0.0.5\"\n") ==
          "3:19: 'trusted_proxies' must be an array, not a "
          "string");
    CHECK(problem("[login]\nidle_minutes = 4\n") ==
          "2:16: 'idle_minutes' must be a whole number from 5 to 480, got 4");
    CHECK(problem("[login]\nidle_minutes = 481\n") ==
          "2:16: 'idle_minutes' must be a whole number from 5 to 480, got 481");
    CHECK(problem("[login]\nabsolute_hours = 0\n") ==
          "2:18: 'absolute_hours' must be a whole number from 1 to 24, got 0");
    CHECK(problem("[login]\nabsolute_hours = 25\n") ==
          "2:18: 'absolute_hours' must be a whole number from 1 to 24, got 25");
    CHECK(problem("[login]\ncalendar_refresh_hours = 169\n") ==
          "2:26: 'calendar_refresh_hours' must be a whole number from 1 to 168, got 169");
    CHECK(problem("[login]\ncalendar_refresh_hours = 1.5\n") ==
          "2:26: 'calendar_refresh_hours' must be a whole number from 1 to 168, not a "
          "floating-point number");
    CHECK(problem("[login]\nidle_minutes = 90\nabsolute_hours = 1\n") ==
          "2:16: idle_minutes (90) is longer than absolute_hours (1): every session would end "
          "before it could be idle that long");
    CHECK(problems(read("[login]\nidle_minutes = 60\nabsolute_hours = 1\n").diags).empty());
    CHECK(problem("[login]\nidle = 30\n") ==
          "2:1: unknown key 'idle' in [login]; expected absolute_hours, calendar_refresh_hours, "
          "idle_minutes, sso_header, trusted_proxies");
    CHECK(problem("login = 5\n") == "1:9: 'login' must be a table, not an integer");
}

TEST_CASE("access: the file's own shape is checked") {
    CHECK(problem("users = 1\n") ==
          "1:1: unknown key 'users' in access.toml; expected login, user");
    CHECK(problem("[user]\nlogin = \"a\"\n") ==
          "1:1: users are written as [[user]] tables (two brackets), not a table");
    CHECK(problem("user = [1]\n") == "1:9: each user must be a table ([[user]])");
    CHECK(problem("[[user]\n").starts_with("1:"));
}

TEST_CASE("access: every problem of a file is reported, not only the first") {
    const Read r = read(user("chef") + user("centerchef", "centers = [\"bc\"]\n") +
                        "[login]\nidle_minutes = 1\n");
    CHECK(problems(r.diags) ==
          std::vector<std::string>{
              "11:16: 'idle_minutes' must be a whole number from 5 to 480, got 1",
              "4:8: unknown role \"chef\"; expected leder, centerchef, revisor or admin",
              "9:12: unknown center \"bc\"; the registers' centers are: jc, yd",
              "6:9: duplicate login \"u\" (first defined at line 1)"});
}

TEST_CASE("access: load_access reads access.toml of a rules directory") {
    TempDir dir;
    const tilsyn::Rules rules = two_centers();
    SUBCASE("no file: no users, the default settings") {
        const Access a = tilsyn::load_access(dir.path.string(), rules);
        CHECK(a.source.empty());
        CHECK(a.users.empty());
        CHECK_FALSE(a.login.sso_header);
        CHECK(a.login.idle_minutes == 30);
        CHECK(a.find("akb") == nullptr);
        CHECK(a.find_sso("") == nullptr);
    }
    SUBCASE("a valid file") {
        dir.write("access.toml", valid);
        const Access a = tilsyn::load_access(dir.path.string(), rules);
        CHECK(a.source == (dir.path / "access.toml").string());
        CHECK(a.users.size() == 4);
    }
    SUBCASE("problems are thrown together, in file order, with the file's path") {
        // [login] is read first, though written last.
        dir.write("access.toml",
                  user("centerchef", "centers = [\"bc\"]\n") + "[login]\nabsolute_hours = 0\n");
        const std::string file = (dir.path / "access.toml").string();
        try {
            tilsyn::load_access(dir.path.string(), rules);
            FAIL("a bad access.toml was accepted");
        } catch (const tilsyn::RulesError& e) {
            REQUIRE(e.diagnostics().size() == 2);
            CHECK(e.diagnostics()[0].place.file == file);
            CHECK(e.diagnostics()[0].place.line == 5);
            CHECK(e.diagnostics()[1].place.file == file);
            CHECK(e.diagnostics()[1].place.line == 7);
        }
    }
    SUBCASE("without the rules only what the file says by itself is checked") {
        dir.write("access.toml", user("centerchef", "centers = [\"bc\"]\n") +
                                     "[[user]]\nlogin = \"l\"\nname = \"L\"\nrole = \"leder\"\n"
                                     "email = \"nobody@lejre.example\"\n");
        tilsyn::Diagnostics diags;
        const Access a = tilsyn::read_access_in(dir.path.string(), nullptr, diags);
        CHECK(diags.empty());
        CHECK(a.users.size() == 2);
        tilsyn::read_access_in(dir.path.string(), &rules, diags);
        CHECK(diags.size() == 2);
    }
    SUBCASE("access.toml is not a register") {
        dir.write("access.toml", valid);
        dir.write("policy.toml", "");
        dir.write("jc.toml", "");
        const auto registers = tilsyn::register_files(dir.path.string());
        REQUIRE(registers.size() == 1);
        CHECK(registers[0].filename() == "jc.toml");
    }
}

TEST_CASE("access: find takes the exact login; find_sso a login, else an e-mail, in any case") {
    const Read r = read(valid);
    const Access& a = r.access;
    REQUIRE(a.users.size() == 4);
    CHECK(a.find("akb") == &a.users[0]);
    CHECK(a.find("mhc") == &a.users[1]);
    CHECK(a.find("AKB") == nullptr);
    CHECK(a.find("akb@lejre.example") == nullptr);
    CHECK(a.find("") == nullptr);
    CHECK(a.find("nobody") == nullptr);

    CHECK(a.find_sso("akb") == &a.users[0]);
    CHECK(a.find_sso("AKB") == &a.users[0]);
    CHECK(a.find_sso("akb@lejre.example") == &a.users[0]);
    CHECK(a.find_sso("Akb@Lejre.Example") == &a.users[0]);
    CHECK(a.find_sso("kdo@lejre.example") == &a.users[3]);
    CHECK(a.find_sso("KDO@LEJRE.EXAMPLE") == &a.users[3]);
    CHECK(a.find_sso("revisor") == &a.users[2]);
    // A user without an e-mail is never found by an empty one.
    CHECK(a.find_sso("") == nullptr);
    CHECK(a.find_sso("akb@lejre") == nullptr);
    CHECK(a.find_sso("mhc@lejre.example") == nullptr);
}
