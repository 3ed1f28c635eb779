// tilsyn calendar: the closing days the plan avoids, so a user can check them.
#include "command_table.h"
#include "error.h"
#include "rules_loader.h"
#include "text.h"

#include <filesystem>

namespace tilsyn {

void calendar_options(po::options_description& d) {
    d.add_options()("year", po::value<std::string>()->required(), "the year (YYYY)");
}

int run_calendar(const po::variables_map& vm, Context& ctx) {
    const std::string year_text = vm["year"].as<std::string>();
    const auto year = parse_year(year_text);
    if (!year)
        throw UsageError("--year: '" + year_text + "' is not a year between " + std::to_string(min_year) +
                         " and " + std::to_string(max_year));
    // Only the policy matters here; without one (and no --rules given) the defaults apply.
    Policy policy;
    const std::string policy_file = (std::filesystem::path(ctx.rules_dir) / "policy.toml").string();
    if (std::filesystem::exists(policy_file)) {
        Diagnostics diags;
        policy = read_policy(policy_file, diags);
        diags.throw_if_any();
    } else if (ctx.rules_dir_given) {
        throw InputError("--rules: no policy.toml in '" + ctx.rules_dir + "'");
    }
    const WorkCalendar calendar(policy.closing_days);
    const Date first(static_cast<unsigned short>(*year), 1, 1);
    const Date last(static_cast<unsigned short>(*year), 12, 31);

    auto& out = ctx.out;
    out << "Lukkedage " << *year << " (politik: "
        << (policy.source.empty() ? "indbyggede standarder" : policy.source) << ")\n\n";
    out << "Dato        Dag  Uge  Art        Navn\n";
    int weekday_closures = 0;
    for (const ClosedDay& c : calendar.closed_days(*year)) {
        const auto wd = c.date.day_of_week();
        const bool weekend = wd == boost::gregorian::Saturday || wd == boost::gregorian::Sunday;
        if (!weekend) ++weekday_closures;
        std::string week = std::to_string(iso_week(c.date));
        out << iso(c.date) << "  " << pad(danish_weekday_short(c.date), 3) << " "
            << std::string(3 - week.size(), ' ') << week << "  "
            << pad(c.public_holiday ? "helligdag" : "lukkedag", 9) << "  " << c.name
            << (weekend ? " (weekend)" : "") << "\n";
    }
    out << "\n" << weekday_closures << " lukkedage på hverdage; " << calendar.working_days_in(first, last)
        << " arbejdsdage i " << *year << "\n";
    return 0;
}

}  // namespace tilsyn
