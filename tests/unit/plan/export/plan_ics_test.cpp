// Unit tests for src/plan/export/plan_ics.cpp beyond the goldens: the calendar of a plan of many
// areas holds exactly the events of the calendars of its centers, in the same order, with the
// register's texts escaped.

#include <doctest/doctest.h>

#include "large_rules.h"
#include "plan/export/plan_formats.h"
#include "plan/plan.h"
#include "rules/rules_loader.h"

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace {

using tilsyn::test::large_rules;
using tilsyn::test::ymd;

std::string ics_of(const tilsyn::Rules& rules, const tilsyn::PlanFilter& filter) {
    const tilsyn::WorkCalendar calendar(rules.policy.closing_days);
    const tilsyn::Plan plan = tilsyn::test::plan_of(rules, calendar, 2027, filter);
    std::ostringstream out;
    tilsyn::write_plan_ics(out, plan, rules, calendar, boost::posix_time::ptime(ymd(2026, 12, 1)));
    return out.str();
}

// The VEVENT blocks of a calendar, in order, each from BEGIN to END.
std::vector<std::string> events(const std::string& ics) {
    std::vector<std::string> out;
    const std::string begin = "BEGIN:VEVENT\r\n", end = "END:VEVENT\r\n";
    for (std::size_t at = ics.find(begin); at != std::string::npos; at = ics.find(begin, at)) {
        const std::size_t stop = ics.find(end, at);
        REQUIRE(stop != std::string::npos);
        out.push_back(ics.substr(at, stop + end.size() - at));
        at = stop;
    }
    return out;
}

}  // namespace

TEST_CASE("plan_ics: a plan's events are those of its centers' plans, byte for byte") {
    const tilsyn::Rules rules = large_rules(300);
    const std::vector<std::string> all = events(ics_of(rules, {}));
    std::map<std::string, std::vector<std::string>> by_center;
    for (const std::string& e : all) by_center[e.substr(e.find("UID:") + 4, 1)].push_back(e);
    std::size_t total = 0;
    for (const char* center : {"a", "b"}) {
        INFO("center " << std::string(center));
        const std::vector<std::string> own = events(ics_of(rules, {std::string(center), {}}));
        CHECK(own.size() > 1'500);
        total += own.size();
        // A filtered plan keeps the leaders whole, so its dates and its order are the whole
        // plan's: its events are the whole plan's events of that center, in the same order.
        REQUIRE(own.size() == by_center[center].size());
        for (std::size_t i = 0; i < own.size(); ++i) {
            INFO("event " << i);
            REQUIRE(own[i] == by_center[center][i]);
        }
    }
    CHECK(total == all.size());
    std::set<std::string> uids;
    for (const std::string& e : all) uids.insert(e.substr(0, e.find("\r\nDTSTAMP")));
    CHECK(uids.size() == all.size());
    // The texts were escaped: what the register spells ", med komma" and "; opfølgning\".
    CHECK(all.front().find("\\n") != std::string::npos);
    std::size_t commas = 0, semicolons = 0;
    for (const std::string& e : all) {
        commas += e.find("SUMMARY:Ledelsestilsyn (") != std::string::npos &&
                  e.find("\\, med komma") != std::string::npos;
        semicolons += e.find("Fremdrift\\; opf") != std::string::npos;
    }
    CHECK(commas > 0);
    CHECK(semicolons > 0);
}
