#include "web/layout.h"

#include "web/routes.h"

namespace tilsyn {

Reply page(const PageRequest& r, std::string_view title, std::string body, int status) {
    Data d;
    d.set("title", std::string(title));
    Data nav = list();
    for (const Route& route : routes()) {
        if (route.nav.empty() || !(route.roles & role_bit(r.user.role))) continue;
        Data item;
        item.set("href", std::string(route.path));
        item.set("label", std::string(route.nav));
        item.set("current", route.path == r.path);
        nav.push_back(item);
    }
    d.set("nav", nav);
    d.set("user_name", r.user.name);
    d.set("role", std::string(role_name(r.user.role)));
    d.set("csrf", r.csrf);
    // The rules on disk do not load: those who can fix them hear it on every page; the pages
    // keep showing the last rules that loaded.
    if (!r.snapshot.problems.empty() &&
        (r.user.role == Role::admin || r.user.role == Role::centerchef)) {
        Data problems = list();
        for (const std::string& p : r.snapshot.problems) problems.push_back(Data("text", p));
        d.set("problems", problems);
        d.set("has_problems", true);
    }
    d.set("body", body);
    Reply reply;
    reply.status = status;
    reply.body = render("layout.mustache", d);
    return reply;
}

Reply message_page(const PageRequest& r, std::string_view title, std::string_view text,
                   int status) {
    Data d;
    d.set("text", std::string(text));
    return page(r, title, render("message.mustache", d), status);
}

}  // namespace tilsyn
