// Kalenderabonnement: the user's secret calendar address (web/calendar_feed.h). Shown once,
// when it is made; the login store keeps only its digest, so it can be replaced or deleted
// but never shown again.
#include "base/dates.h"
#include "web/calendar_feed.h"
#include "web/layout.h"
#include "web/routes.h"

namespace tilsyn {

namespace {

std::optional<std::string> calendar_since(PageRequest& r) {
    const LoginSettings& s = r.snapshot.access.login;
    const SessionLimits limits{s.idle_minutes * 60, s.absolute_hours * 3600};
    for (const LoginInfo& info : r.site.logins().logins(unix_time(r.now), limits))
        if (info.login == r.user.login) return info.calendar_since;
    return std::nullopt;
}

// The page, with the new address when one was just made.
Reply calendar_page(PageRequest& r, const std::optional<std::string>& token, bool deleted) {
    Data d;
    d.set("csrf", r.csrf);
    d.set("refresh_hours", std::to_string(r.snapshot.access.login.calendar_refresh_hours));
    d.set("nothing", r.scope.nothing());
    if (token) {
        const std::string url = r.origin + calendar_feed_path(*token);
        const std::size_t scheme = url.find("://");
        d.set("url", url);
        d.set("webcal", "webcal" + url.substr(scheme));
        d.set("made", true);
    }
    if (const auto since = calendar_since(r)) {
        d.set("has_calendar", true);
        const auto day = parse_iso_date(*since);
        d.set("since", day ? danish_long(*day) : *since);
    }
    d.set("deleted", deleted);
    return page(r, "Kalenderabonnement", render("calendar.mustache", d));
}

}  // namespace

Reply show_calendar(PageRequest& r) {
    return calendar_page(r, std::nullopt, false);
}

Reply new_calendar(PageRequest& r) {
    // The old address stops working here: the store keeps one per login.
    const std::string token = r.site.logins().new_calendar_token(r.user.login, unix_time(r.now));
    Reply reply = calendar_page(r, token, false);
    // The secret is in this page only: no copy in any cache, no address of it in the history.
    reply.headers.emplace_back("Cache-Control", "no-store");
    return reply;
}

Reply delete_calendar(PageRequest& r) {
    r.site.logins().revoke_calendar(r.user.login);
    return calendar_page(r, std::nullopt, true);
}

}  // namespace tilsyn
