// Unit tests for Tilsynsloggen, Kalenderabonnement and Administration (src/web/page_log.cpp,
// page_calendar.cpp, page_admin.cpp), called without HTTP: what each user sees, that a log
// that does not verify says so first, and that the forms do what they say.

#include <doctest/doctest.h>

#include "web/calendar_feed.h"
#include "web/passwords.h"
#include "web/routes.h"
#include "web_support.h"

namespace {

using tilsyn::test::WebFixture;
using tilsyn::test::WebRequest;

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

// The 64 hex digits after `prefix` in `text`.
std::string token_after(const std::string& text, const std::string& prefix) {
    const std::size_t at = text.find(prefix);
    REQUIRE(at != std::string::npos);
    return text.substr(at + prefix.size(), 64);
}

}  // namespace

TEST_CASE("Tilsynsloggen: a leader sees their areas' entries, withdrawn ones marked") {
    WebFixture f;
    WebRequest akb(*f.site, "akb", "/log");
    const std::string page = tilsyn::show_log(akb.request).body;
    CHECK(contains(page, "Kæden er bekræftet: 5 poster"));
    CHECK(contains(page, "jc-forsikrede-ledige"));
    CHECK_FALSE(contains(page, "yd-las-27-27a"));
    CHECK(contains(page, "Trukket tilbage ved"));
    CHECK(contains(page, "Forkert område"));  // withdrawn, still shown
    // A leader is not offered other leaders.
    CHECK_FALSE(contains(page, "name=\"leder\""));

    WebRequest revisor(*f.site, "revisor", "/log", {{"fra", "2027-02-01"}, {"til", "2027-02-10"}});
    const std::string feb = tilsyn::show_log(revisor.request).body;
    CHECK(contains(feb, "yd-las-27-27a"));
    CHECK_FALSE(contains(feb, "Stikprøve"));  // 20 January
    CHECK(contains(feb, "name=\"leder\""));

    WebRequest late(*f.site, "revisor", "/log", {{"fra", "2027-02-11"}, {"til", "2027-02-01"}});
    CHECK_THROWS_WITH_AS(tilsyn::show_log(late.request), doctest::Contains("til"),
                         tilsyn::BadRequest);
    WebRequest other(*f.site, "pvj", "/log", {{"leder", "jc/akb"}});
    CHECK_THROWS_AS(tilsyn::show_log(other.request), tilsyn::Forbidden);
    WebRequest unknown(*f.site, "mhc", "/log", {{"leder", "jc/nobody"}});
    CHECK_THROWS_AS(tilsyn::show_log(unknown.request), tilsyn::BadRequest);
    WebRequest mine(*f.site, "mhc", "/log", {{"leder", "jc/akb"}});
    CHECK(contains(tilsyn::show_log(mine.request).body, "jc-forsikrede-ledige"));
}

TEST_CASE("Tilsynsloggen: a chain that does not verify is said first, and downloads refuse") {
    WebFixture f;
    WebRequest w(*f.site, "revisor", "/log");
    tilsyn::Snapshot broken = *w.snapshot;
    broken.chain->problem = "hash does not match";
    broken.chain->bad_seq = 3;
    tilsyn::PageRequest r{w.request.site,
                          broken,
                          *w.user,
                          w.scope,
                          {},
                          w.request.today,
                          w.request.now,
                          "/log",
                          "csrf",
                          "http://tilsyn.test",
                          {}};
    const std::string page = tilsyn::show_log(r).body;
    const std::size_t alert = page.find("role=\"alert\"");
    REQUIRE(alert != std::string::npos);
    CHECK(alert < page.find("<table"));
    CHECK(contains(page, "Tilsynsloggen kan ikke bekræftes"));
    CHECK(contains(page, "post 3"));
    CHECK_FALSE(contains(page, "Kæden er bekræftet"));
}

TEST_CASE("Kalenderabonnement: a new address is shown once, replaces the old, and is deleted") {
    WebFixture f;
    WebRequest get(*f.site, "akb", "/kalender");
    const std::string before = tilsyn::show_calendar(get.request).body;
    CHECK(contains(before, "Du har ingen kalenderadresse"));
    CHECK(contains(before, "Outlook på nettet"));

    WebRequest post(*f.site, "akb", "/kalender/ny");
    const std::string made = tilsyn::new_calendar(post.request).body;
    const std::string token = token_after(made, "http://tilsyn.test/kalender/abonnement/");
    CHECK(contains(made, "webcal://tilsyn.test/kalender/abonnement/" + token + ".ics"));
    CHECK(f.site->logins().calendar_login(token) == "akb");
    const auto feed =
        tilsyn::calendar_feed(*f.site, *post.snapshot, token + ".ics", tilsyn::test::web_now());
    CHECK(feed.status == 200);

    WebRequest again(*f.site, "akb", "/kalender");
    const std::string after = tilsyn::show_calendar(again.request).body;
    CHECK(contains(after, "Du har en kalenderadresse"));
    CHECK_FALSE(contains(after, token));  // never shown again

    WebRequest renew(*f.site, "akb", "/kalender/ny");
    const std::string second =
        token_after(tilsyn::new_calendar(renew.request).body, "/kalender/abonnement/");
    CHECK(second != token);
    CHECK_FALSE(f.site->logins().calendar_login(token));

    WebRequest del(*f.site, "akb", "/kalender/slet");
    CHECK(contains(tilsyn::delete_calendar(del.request).body, "Kalenderadressen er slettet"));
    CHECK_FALSE(f.site->logins().calendar_login(second));
}

TEST_CASE("Administration: a password is checked, set, and ends the user's sessions") {
    WebFixture f;
    auto& logins = f.site->logins();
    const auto session = logins.start_session("pvj", tilsyn::unix_time(tilsyn::test::web_now()));

    WebRequest page(*f.site, "it-admin", "/admin");
    const std::string list = tilsyn::show_admin(page.request).body;
    CHECK(contains(list, "Peter Vinther Jensen"));
    CHECK(contains(list, "Social revision (ekstern)"));

    WebRequest short_pw(*f.site, "it-admin", "/admin/adgangskode",
                        {{"login", "pvj"}, {"password", "kort"}, {"password2", "kort"}});
    const tilsyn::Reply too_short = tilsyn::admin_set_password(short_pw.request);
    CHECK(too_short.status == 400);
    CHECK(contains(too_short.body, "href=\"#password-pvj\""));
    CHECK(contains(too_short.body, "mindst 12 tegn"));
    CHECK_FALSE(logins.password_hash("pvj"));

    WebRequest differ(*f.site, "it-admin", "/admin/adgangskode",
                      {{"login", "pvj"},
                       {"password", "en lang adgangskode"},
                       {"password2", "en anden lang kode"}});
    const tilsyn::Reply differs = tilsyn::admin_set_password(differ.request);
    CHECK(differs.status == 400);
    CHECK(contains(differs.body, "href=\"#password2-pvj\""));

    WebRequest nobody(*f.site, "it-admin", "/admin/adgangskode", {{"login", "nobody"}});
    CHECK_THROWS_AS(tilsyn::admin_set_password(nobody.request), tilsyn::BadRequest);

    WebRequest ok(*f.site, "it-admin", "/admin/adgangskode",
                  {{"login", "pvj"},
                   {"password", "en lang adgangskode"},
                   {"password2", "en lang adgangskode"}});
    const tilsyn::Reply set = tilsyn::admin_set_password(ok.request);
    REQUIRE(set.redirect);
    CHECK(set.redirect->starts_with("/admin?udfoert=adgangskode&login=pvj"));
    CHECK(tilsyn::password_matches(*logins.password_hash("pvj"), "en lang adgangskode"));
    CHECK_FALSE(logins.session(session.token, tilsyn::unix_time(tilsyn::test::web_now()), {}));

    WebRequest confirmed(*f.site, "it-admin", "/admin",
                         {{"udfoert", "adgangskode"}, {"login", "pvj"}});
    CHECK(contains(tilsyn::show_admin(confirmed.request).body,
                   "Adgangskoden for Peter Vinther Jensen (pvj) er sat"));

    const std::string token =
        logins.new_calendar_token("pvj", tilsyn::unix_time(tilsyn::test::web_now()));
    WebRequest revoke(*f.site, "it-admin", "/admin/kalender-slet", {{"login", "pvj"}});
    CHECK(tilsyn::admin_revoke_calendar(revoke.request).redirect);
    CHECK_FALSE(logins.calendar_login(token));

    const auto again = logins.start_session("pvj", tilsyn::unix_time(tilsyn::test::web_now()));
    WebRequest out(*f.site, "it-admin", "/admin/log-ud", {{"login", "pvj"}});
    CHECK(tilsyn::admin_end_sessions(out.request).redirect);
    CHECK_FALSE(logins.session(again.token, tilsyn::unix_time(tilsyn::test::web_now()), {}));
}
