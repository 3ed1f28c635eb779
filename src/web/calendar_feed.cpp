#include "web/calendar_feed.h"

#include "base/dates.h"
#include "plan/export/plan_formats.h"
#include "web/scoped_year.h"

#include <sstream>

namespace tilsyn {

std::string calendar_feed_path(std::string_view token) {
    return std::string(calendar_feed_prefix) + std::string(token) + ".ics";
}

std::vector<Plan> scoped_plans(const Snapshot& snapshot, const Scope& scope, Date today) {
    std::vector<Plan> plans;
    const int this_year = today.year();
    // Next year's once some area of the scope is assessed for it.
    for (int year : {this_year, this_year + 1})
        if (has_plan(snapshot, scope, year)) plans.push_back(scoped_plan(snapshot, scope, year));
    return plans;
}

Reply calendar_feed(Site& site, const Snapshot& snapshot, std::string_view rest,
                    boost::posix_time::ptime now) {
    Reply not_found{404, "text/plain; charset=utf-8", "Ingen kalender på denne adresse.\n", {}, {},
                    {}};
    if (!rest.ends_with(".ics")) return not_found;
    const std::string token(rest.substr(0, rest.size() - 4));
    if (token.size() != 64) return not_found;
    const std::optional<std::string> login = site.logins().calendar_login(token);
    const User* user = login ? snapshot.access.find(*login) : nullptr;
    if (!user) return not_found;
    const Scope scope = Scope::of(*user, snapshot.inputs.rules);
    if (scope.nothing()) return not_found;

    const std::vector<Plan> plans = scoped_plans(snapshot, scope, copenhagen_date(now));
    if (plans.empty()) return not_found;
    IcsFeed feed;
    for (const Plan& p : plans) feed.plans.push_back(&p);
    feed.refresh_hours = snapshot.access.login.calendar_refresh_hours;
    std::ostringstream out;
    write_plan_ics(out, feed, snapshot.inputs.rules, snapshot.inputs.calendar, now);
    Reply reply;
    reply.content_type = "text/calendar; charset=utf-8";
    reply.body = out.str();
    // Subscribers fetch it again on their own schedule; a proxy must not keep a copy.
    reply.headers.emplace_back("Cache-Control", "private, no-cache");
    return reply;
}

}  // namespace tilsyn
