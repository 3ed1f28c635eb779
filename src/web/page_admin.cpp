// Administration: the users of access.toml and what the login store holds about them
// (password, sessions, calendar address), with the three things an administrator does here:
// set a password, end a user's sessions, delete a calendar address. Who the users are and
// what they may see is access.toml's, edited in the rules directory like every rule; the
// administrator sees nothing of the domain.
#include "web/layout.h"
#include "web/passwords.h"
#include "web/routes.h"

#include <map>

namespace tilsyn {

namespace {

struct FieldError {
    std::string login;  ///< the user whose form it is
    std::string field;  ///< "password" or "password2"
    std::string text;
};

const User& user_param(const PageRequest& r) {
    const std::string login = r.params.get("login").value_or("");
    const User* user = r.snapshot.access.find(login);
    if (!user) throw BadRequest("login: \"" + login + "\" er ingen bruger i access.toml");
    return *user;
}

// After a form: back to the page, with what was done said at the top.
Reply done(const std::string& what, const User& user) {
    Reply reply;
    reply.redirect = "/admin?udfoert=" + what + "&login=" + query_escape(user.login) + "#bruger-" +
                     query_escape(user.login);
    return reply;
}

std::string confirmation(const PageRequest& r) {
    const std::string what = r.params.get("udfoert").value_or("");
    const User* user = r.snapshot.access.find(r.params.get("login").value_or(""));
    if (!user) return "";
    if (what == "adgangskode")
        return "Adgangskoden for " + user->name + " (" + user->login +
               ") er sat, og brugerens sessioner er afsluttet.";
    if (what == "log-ud") return user->name + " (" + user->login + ") er logget ud overalt.";
    if (what == "kalender-slet")
        return "Kalenderadressen for " + user->name + " (" + user->login + ") er slettet.";
    return "";
}

std::string centers_text(const PageRequest& r, const User& u) {
    std::string out;
    for (const std::string& id : u.centers) {
        std::string name = id;
        for (const Center& c : r.snapshot.inputs.rules.centers)
            if (c.id == id) name = c.name;
        out += (out.empty() ? "" : ", ") + name;
    }
    return out;
}

Reply admin_page(PageRequest& r, const std::optional<FieldError>& error) {
    const Access& access = r.snapshot.access;
    const SessionLimits limits{access.login.idle_minutes * 60, access.login.absolute_hours * 3600};
    std::map<std::string, LoginInfo> info;
    for (LoginInfo& i : r.site.logins().logins(unix_time(r.now), limits))
        info.emplace(i.login, std::move(i));

    Data d;
    d.set("csrf", r.csrf);
    d.set("source", access.source.empty() ? std::string("(ingen access.toml)") : access.source);
    d.set("sso", access.login.sso_header.value_or(""));
    d.set("has_sso", access.login.sso_header.has_value());
    d.set("idle", std::to_string(access.login.idle_minutes));
    d.set("absolute", std::to_string(access.login.absolute_hours));
    d.set("problem_count", std::to_string(r.snapshot.problems.size()));
    d.set("has_problems", !r.snapshot.problems.empty());
    if (const std::string text = confirmation(r); !text.empty()) d.set("confirmation", text);
    if (error) {
        d.set("error", error->text);
        d.set("error_field", error->field + "-" + error->login);
    }
    Data users = list();
    for (const User& u : access.users) {
        Data ud;
        ud.set("login", u.login);
        ud.set("name", u.name);
        ud.set("email", u.email);
        ud.set("has_email", !u.email.empty());
        ud.set("role", std::string(role_name(u.role)));
        ud.set("centers", centers_text(r, u));
        ud.set("has_centers", !u.centers.empty());
        const auto it = info.find(u.login);
        const LoginInfo none;
        const LoginInfo& i = it == info.end() ? none : it->second;
        ud.set("has_password", i.has_password);
        ud.set("password_set", i.password_set);
        ud.set("sessions", std::to_string(i.sessions));
        ud.set("has_sessions", i.sessions > 0);
        ud.set("sessions_text", i.sessions == 1 ? std::string("1 aktiv session")
                                                : std::to_string(i.sessions) + " aktive sessioner");
        ud.set("has_calendar", i.calendar_since.has_value());
        ud.set("calendar_since", i.calendar_since.value_or(""));
        if (error && error->login == u.login) {
            ud.set(error->field == "password" ? "password_error" : "password2_error", error->text);
            ud.set("has_error", true);
        }
        users.push_back(ud);
    }
    d.set("users", users);
    return page(r, "Administration", render("admin.mustache", d), error ? 400 : 200);
}

}  // namespace

Reply show_admin(PageRequest& r) {
    return admin_page(r, std::nullopt);
}

Reply admin_set_password(PageRequest& r) {
    const User& user = user_param(r);
    const std::string password = r.params.get("password").value_or("");
    if (const std::string problem = password_problem(password); !problem.empty())
        return admin_page(r, FieldError{user.login, "password", problem});
    if (r.params.get("password2").value_or("") != password)
        return admin_page(r,
                          FieldError{user.login, "password2",
                                     "De to adgangskoder er ikke ens. Skriv den samme to gange."});
    // set_password ends the user's sessions: whoever knew the old password is logged out.
    r.site.logins().set_password(user.login, hash_password(password), unix_time(r.now));
    return done("adgangskode", user);
}

Reply admin_end_sessions(PageRequest& r) {
    const User& user = user_param(r);
    r.site.logins().end_sessions_of(user.login);
    return done("log-ud", user);
}

Reply admin_revoke_calendar(PageRequest& r) {
    const User& user = user_param(r);
    r.site.logins().revoke_calendar(user.login);
    return done("kalender-slet", user);
}

}  // namespace tilsyn
