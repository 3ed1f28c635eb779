// Unit tests for src/web/login_store.{h,cpp}: sessions end when idle and at the absolute limit
// whatever the activity, a calendar address replaced or revoked stops working, and setting or
// removing a password ends the login's sessions.

#include <doctest/doctest.h>

#include "test_support.h"
#include "web/login_store.h"
#include "web/passwords.h"

#include <algorithm>

namespace {

using tilsyn::LoginInfo;
using tilsyn::LoginStore;
using tilsyn::SessionLimits;
using tilsyn::UnixTime;

// 2027-03-15 08:00:00 UTC.
constexpr UnixTime t0 = 1805097600;
const SessionLimits limits{30 * 60, 10 * 3600};

struct Fixture {
    tilsyn::test::TempDir dir{"tilsyn-login-store"};
    LoginStore store{(dir.path / "tilsyn-login.db").string()};
};

std::optional<LoginInfo> info_of(LoginStore& store, const std::string& login, UnixTime now) {
    const auto all = store.logins(now, limits);
    const auto it =
        std::find_if(all.begin(), all.end(), [&](const LoginInfo& i) { return i.login == login; });
    if (it == all.end()) return std::nullopt;
    return *it;
}

}  // namespace

TEST_CASE("login store: a session lives while used and ends after the idle time") {
    Fixture f;
    const auto s = f.store.start_session("akb", t0);
    CHECK(s.token.size() == 64);
    CHECK(s.csrf.size() == 64);
    CHECK(s.token != s.csrf);
    const auto active = f.store.session(s.token, t0 + 29 * 60, limits);
    REQUIRE(active);
    CHECK(active->login == "akb");
    CHECK(active->csrf == s.csrf);
    CHECK(active->started == t0);
    // Seen at t0 + 29 min: idle is counted from there.
    CHECK(f.store.session(s.token, t0 + 58 * 60, limits));
    CHECK_FALSE(f.store.session(s.token, t0 + 58 * 60 + 30 * 60 + 1, limits));
    // Deleted once expired: an earlier clock does not bring it back.
    CHECK_FALSE(f.store.session(s.token, t0 + 60, limits));
    CHECK_FALSE(f.store.session("0" + s.token.substr(1), t0, limits));
}

TEST_CASE("login store: a session ends at the absolute limit however often it is used") {
    Fixture f;
    const auto s = f.store.start_session("mhc", t0);
    UnixTime now = t0;
    while (now + 20 * 60 <= t0 + limits.absolute_seconds) {
        now += 20 * 60;
        REQUIRE(f.store.session(s.token, now, limits));
    }
    CHECK(info_of(f.store, "mhc", now)->sessions == 1);
    CHECK_FALSE(f.store.session(s.token, t0 + limits.absolute_seconds + 1, limits));
    CHECK(info_of(f.store, "mhc", now) == std::nullopt);
}

TEST_CASE("login store: a new calendar address revokes the old; revoking ends it") {
    Fixture f;
    CHECK_FALSE(info_of(f.store, "akb", t0));
    const std::string first = f.store.new_calendar_token("akb", t0);
    CHECK(first.size() == 64);
    CHECK(f.store.calendar_login(first) == "akb");
    CHECK(info_of(f.store, "akb", t0)->calendar_since == "2027-03-15");

    const std::string second = f.store.new_calendar_token("akb", t0 + 86400);
    CHECK(second != first);
    CHECK_FALSE(f.store.calendar_login(first));
    CHECK(f.store.calendar_login(second) == "akb");
    CHECK(info_of(f.store, "akb", t0)->calendar_since == "2027-03-16");

    // Another login's address is its own.
    const std::string other = f.store.new_calendar_token("pvj", t0);
    f.store.revoke_calendar("akb");
    CHECK_FALSE(f.store.calendar_login(second));
    CHECK(f.store.calendar_login(other) == "pvj");
    CHECK_FALSE(info_of(f.store, "akb", t0));
}

TEST_CASE("login store: setting a password ends the login's sessions, not others'") {
    Fixture f;
    const auto mine = f.store.start_session("akb", t0);
    const auto theirs = f.store.start_session("pvj", t0);
    CHECK_FALSE(f.store.password_hash("akb"));
    const std::string hash = tilsyn::hash_password("en lang nok adgangskode");
    f.store.set_password("akb", hash, t0 + 60);
    CHECK(f.store.password_hash("akb") == hash);
    CHECK_FALSE(f.store.session(mine.token, t0 + 120, limits));
    CHECK(f.store.session(theirs.token, t0 + 120, limits));
    const auto info = info_of(f.store, "akb", t0 + 120);
    REQUIRE(info);
    CHECK(info->has_password);
    CHECK(info->password_set == "2027-03-15");
    CHECK(info->sessions == 0);

    const auto again = f.store.start_session("akb", t0 + 180);
    f.store.end_sessions_of("akb");
    CHECK_FALSE(f.store.session(again.token, t0 + 240, limits));

    const auto last = f.store.start_session("akb", t0 + 300);
    f.store.remove_password("akb");
    CHECK_FALSE(f.store.password_hash("akb"));
    CHECK_FALSE(f.store.session(last.token, t0 + 360, limits));
}
