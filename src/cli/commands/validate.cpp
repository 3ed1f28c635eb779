// tilsyn validate: load everything, report every problem (via RulesError), or summarise.
#include "cli/command_table.h"
#include "cli/inputs.h"
#include "plan/plan.h"
#include "rules/rating.h"

#include <array>

namespace tilsyn {

namespace {
std::string count(std::size_t n, const std::string& noun) {
    return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}
}  // namespace

void validate_options(po::options_description&) {}

int run_validate(const po::variables_map&, Context& ctx) {
    const Inputs in = load_inputs(ctx, false);
    const Rules& rules = in.rules;
    // The closing days are only known to leave a working day in every period for a given
    // year; this year's and next year's plans are the ones a manager is about to make.
    const int year = ctx.today.year();
    check_working_days(rules, in.calendar, year);
    check_working_days(rules, in.calendar, year + 1);
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
    return 0;
}

}  // namespace tilsyn
