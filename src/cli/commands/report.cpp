// tilsyn report: the year's plan set against the log, as one self-contained HTML file.
#include "base/error.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "cli/outputs.h"
#include "plan/leveling.h"
#include "report/report_html.h"

namespace tilsyn {

void report_options(po::options_description& d) {
    d.add_options()("year", po::value<std::string>()->required()->value_name("YYYY"),
                    "the report's year (YYYY)")("center", po::value<std::string>()->value_name("C"),
                                                "only this center (id or name)")(
        "leader", po::value<std::string>()->value_name("L"),
        "only this leader's areas (id, name or e-mail)")(
        "output,o", po::value<std::string>()->value_name("PATH"),
        "write to this file instead of standard output");
}

int run_report(const po::variables_map& vm, Context& ctx) {
    const int year = year_option(vm);
    const PlanFilter filter = filter_option(vm);
    std::optional<std::string> output;
    if (vm.count("output")) output = vm["output"].as<std::string>();

    ReportInfo info;
    info.generated = ctx.today;
    auto store = open_log_for_reading(ctx);
    // Like `tilsyn log`: figures from a log that does not verify are not put before a committee.
    if (store) {
        const Store::Verification v = require_verified(*store, ctx);
        info.log_head = v.head;
        info.log_entries = v.count;
    }
    const Inputs in = load_inputs(ctx, store.get());
    Plan plan = make_plan(in.rules, in.calendar, year, filter, &in.decisions);
    level_plan(plan, in.rules.policy, in.days());
    const YearReview review = review_year(in.rules, plan, in.decisions, store.get(), ctx.today);

    write_command_output(ctx, output, "-o", [&](std::ostream& out) {
        write_report_html(out, review, in.rules, info);
    });
    return 0;
}

}  // namespace tilsyn
