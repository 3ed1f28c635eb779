#include "web/routes.h"

#include <algorithm>

namespace tilsyn {

namespace {

constexpr Roles leder = role_bit(Role::leder);
constexpr Roles centerchef = role_bit(Role::centerchef);
constexpr Roles revisor = role_bit(Role::revisor);
constexpr Roles admin = role_bit(Role::admin);

// In the navigation's order. Leaders see their own areas, center managers their centers, the
// auditor everything; the administrator manages logins and sees nothing of the domain.
constexpr Route table[] = {
    {Method::get, "/min-dag", leder | centerchef | revisor, "Min dag", show_my_day},
    {Method::get, "/plan", leder | centerchef | revisor, "Planen", show_plan},
    {Method::get, "/register", leder | centerchef | revisor, "Risikoregistret", show_register},
    {Method::get, "/register/omraade/", leder | centerchef | revisor, "", show_area},
    {Method::get, "/arbejdsbyrde", leder | centerchef | revisor, "Arbejdsbyrde", show_workload},
    {Method::get, "/log", leder | centerchef | revisor, "Tilsynsloggen", show_log},
    {Method::get, "/downloads", leder | centerchef | revisor, "Downloads", show_downloads},
    {Method::get, "/download/plan.ics", leder | centerchef | revisor, "", download_plan_ics},
    {Method::get, "/download/plan.csv", leder | centerchef | revisor, "", download_plan_csv},
    {Method::get, "/download/plan.json", leder | centerchef | revisor, "", download_plan_json},
    {Method::get, "/download/log.csv", leder | centerchef | revisor, "", download_log_csv},
    {Method::get, "/download/rapport.html", leder | centerchef | revisor, "", download_report_html},
    {Method::get, "/download/revisionspakke.zip", revisor, "", download_audit_pack},
    {Method::get, "/kalender", leder | centerchef | revisor, "Kalender", show_calendar},
    {Method::post, "/kalender/ny", leder | centerchef | revisor, "", new_calendar},
    {Method::post, "/kalender/slet", leder | centerchef | revisor, "", delete_calendar},
    {Method::get, "/admin", admin, "Administration", show_admin},
    {Method::post, "/admin/adgangskode", admin, "", admin_set_password},
    {Method::post, "/admin/log-ud", admin, "", admin_end_sessions},
    {Method::post, "/admin/kalender-slet", admin, "", admin_revoke_calendar},
};

}  // namespace

std::span<const Route> routes() {
    return table;
}

const Route* find_route(Method method, std::string_view path) {
    for (const Route& r : table) {
        if (r.method != method) continue;
        if (r.path == path) return &r;
        if (r.path.ends_with('/') && path.starts_with(r.path) && path.size() > r.path.size())
            return &r;
    }
    return nullptr;
}

std::string_view home_of(Role role) {
    const auto it = std::find_if(std::begin(table), std::end(table), [role](const Route& r) {
        return r.method == Method::get && !r.nav.empty() && (r.roles & role_bit(role));
    });
    return it == std::end(table) ? "/" : it->path;
}

}  // namespace tilsyn
