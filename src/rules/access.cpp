#include "rules/access.h"

#include "base/free_text.h"
#include "base/text.h"
#include "rules/rules_loader.h"
#include "rules/toml_reader.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <set>

namespace tilsyn {

namespace fs = std::filesystem;

std::string_view role_name(Role r) {
    switch (r) {
        case Role::leder:
            return "leder";
        case Role::centerchef:
            return "centerchef";
        case Role::revisor:
            return "revisor";
        case Role::admin:
            return "admin";
    }
    return "?";
}

namespace {

constexpr std::size_t max_login = 64;

// E-mail addresses and single sign-on names are compared without regard to case, as mail
// systems and directories treat them; only ASCII letters are folded, which is all a login
// holds and all that mail systems agree on.
std::string fold(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

bool is_login_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '@' ||
           c == '-';
}

// An HTTP field name is a token (RFC 9110, 5.1): anything else could never arrive as a header.
bool is_header_name(std::string_view s) {
    constexpr std::string_view extra = "!#$%&'*+-.^_`|~";
    return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               extra.find(c) != std::string_view::npos;
    });
}

// A literal address in the form inet_ntop writes it, so that the server can compare it with
// the peer's address as written the same way ("::1", not "0:0:0:0:0:0:0:1"); nullopt when
// `text` is not an IPv4 or IPv6 address.
std::optional<std::string> canonical_ip(const std::string& text) {
    std::array<unsigned char, sizeof(in6_addr)> bytes{};
    std::array<char, INET6_ADDRSTRLEN> out{};
    for (const int family : {AF_INET, AF_INET6})
        if (inet_pton(family, text.c_str(), bytes.data()) == 1 &&
            inet_ntop(family, bytes.data(), out.data(), out.size()))
            return std::string(out.data());
    return std::nullopt;
}

struct Item {
    std::string value;
    SourcePlace place;
};

// The strings of an array value. An element that is not a string, or that free_text's
// text_problem finds fault with (as TableReader::string refuses a key's value), is reported
// and left out, and `complete` says so; the others are returned to be checked all the same.
struct Strings {
    std::vector<Item> items;
    bool complete = true;
};

std::optional<Strings> strings(TableReader& r, std::string_view key) {
    const toml::array* a = r.array(key);
    if (!a) return std::nullopt;
    Strings out;
    for (const toml::node& n : *a) {
        const SourcePlace where = place_of(r.file(), n.source());
        const auto* s = n.as_string();
        if (!s) {
            r.diagnostics().add(where, "each of '" + std::string(key) + "' must be a string, not " +
                                           std::string(toml_type_name(n)));
            out.complete = false;
        } else if (auto problem = text_problem(s->get(), max_short_text)) {
            r.diagnostics().add(where, "'" + std::string(key) + "': " + *problem,
                                Excerpt::withheld);
            out.complete = false;
        } else {
            out.items.push_back({s->get(), where});
        }
    }
    return out;
}

LoginSettings read_login(const toml::table& t, const std::string& file, Diagnostics& diags) {
    TableReader r(t, file, diags, "[login]");
    LoginSettings s;
    const auto header = r.string("sso_header");
    const auto proxies = strings(r, "trusted_proxies");
    const auto idle =
        r.integer("idle_minutes", LoginSettings::min_idle_minutes, LoginSettings::max_idle_minutes);
    const auto absolute = r.integer("absolute_hours", 1, LoginSettings::max_absolute_hours);
    const auto refresh =
        r.integer("calendar_refresh_hours", 1, LoginSettings::max_calendar_refresh_hours);
    r.finish();

    if (header) {
        if (is_header_name(*header))
            s.sso_header = *header;
        else
            r.error("sso_header", "sso_header \"" + *header +
                                      "\" is not an HTTP header name (no spaces or ':'), like "
                                      "\"X-Remote-User\"");
    }
    if (proxies) {
        for (const Item& p : proxies->items) {
            if (auto ip = canonical_ip(p.value)) {
                s.trusted_proxies.push_back(*ip);
            } else if (p.value.find('/') != std::string::npos) {
                diags.add(p.place,
                          "\"" + p.value + "\" is a range; list each proxy's own address instead");
            } else {
                diags.add(p.place, "\"" + p.value +
                                       "\" is not an IP address (IPv4 like 10.0.0.5 or IPv6 "
                                       "like ::1)");
            }
        }
    }
    // The header names a user without a password, so it may only be believed from the proxy
    // that authenticated them: a header without proxies would let anyone log in as anyone,
    // and proxies without a header are a setting that does nothing.
    const bool header_given = t.contains("sso_header");
    const bool proxies_given = t.contains("trusted_proxies");
    if (header_given && !proxies_given)
        r.error("sso_header",
                "sso_header needs trusted_proxies: the addresses of the reverse proxies the "
                "header is believed from (anyone else could send it too)");
    if (header_given && proxies && proxies->items.empty() && proxies->complete)
        r.error("trusted_proxies",
                "trusted_proxies must name at least one proxy when sso_header is set");
    if (proxies_given && !header_given)
        r.error("trusted_proxies",
                "trusted_proxies is only used with sso_header (single sign-on through a reverse "
                "proxy); give sso_header too, or remove trusted_proxies");

    if (idle) s.idle_minutes = static_cast<int>(*idle);
    if (absolute) s.absolute_hours = static_cast<int>(*absolute);
    if (refresh) s.calendar_refresh_hours = static_cast<int>(*refresh);
    if (idle && absolute && *idle > *absolute * 60)
        r.error("idle_minutes", "idle_minutes (" + std::to_string(*idle) +
                                    ") is longer than absolute_hours (" +
                                    std::to_string(*absolute) +
                                    "): every session would end before it could be idle that long");
    return s;
}

std::optional<Role> parse_role(std::string_view s) {
    for (const Role r : {Role::leder, Role::centerchef, Role::revisor, Role::admin})
        if (role_name(r) == s) return r;
    return std::nullopt;
}

// What the users are checked against in the registers: folded leader e-mails and center ids.
struct Known {
    std::set<std::string, std::less<>> leader_emails;
    std::set<std::string, std::less<>> centers;
    std::string center_list;  ///< "a, b, c" for messages
};

Known known_of(const Rules& rules) {
    Known k;
    for (const Center& c : rules.centers) {
        for (const Leader& l : c.leaders) k.leader_emails.insert(fold(l.email));
        if (c.id.empty()) continue;
        k.centers.insert(c.id);
        k.center_list += (k.center_list.empty() ? "" : ", ") + c.id;
    }
    return k;
}

// A user as read, with where its login and e-mail are written, for the checks across users.
// A user with problems takes part in those checks with what of it is valid (its login and
// e-mail, "" when not), so that a clash is reported as soon as the rest is.
struct ReadUser {
    User user;
    SourcePlace login_at;
    SourcePlace email_at;
    bool complete = true;  ///< no problem found: the user may be used
};

// A centerchef's centers: given, at least one, each once and (with the rules) a center.
bool read_centers(TableReader& r, const std::optional<Strings>& centers, const Known* known,
                  User& u) {
    if (!r.node("centers")) {
        r.diagnostics().add(u.place,
                            "a centerchef needs 'centers': the ids of the centers they "
                            "head, e.g. centers = [\"ydelsen\"]");
        return false;
    }
    if (!centers) return false;  // not an array: reported
    if (centers->items.empty() && centers->complete) {
        r.error("centers", "a centerchef's 'centers' must name at least one center");
        return false;
    }
    bool ok = centers->complete;
    for (const Item& c : centers->items) {
        if (std::find(u.centers.begin(), u.centers.end(), c.value) != u.centers.end()) {
            r.diagnostics().add(c.place, "center \"" + c.value + "\" is listed twice");
            ok = false;
        } else if (known && !known->centers.contains(c.value)) {
            r.diagnostics().add(c.place,
                                "unknown center \"" + c.value + "\"; the registers' centers are: " +
                                    (known->center_list.empty() ? "(none)" : known->center_list));
            ok = false;
        } else {
            u.centers.push_back(c.value);
        }
    }
    return ok;
}

ReadUser read_user(const toml::table& t, const std::string& file, Diagnostics& diags,
                   const Known* known) {
    TableReader r(t, file, diags, "a [[user]]");
    const auto login = r.string("login", true);
    const auto name = r.string("name", true);
    const auto email = r.string("email");
    const auto role = r.string("role", true);
    const auto centers = strings(r, "centers");
    r.finish();
    ReadUser read{User{}, r.place("login"), r.place("email"), login && name && role};
    bool& ok = read.complete;
    User& u = read.user;
    u.place = r.place();

    if (login) {
        if (login->empty() || login->size() > max_login) {
            r.error("login", "a login must be 1 to " + std::to_string(max_login) +
                                 " characters long, not " + std::to_string(login->size()));
            ok = false;
        } else if (!std::all_of(login->begin(), login->end(), is_login_char)) {
            r.error("login", "login \"" + *login +
                                 "\" may hold only a-z, 0-9, '.', '_', '@' and '-' (lower case)");
            ok = false;
        } else {
            u.login = *login;
        }
    }
    if (name) {
        if (trim(*name).empty()) {
            r.error("name", "'name' must not be empty");
            ok = false;
        } else if (utf8_width(*name) > max_short_text) {
            r.error("name",
                    "'name' is " + std::to_string(utf8_width(*name)) +
                        " characters long; at most " + std::to_string(max_short_text) +
                        " are accepted",
                    Excerpt::withheld);
            ok = false;
        }
    }
    const bool email_ok = email && looks_like_email(*email);
    if (email && !email_ok) {
        r.error("email", "\"" + *email + "\" is not an e-mail address");
        ok = false;
    }
    if (email_ok) u.email = *email;
    if (name) u.name = *name;
    if (!role) return read;
    if (const auto parsed = parse_role(*role)) {
        u.role = *parsed;
    } else {
        // What else a user needs depends on the role, so nothing more can be said of this one.
        r.error("role",
                "unknown role \"" + *role + "\"; expected leder, centerchef, revisor or admin");
        ok = false;
        return read;
    }

    if (u.role == Role::leder) {
        // A leder sees the areas the registers give them, found by their e-mail.
        if (!r.node("email")) {
            diags.add(u.place,
                      "a leder needs an 'email': it is how their areas are found in the registers");
            ok = false;
        } else if (email_ok && known && !known->leader_emails.contains(fold(*email))) {
            r.error("email", "no register has a leader with the e-mail \"" + *email +
                                 "\": a leder's areas are those of the leader with their e-mail");
            ok = false;
        }
    }
    if (u.role == Role::centerchef) {
        ok = read_centers(r, centers, known, u) && ok;
    } else if (r.node("centers")) {
        r.error("centers", "'centers' is for a centerchef only; this user's role is " +
                               std::string(role_name(u.role)));
        ok = false;
    }
    return read;
}

// Logins are unique, and so are e-mails, and no user's login is another's e-mail: find_sso
// matches a login, else an e-mail, so either clash would let one person in as the other. The
// later user of a clash is reported; it is left out, as is every user with a problem.
std::vector<User> unique_users(const std::vector<ReadUser>& read_users, Diagnostics& diags) {
    std::map<std::string, const User*, std::less<>> logins;  // logins are lower case already
    std::map<std::string, const User*, std::less<>> emails;  // folded
    auto who = [](const User& u) {
        const std::string line = "line " + std::to_string(u.place.line);
        return u.login.empty() ? "the user of " + line : "user \"" + u.login + "\" (" + line + ")";
    };
    const std::string apart = ": single sign-on could not tell them apart";
    std::vector<User> users;
    for (const ReadUser& r : read_users) {
        const User& u = r.user;
        const std::string email = fold(u.email);
        const auto login_as_login = u.login.empty() ? logins.end() : logins.find(u.login);
        const auto login_as_email = u.login.empty() ? emails.end() : emails.find(u.login);
        const auto email_as_email = email.empty() ? emails.end() : emails.find(email);
        // A user's own login may be their e-mail.
        const auto email_as_login =
            email.empty() || email == u.login ? logins.end() : logins.find(email);
        if (login_as_login != logins.end())
            diags.add(r.login_at, "duplicate login \"" + u.login + "\" (first defined at line " +
                                      std::to_string(login_as_login->second->place.line) + ")");
        else if (login_as_email != emails.end())
            diags.add(r.login_at, "login \"" + u.login + "\" is the e-mail of " +
                                      who(*login_as_email->second) + apart);
        else if (email_as_email != emails.end())
            diags.add(r.email_at, "e-mail \"" + u.email + "\" is also that of " +
                                      who(*email_as_email->second) + apart);
        else if (email_as_login != logins.end())
            diags.add(r.email_at, "e-mail \"" + u.email + "\" is the login of " +
                                      who(*email_as_login->second) + apart);
        else {
            if (!u.login.empty()) logins.emplace(u.login, &u);
            if (!email.empty()) emails.emplace(email, &u);
            if (r.complete) users.push_back(u);
        }
    }
    return users;
}

Access read(const std::string& file, std::string_view text, const Rules* rules,
            Diagnostics& diags) {
    Access access;
    access.source = file;
    const auto doc = parse_toml(text, file, diags);
    if (!doc) return access;
    TableReader top(*doc, file, diags, "access.toml");
    if (const toml::table* login = top.table("login"))
        access.login = read_login(*login, file, diags);

    const std::optional<Known> known = rules ? std::optional(known_of(*rules)) : std::nullopt;
    std::vector<ReadUser> users;
    if (const toml::node* n = top.node("user")) {
        if (const toml::array* a = n->as_array()) {
            for (const toml::node& u : *a) {
                const toml::table* t = u.as_table();
                if (!t) {
                    diags.add(place_of(file, u.source()), "each user must be a table ([[user]])");
                    continue;
                }
                users.push_back(read_user(*t, file, diags, known ? &*known : nullptr));
            }
        } else {
            top.error("user", "users are written as [[user]] tables (two brackets), not " +
                                  std::string(toml_type_name(*n)));
        }
    }
    top.finish();
    access.users = unique_users(users, diags);
    return access;
}

}  // namespace

const User* Access::find(std::string_view login_name) const {
    for (const User& u : users)
        if (u.login == login_name) return &u;
    return nullptr;
}

const User* Access::find_sso(std::string_view value) const {
    if (value.empty()) return nullptr;
    const std::string wanted = fold(value);
    for (const User& u : users)
        if (u.login == wanted) return &u;
    for (const User& u : users)
        if (!u.email.empty() && fold(u.email) == wanted) return &u;
    return nullptr;
}

Access read_access(const std::string& file, std::string_view text, const Rules& rules,
                   Diagnostics& diags) {
    return read(file, text, &rules, diags);
}

Access read_access_in(const std::string& dir, const Rules* rules, Diagnostics& diags) {
    const std::string file = (fs::path(dir) / "access.toml").string();
    std::error_code ec;
    if (!fs::exists(file, ec)) return {};
    const auto text = read_source_file(file, diags);
    if (!text) {
        Access a;
        a.source = file;
        return a;
    }
    return read(file, *text, rules, diags);
}

Access load_access(const std::string& dir, const Rules& rules) {
    Diagnostics diags;
    Access a = read_access_in(dir, &rules, diags);
    diags.throw_if_any();
    return a;
}

}  // namespace tilsyn
