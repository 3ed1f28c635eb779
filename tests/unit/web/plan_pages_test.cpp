// Unit tests for the read-only pages of tilsyn serve (src/web/page_plan.cpp, page_register.cpp,
// page_area.cpp, page_workload.cpp): each called as the server calls it, on a copy of the
// example rules (rules/: leaders akb and pvj, center manager mhc of "jc", an auditor) and a
// small log, for what each role may see, the parameters' errors, and what the CSP forbids.

#include <doctest/doctest.h>

#include "report/report_palette.h"
#include "test_support.h"
#include "web/assets.h"
#include "web/routes.h"
#include "web/scoped_year.h"

#include <boost/date_time/posix_time/posix_time.hpp>

#include <filesystem>
#include <map>
#include <string>

namespace {

using namespace tilsyn;
using namespace tilsyn::test;
namespace fs = std::filesystem;

const Date day = ymd(2027, 3, 10);

/// The example rules in a directory of their own, with a log holding one supervision of Anne
/// Krogh Bech's green area "Fleksjob" with a material finding: a proposal to make it red.
struct Fixture {
    TempDir dir{"tilsyn-pages"};
    std::unique_ptr<Site> site;
    std::shared_ptr<const Snapshot> snapshot;

    Fixture() {
        fs::copy(fs::path(TILSYN_SOURCE_DIR) / "rules", dir.path / "rules",
                 fs::copy_options::recursive);
        {
            Store store((dir.path / "tilsyn.db").string(), Store::Mode::create);
            write(store, "2027-02-20T09:00:00Z", [](Store::Writer& w) {
                SupervisionEntry s;
                s.area = "jc-fleksjob";
                s.center = "jc";
                s.leader = "akb";
                s.performed = ymd(2027, 2, 15);
                s.cases = 10;
                s.errors_statsrefusion = 1;
                const auto seq = w.append(s);
                FindingEntry f;
                f.supervision = seq;
                f.case_ref = "2027-004512";
                f.axis = Axis::statsrefusion;
                f.category = "refusion";
                f.severity = Severity::vaesentlig;
                f.description = "For meget hjemtaget";
                w.append(f);
            });
        }
        const auto now = boost::posix_time::ptime(day, boost::posix_time::hours(9));
        site = std::make_unique<Site>(
            SiteConfig{(dir.path / "rules").string(), (dir.path / "tilsyn.db").string(),
                       (dir.path / "logins.db").string()},
            [now] { return now; });
        snapshot = site->current();
    }

    /// The handler's reply to `login` asking for `path` with the query `params`.
    Reply get(const std::string& login, Reply (*handler)(PageRequest&), const std::string& path,
              std::multimap<std::string, std::string> params = {}, const std::string& rest = {}) {
        const User* user = snapshot->access.find(login);
        REQUIRE(user != nullptr);
        const Scope scope = Scope::of(*user, snapshot->inputs.rules);
        PageRequest r{*site, *snapshot,   *user, scope,  Params(std::move(params)),
                      day,   site->now(), path,  "csrf", "http://localhost",
                      rest};
        return handler(r);
    }
};

bool has(const std::string& body, std::string_view text) {
    return body.find(text) != std::string::npos;
}

// The CSP allows no inline style or script: no page may rely on either.
void check_no_inline(const std::string& body) {
    CHECK_FALSE(has(body, " style="));
    CHECK_FALSE(has(body, "<style"));
    CHECK_FALSE(has(body, "<script"));
}

}  // namespace

TEST_CASE("web pages: Planen shows a leader their own areas only, with the year wheel") {
    Fixture f;
    const Reply akb = f.get("akb", show_plan, "/plan");
    CHECK(akb.status == 200);
    CHECK(has(akb.body, "<h1>Planen for 2027</h1>"));
    CHECK(has(akb.body, "Fleksjob"));
    CHECK(has(akb.body, "Forsikrede ledige"));
    CHECK_FALSE(has(akb.body, "Jobafklaring"));  // Thomas Hvid Nielsen's
    CHECK_FALSE(has(akb.body, "LAS § 27"));      // another center's
    CHECK(has(akb.body, "<svg class=\"wheel\""));
    CHECK(has(akb.body, "<caption>Anne Krogh Bech: "));
    check_no_inline(akb.body);

    // The center manager sees the center's three leaders, not the other center.
    const Reply mhc = f.get("mhc", show_plan, "/plan");
    CHECK(has(mhc.body, "Jobafklaring"));
    CHECK(has(mhc.body, "<h3 id=\"leder-jc-thn\">"));
    CHECK_FALSE(has(mhc.body, "LAS § 27"));
    CHECK(has(f.get("revisor", show_plan, "/plan").body, "LAS § 27"));
}

TEST_CASE("web pages: Planen's filters narrow the list and the wheel, and are checked") {
    Fixture f;
    // On 10 March, without a log, January's and February's supervisions of the monthly (red)
    // areas are missing, the quarters' are not due yet, and none was done late.
    const Reply missing = f.get("akb", show_plan, "/plan", {{"status", "mangler"}});
    CHECK(has(missing.body, "<td class=\"status-missing\">mangler</td>"));
    CHECK(has(missing.body, "<td>januar 2027</td>"));
    CHECK_FALSE(has(missing.body, "status-pending"));
    CHECK_FALSE(has(missing.body, "<td>1. kvartal 2027</td>"));
    const Reply late = f.get("mhc", show_plan, "/plan", {{"status", "for sent"}});
    CHECK(has(late.body, "Ingen tilsyn passer til filtrene."));
    CHECK_FALSE(has(late.body, "<svg class=\"wheel\""));
    const Reply red = f.get("revisor", show_plan, "/plan", {{"farve", "rød"}});
    CHECK(has(red.body, "<span class=\"chip red\">rød</span>"));
    CHECK_FALSE(has(red.body, "<td><span class=\"chip green\">"));
    const Reply thn = f.get("mhc", show_plan, "/plan", {{"leder", "jc/thn"}});
    CHECK(has(thn.body, "Jobafklaring"));
    CHECK_FALSE(has(thn.body, "<h3 id=\"leder-jc-akb\">"));
    CHECK(has(thn.body, "<option value=\"jc/thn\" selected>"));

    CHECK_THROWS_AS(f.get("akb", show_plan, "/plan", {{"farve", "lilla"}}), BadRequest);
    CHECK_THROWS_AS(f.get("akb", show_plan, "/plan", {{"status", "færdig"}}), BadRequest);
    CHECK_THROWS_AS(f.get("akb", show_plan, "/plan", {{"leder", "jc/ingen"}}), BadRequest);
    CHECK_THROWS_AS(f.get("akb", show_plan, "/plan", {{"leder", "jc/thn"}}), Forbidden);
    CHECK_THROWS_AS(f.get("akb", show_plan, "/plan", {{"aar", "27"}}), BadRequest);
    // A year before the first assessment has no plan: said on the page, not an error.
    const Reply early = f.get("akb", show_plan, "/plan", {{"aar", "2020"}});
    CHECK(early.status == 200);
    CHECK(has(early.body, "Der er ingen plan for 2020"));
}

TEST_CASE("web pages: Risikoregistret shows the scope's areas, heat maps and proposals") {
    Fixture f;
    const Reply akb = f.get("akb", show_register, "/register");
    CHECK(akb.status == 200);
    CHECK(has(akb.body, "href=\"/register/omraade/jc-fleksjob\""));
    CHECK_FALSE(has(akb.body, "jc-jobafklaring"));
    CHECK(has(akb.body, "data-axis=\"sagsbehandling\""));
    CHECK(has(akb.body, "data-axis=\"statsrefusion\""));
    // The material finding proposes red for Fleksjob, with the finding as evidence.
    CHECK(has(akb.body, "id=\"forslag-jc-fleksjob\""));
    CHECK(has(akb.body,
              "<li>fund #3 i tilsyn #2 2027-02-15: sag 2027-004512, statsrefusion, "
              "refusion</li>"));
    check_no_inline(akb.body);

    const Reply pvj = f.get("pvj", show_register, "/register");
    CHECK_FALSE(has(pvj.body, "jc-fleksjob"));
    CHECK(has(pvj.body, "Der er ingen åbne forslag til omvurdering"));
    // The heat maps number the areas as the table does: the leader's first area is 1.
    CHECK(has(pvj.body, "<td class=\"num\">1</td><td><a href=\"/register/omraade/yd-"));
}

TEST_CASE("web pages: an area's history, refused outside the scope and unknown") {
    Fixture f;
    const Reply own = f.get("akb", show_area, "/register/omraade/jc-fleksjob", {}, "jc-fleksjob");
    CHECK(own.status == 200);
    CHECK(has(own.body, "<h1>Historik for Fleksjob</h1>"));
    CHECK(has(own.body, "vurdering 2026-10-15"));
    CHECK(has(own.body, "Stabilt område med få fejl ved seneste tilsyn."));
    check_no_inline(own.body);
    CHECK_THROWS_AS(
        f.get("akb", show_area, "/register/omraade/jc-jobafklaring", {}, "jc-jobafklaring"),
        Forbidden);
    CHECK_THROWS_AS(f.get("revisor", show_area, "/register/omraade/x", {}, "ingen-sådan"),
                    NotFound);
    CHECK(f.get("mhc", show_area, "/register/omraade/jc-jobafklaring", {}, "jc-jobafklaring")
              .status == 200);
}

TEST_CASE("web pages: Arbejdsbyrde shows a leader their own row, a manager the center's") {
    Fixture f;
    const Reply akb = f.get("akb", show_workload, "/arbejdsbyrde");
    CHECK(akb.status == 200);
    CHECK(has(akb.body, "<th scope=\"row\">Anne Krogh Bech</th>"));
    CHECK_FALSE(has(akb.body, "Thomas Hvid Nielsen"));
    CHECK_FALSE(has(akb.body, "<th scope=\"row\">I alt</th>"));  // one leader: no center sum
    check_no_inline(akb.body);
    const Reply mhc = f.get("mhc", show_workload, "/arbejdsbyrde", {{"aar", "2027"}});
    CHECK(has(mhc.body, "<th scope=\"row\">Thomas Hvid Nielsen</th>"));
    CHECK(has(mhc.body, "<th scope=\"row\">I alt</th>"));
    CHECK_FALSE(has(mhc.body, "Peter Vinther Jensen"));
}

TEST_CASE("web pages: the style sheet's swatches are the report's period tints") {
    const std::string css(*web_asset("tilsyn.css"));
    for (const Colour c : {Colour::red, Colour::yellow, Colour::green})
        CHECK(has(css, ".swatch." + std::string(colour_token(c)) +
                           " { background: " + std::string(colour_tint(c)) + "; }"));
}
