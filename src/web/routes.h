#pragma once
// The web server's routes, declared once: path, method, who may use it and the handler. The
// server dispatches through this table, the navigation is built from it, and docs/serve.md's
// table of route x role is checked against the running server.

#include "web/page.h"

#include <span>
#include <string_view>

namespace tilsyn {

enum class Method { get, post };

/// A set of roles, as bits of 1 << Role.
using Roles = unsigned;
constexpr Roles role_bit(Role r) {
    return 1u << static_cast<unsigned>(r);
}
constexpr Roles domain_roles =
    role_bit(Role::leder) | role_bit(Role::centerchef) | role_bit(Role::revisor);
constexpr Roles all_roles = domain_roles | role_bit(Role::admin);

struct Route {
    Method method;
    std::string_view path;  ///< exact, or a prefix when it ends in '/'
    Roles roles;
    std::string_view nav;  ///< the navigation's label; empty when not in the navigation
    Reply (*handle)(PageRequest&);
};

std::span<const Route> routes();
/// The route for a method and path, or null.
const Route* find_route(Method method, std::string_view path);
/// Where a user lands after login: their first page in the navigation.
std::string_view home_of(Role role);

// Handlers, one file per page (page_*.cpp).
Reply show_my_day(PageRequest&);
Reply show_plan(PageRequest&);      ///< page_plan.cpp
Reply show_register(PageRequest&);  ///< page_register.cpp
Reply show_area(PageRequest&);      ///< page_area.cpp: /register/omraade/<area id>
Reply show_workload(PageRequest&);  ///< page_workload.cpp
Reply show_log(PageRequest&);
Reply show_downloads(PageRequest&);
Reply download_plan_ics(PageRequest&);
Reply download_plan_csv(PageRequest&);
Reply download_plan_json(PageRequest&);
Reply download_log_csv(PageRequest&);
Reply download_report_html(PageRequest&);
Reply download_audit_pack(PageRequest&);  ///< revisor only
Reply show_calendar(PageRequest&);
Reply new_calendar(PageRequest&);
Reply delete_calendar(PageRequest&);
Reply show_admin(PageRequest&);
Reply admin_set_password(PageRequest&);
Reply admin_end_sessions(PageRequest&);
Reply admin_revoke_calendar(PageRequest&);

}  // namespace tilsyn
