// access.toml: read_access, as load_access calls it, on the input as the text of the file,
// against the fixture rules. An accepted file keeps what access.h promises of its users, and
// find and find_sso find each of them.
#include "fixture_rules.h"
#include "fuzz_support.h"

#include "rules/access.h"

#include <algorithm>

using namespace tilsyn;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const Rules& rules = fuzz::fixture().rules;
    Access access;
    try {
        Diagnostics diags;
        access = read_access("rules/access.toml", fuzz::text_of(data, size), rules, diags);
        diags.throw_if_any();
    } catch (const Error&) {
        ++fuzz::reach().refused;
        return 0;
    }
    ++fuzz::reach().accepted;
    const LoginSettings& login = access.login;
    fuzz::require(login.sso_header.has_value() == !login.trusted_proxies.empty(),
                  "trusted_proxies is non-empty exactly when sso_header is set");
    fuzz::require(login.idle_minutes >= LoginSettings::min_idle_minutes &&
                      login.idle_minutes <= login.absolute_hours * 60,
                  "idle_minutes is in its range and within absolute_hours");
    for (const User& u : access.users) {
        fuzz::require(!u.login.empty() && u.login.size() <= 64, "a login has 1 to 64 characters");
        fuzz::require(!u.name.empty(), "a user has a name");
        fuzz::require(access.find(u.login) == &u, "find finds each user by their login");
        fuzz::require(access.find_sso(u.login) == &u, "find_sso finds each user by their login");
        if (!u.email.empty())
            fuzz::require(access.find_sso(u.email) == &u, "find_sso finds a user by their e-mail");
        fuzz::require(u.role != Role::leder || !u.email.empty(), "a leder has an e-mail");
        fuzz::require((u.role == Role::centerchef) == !u.centers.empty(),
                      "exactly a centerchef has centers");
        for (const std::string& c : u.centers)
            fuzz::require(std::any_of(rules.centers.begin(), rules.centers.end(),
                                      [&](const Center& center) { return center.id == c; }),
                          "a centerchef's centers are the registers'");
    }
    return 0;
}
