// tilsyn report: the year's plan set against the log, as one self-contained HTML file.
#include "base/error.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "cli/outputs.h"
#include "report/year_documents.h"

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

    auto store = open_log_for_reading(ctx);
    // Like `tilsyn log`: figures from a log that does not verify are not put before a committee.
    std::optional<Store::Verification> chain;
    if (store) chain = require_verified(*store, ctx);
    const Inputs in = load_inputs(ctx, store.get());
    const Plan plan = leveled_plan(in, year, filter);

    write_command_output(ctx, output, "-o", [&](std::ostream& out) {
        write_year_report(out, in, plan, store.get(), chain, ctx.today);
    });
    return 0;
}

}  // namespace tilsyn
