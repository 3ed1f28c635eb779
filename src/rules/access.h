#pragma once
// access.toml: who may use the web server `tilsyn serve`, in which role, and how they log in
// (docs/rules.md, "access.toml: who may use tilsyn serve"). The file lives in the rules
// directory because who may see which areas is a rule like the registers are, checked against
// them; secrets (password hashes, sessions, calendar tokens) never do: the server keeps them
// beside the log.

#include "rules/diagnostics.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tilsyn {

struct Rules;

enum class Role { leder, centerchef, revisor, admin };
std::string_view role_name(Role r);  ///< "leder", "centerchef", "revisor", "admin"

struct User {
    std::string login;  ///< unique; a-z, 0-9 and . _ @ -, 1 to 64 characters
    std::string name;
    /// A leder's is required and is a register leader's e-mail (compared case-insensitively):
    /// it is how the server finds their areas. Optional for the other roles ("" when not given).
    std::string email;
    Role role = Role::leder;
    std::vector<std::string> centers;  ///< a centerchef's center ids (Center::id); else empty
    SourcePlace place;                 ///< where the [[user]] table starts, for later messages
};

struct LoginSettings {
    static constexpr int min_idle_minutes = 5;
    static constexpr int max_idle_minutes = 480;
    static constexpr int max_absolute_hours = 24;
    static constexpr int max_calendar_refresh_hours = 168;

    /// The request header in which a reverse proxy passes the user it authenticated, e.g.
    /// "X-Remote-User"; its value is matched by Access::find_sso. None: no single sign-on.
    std::optional<std::string> sso_header;
    /// The proxies (literal IPv4 or IPv6 addresses) the header is believed from: anyone else
    /// could send it too. Non-empty exactly when sso_header is set; written as inet_ntop writes
    /// them ("::1" for "0:0:0:0:0:0:0:1"), for comparing with the peer's address.
    std::vector<std::string> trusted_proxies;
    int idle_minutes = 30;           ///< a session ends after this long without a request
    int absolute_hours = 10;         ///< and this long after it began, whatever happens
    int calendar_refresh_hours = 4;  ///< REFRESH-INTERVAL of the subscribed calendars
};

struct Access {
    std::string source;  ///< the file, or empty when there is none
    LoginSettings login;
    std::vector<User> users;  ///< in file order

    /// The user with exactly this login, or nullptr.
    const User* find(std::string_view login) const;
    /// The user a single sign-on header's value names: the one whose login it is, else the
    /// one whose e-mail it is, both compared case-insensitively (a directory may send "AKB" or
    /// "Akb@Lejre.example"); nullptr for no one, and for an empty value.
    const User* find_sso(std::string_view value) const;
};

/// Reads dir/access.toml (an Access with no users when there is no such file) and checks it
/// against the rules: the centers exist, a leder's e-mail is a leader's in some register.
/// Throws RulesError listing every problem (file:line:col), like load_rules.
Access load_access(const std::string& dir, const Rules& rules);

/// The same for the bytes of `file`, already read, reporting into diags instead of throwing.
/// Users with problems are left out of the result.
Access read_access(const std::string& file, std::string_view text, const Rules& rules,
                   Diagnostics& diags);

/// dir/access.toml read into diags, as load_access reads it; with `rules` null, only what the
/// file can be checked for by itself: `tilsyn validate` lists the file's problems beside those
/// of registers that could not be loaded.
Access read_access_in(const std::string& dir, const Rules* rules, Diagnostics& diags);

}  // namespace tilsyn
