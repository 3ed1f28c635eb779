// tilsyn plan: rules -> register -> policy (+ the log's decisions) -> plan -> one of the exporters.
#include "base/error.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "cli/outputs.h"
#include "plan/export/plan_formats.h"
#include "plan/leveling.h"
#include "workload/workload.h"

#include <algorithm>

namespace tilsyn {

void plan_options(po::options_description& d) {
    d.add_options()("year", po::value<std::string>()->required()->value_name("YYYY"),
                    "the plan's year (YYYY)")("center", po::value<std::string>()->value_name("C"),
                                              "only this center (id or name)")(
        "leader", po::value<std::string>()->value_name("L"),
        "only this leader's supervisions (id, name or e-mail)")(
        "format", po::value<std::string>()->default_value("table")->value_name("F"),
        "table, csv, json or ics")("dialect", po::value<std::string>()->value_name("D"),
                                   "with csv: rfc4180 (default) or excel-da (semicolons, BOM)")(
        "output,o", po::value<std::string>()->value_name("PATH"),
        "write to this file instead of standard output")(
        "no-level", "the plain plan: every supervision on the first plannable day of its period")(
        "register-only", "ignore the re-rating decisions in the findings log: the register alone");
}

namespace {

enum class Format { table, csv, json, ics };

Format parse_format(const std::string& f) {
    if (f == "table") return Format::table;
    if (f == "csv") return Format::csv;
    if (f == "json") return Format::json;
    if (f == "ics") return Format::ics;
    throw UsageError("--format: unknown format '" + f + "'; expected table, csv, json or ics");
}

}  // namespace

int run_plan(const po::variables_map& vm, Context& ctx) {
    const int year = year_option(vm);
    const Format format = parse_format(vm["format"].as<std::string>());
    const CsvDialect dialect = dialect_option(vm, format == Format::csv);
    const PlanFilter filter = filter_option(vm);
    std::optional<std::string> output;
    if (vm.count("output")) output = vm["output"].as<std::string>();

    // The log's decisions re-rate areas from their date on; without a log there are none.
    const Inputs in = load_inputs(ctx, !vm.count("register-only"));
    const Rules& rules = in.rules;
    require_planned_year(rules, filter, year);
    Plan plan = make_plan(rules, in.calendar, year, filter, &in.decisions);
    level_plan(plan, rules.policy, in.days(), !vm.count("no-level"));
    // Leveling cannot make a month lighter than the bound; when that is still above a leader's
    // capacity, the manager should hear it now rather than from the leader in March.
    const bool capacities =
        rules.policy.workload.capacity_minutes ||
        std::any_of(rules.centers.begin(), rules.centers.end(), [](const Center& c) {
            return std::any_of(c.leaders.begin(), c.leaders.end(),
                               [](const Leader& l) { return l.capacity_minutes.has_value(); });
        });
    if (capacities)
        for (const std::string& warning :
             capacity_warnings(plan_workload(plan, rules, in.calendar)))
            ctx.err << "tilsyn: plan: warning: " << warning << "; see tilsyn workload --year "
                    << year << '\n';

    write_command_output(ctx, output, "-o", [&](std::ostream& out) {
        switch (format) {
            case Format::table:
                write_plan_table(out, plan, rules);
                break;
            case Format::csv:
                write_plan_csv(out, plan, rules, dialect);
                break;
            case Format::json:
                write_plan_json(out, plan, rules);
                break;
            case Format::ics:
                write_plan_ics(out, plan, rules, in.calendar, ctx.now);
                break;
        }
    });
    return 0;
}

}  // namespace tilsyn
