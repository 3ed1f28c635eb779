// tilsyn validate: load everything, report every problem (via RulesError), or summarise.
#include "cli/command_table.h"
#include "cli/inputs.h"
#include "plan/plan.h"
#include "rules/access.h"
#include "rules/rating.h"

#include <array>
#include <optional>

namespace tilsyn {

namespace {
std::string count(std::size_t n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

// The users of access.toml by role: "4 users: 1 leder, 1 centerchef, 1 revisor, 1 admin",
// then, with single sign-on, its header and how many proxies it is believed from.
std::string users_line(const Access& access) {
    std::array<std::size_t, 4> per_role{};
    for (const User& u : access.users) ++per_role[static_cast<std::size_t>(u.role)];
    std::string line = count(access.users.size(), "user") + ":";
    for (const Role r : {Role::leder, Role::centerchef, Role::revisor, Role::admin})
        line += std::string(r == Role::leder ? " " : ", ") +
                std::to_string(per_role[static_cast<std::size_t>(r)]) + " " +
                std::string(role_name(r));
    const LoginSettings& login = access.login;
    if (login.sso_header)
        line += "; single sign-on by " + *login.sso_header + " from " +
                std::to_string(login.trusted_proxies.size()) + " trusted prox" +
                (login.trusted_proxies.size() == 1 ? "y" : "ies");
    return line;
}

}  // namespace

void validate_options(po::options_description&) {}

int run_validate(const po::variables_map&, Context& ctx) {
    // The rules' problems and access.toml's are listed together: access.toml is read even when
    // the registers cannot be, then only for what it says by itself.
    Diagnostics problems;
    std::optional<Inputs> in;
    try {
        in.emplace(load_inputs(ctx, false));
        // The closing days are only known to leave a working day in every period for a given
        // year; this year's and next year's plans are the ones a manager is about to make.
        const int year = ctx.today.year();
        check_working_days(in->rules, in->calendar, year);
        check_working_days(in->rules, in->calendar, year + 1);
    } catch (const RulesError& e) {
        for (const Diagnostic& d : e.diagnostics()) problems.add(d.place, d.message, d.excerpt);
    }
    const Access access = read_access_in(ctx.rules_dir, in ? &in->rules : nullptr, problems);
    problems.throw_if_any();
    // A RulesError holds at least one problem, so the rules were loaded.
    const Rules& rules = in->rules;
    auto& out = ctx.out;
    out << rules.dir << ": ok\n";
    out << "  policy: " << (rules.policy.source.empty() ? "built-in defaults" : rules.policy.source)
        << "\n";
    std::array<std::size_t, 3> per_colour{};
    for (const Center& c : rules.centers) {
        out << "  " << c.source << ": " << c.name << ", " << count(c.areas.size(), "area") << ", "
            << count(c.leaders.size(), "leader") << "\n";
        for (const Area& a : c.areas)
            ++per_colour[static_cast<std::size_t>(
                rate(rules.policy, a.assessment_on(ctx.today)).colour)];
    }
    out << "  " << count(rules.area_count(), "area") << " on " << iso(ctx.today) << ": "
        << per_colour[2] << " red, " << per_colour[1] << " yellow, " << per_colour[0] << " green\n";
    if (!access.source.empty()) out << "  " << access.source << ": " << users_line(access) << "\n";
    return 0;
}

}  // namespace tilsyn
