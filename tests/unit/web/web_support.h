#pragma once
// A web site over a copy of the example rules (rules/) with a small signed log, and page
// requests as a given user: the web tests call the page handlers directly, without HTTP.

#include "cli/cli.h"
#include "test_support.h"
#include "web/page.h"
#include "web/site.h"

#include <boost/date_time/posix_time/posix_time.hpp>

#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace tilsyn::test {

/// 2027-03-10 09:00 UTC: the clock of every command and request here.
inline boost::posix_time::ptime web_now() {
    return boost::posix_time::ptime(ymd(2027, 3, 10), boost::posix_time::hours(9));
}

struct CliResult {
    int status = -1;
    std::string out;
    std::string err;
};

struct WebFixture {
    TempDir dir{"tilsyn-web"};
    std::string rules = (dir.path / "rules").string();
    std::string db = (dir.path / "tilsyn.db").string();
    std::unique_ptr<Site> site;

    WebFixture() {
        std::filesystem::copy(std::string(TILSYN_SOURCE_DIR) + "/rules", rules);
        // Two supervisions in January and February, one finding, one withdrawn supervision.
        REQUIRE(cli({"record", "--area", "jc-forsikrede-ledige", "--date", "2027-01-20", "--cases",
                     "10", "--errors-sagsbehandling", "2", "--note", "Stikprøve"},
                    "2027-01-21T09:00:00Z")
                    .status == 0);
        REQUIRE(cli({"record", "--area", "yd-las-27-27a", "--date", "2027-02-10", "--cases", "8",
                     "--errors-sagsbehandling", "3"},
                    "2027-02-10T12:00:00Z")
                    .status == 0);
        REQUIRE(cli({"record", "--area", "jc-forsikrede-ledige", "--date", "2027-02-11", "--cases",
                     "6", "--note", "Forkert område"},
                    "2027-02-11T12:00:00Z")
                    .status == 0);
        REQUIRE(cli({"correct", "--entry", "4", "--reason", "registreret to gange"},
                    "2027-02-12T12:00:00Z")
                    .status == 0);
        site =
            std::make_unique<Site>(SiteConfig{rules, db, (dir.path / "tilsyn-login.db").string()},
                                   [] { return web_now(); });
    }

    /// A command of tilsyn on this fixture's rules and log, recorded at `recorded_at`.
    CliResult cli(std::vector<std::string> args,
                  const std::string& recorded_at = "2027-03-10T09:00:00Z") const {
        const std::map<std::string, std::string> env{
            {"TILSYN_SIGNING_KEY", (dir.path / "test.key").string()},
            {"TILSYN_TEST_RECORDED_AT", recorded_at},
            {"TILSYN_USER", "mhc"}};
        args.insert(args.begin(), {"--rules", rules, "--db", db, "--today", "2027-03-10"});
        std::istringstream in;
        std::ostringstream out, err;
        CliResult r;
        r.status = run_cli(
            args, in, out, err,
            [env](const std::string& name) -> std::optional<std::string> {
                const auto it = env.find(name);
                if (it == env.end()) return std::nullopt;
                return it->second;
            },
            [] { return web_now(); });
        r.out = out.str();
        r.err = err.str();
        return r;
    }
};

/// A request for `path` by the user `login` of rules/access.toml, with these parameters.
struct WebRequest {
    std::shared_ptr<const Snapshot> snapshot;
    const User* user;
    Scope scope;
    PageRequest request;

    WebRequest(Site& site, const std::string& login, const std::string& path,
               std::multimap<std::string, std::string> params = {})
        : snapshot(site.current()),
          user(snapshot->access.find(login)),
          scope(Scope::of(*user, snapshot->inputs.rules)),
          request{site,
                  *snapshot,
                  *user,
                  scope,
                  Params(std::move(params)),
                  ymd(2027, 3, 10),
                  web_now(),
                  path,
                  "csrf-token",
                  "http://tilsyn.test",
                  {}} {}
    WebRequest(const WebRequest&) = delete;  // the request refers to the members above
    WebRequest& operator=(const WebRequest&) = delete;
};

}  // namespace tilsyn::test
