// tilsyn calendar: the closing days the plan avoids, so a user can check them.
#include "base/text.h"
#include "cli/command_table.h"
#include "rules/rules_loader.h"

#include <filesystem>

namespace tilsyn {

void calendar_options(po::options_description& d) {
    d.add_options()("year", po::value<std::string>()->required()->value_name("YYYY"),
                    "the year (YYYY)");
}

int run_calendar(const po::variables_map& vm, Context& ctx) {
    const int year = year_option(vm);
    // Only the policy matters here. Without a rules directory at all (the default one absent)
    // the built-in defaults apply, so the command also works before any rules are written.
    const bool use_defaults = !ctx.rules_dir_given && !std::filesystem::exists(ctx.rules_dir);
    const Policy policy = use_defaults ? Policy{} : load_policy(ctx.rules_dir);
    const WorkCalendar calendar(policy.closing_days);
    const Date first(static_cast<unsigned short>(year), 1, 1);
    const Date last(static_cast<unsigned short>(year), 12, 31);

    auto& out = ctx.out;
    out << "Lukkedage " << year
        << " (politik: " << (policy.source.empty() ? "indbyggede standarder" : policy.source)
        << ")\n\n";
    out << "Dato        Dag  Uge  Art        Navn\n";
    int weekday_closures = 0;
    for (const ClosedDay& c : calendar.closed_days(year)) {
        const auto wd = c.date.day_of_week();
        const bool weekend = wd == boost::gregorian::Saturday || wd == boost::gregorian::Sunday;
        if (!weekend) ++weekday_closures;
        std::string week = std::to_string(iso_week(c.date));
        out << iso(c.date) << "  " << pad(danish_weekday_short(c.date), 3) << " "
            << std::string(3 - week.size(), ' ') << week << "  "
            << pad(c.public_holiday ? "helligdag" : "lukkedag", 9) << "  " << c.name
            << (weekend ? " (weekend)" : "") << "\n";
    }
    out << "\n"
        << weekday_closures << " lukkedage på hverdage; " << calendar.working_days_in(first, last)
        << " arbejdsdage i " << year << "\n";
    return 0;
}

}  // namespace tilsyn
