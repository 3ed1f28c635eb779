// tilsyn workload: rules -> plan (leveled unless --no-level) -> each leader's months and weeks,
// beside the bounds leveling is measured against; --lp writes the month problem for GLPK.
#include "base/error.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "cli/outputs.h"
#include "plan/leveling.h"
#include "workload/workload_formats.h"

namespace tilsyn {

void workload_options(po::options_description& d) {
    d.add_options()("year", po::value<std::string>()->required()->value_name("YYYY"),
                    "the plan's year (YYYY)")("center", po::value<std::string>()->value_name("C"),
                                              "only this center (id or name)")(
        "leader", po::value<std::string>()->value_name("L"),
        "only this leader (id, name or e-mail)")(
        "format", po::value<std::string>()->default_value("table")->value_name("F"),
        "table, csv or json")("dialect", po::value<std::string>()->value_name("D"),
                              "with csv: rfc4180 (default) or excel-da (semicolons, BOM)")(
        "output,o", po::value<std::string>()->value_name("PATH"),
        "write to this file instead of standard output")(
        "lp", po::value<std::string>()->value_name("FILE"),
        "also write the leveling problem as a CPLEX LP file for glpsol (- : only the LP, to "
        "standard output)")(
        "no-level", "the plain plan: every supervision on the first plannable day of its period")(
        "register-only", "ignore the re-rating decisions in the findings log: the register alone");
}

namespace {

enum class Format { table, csv, json };

Format parse_format(const std::string& f) {
    if (f == "table") return Format::table;
    if (f == "csv") return Format::csv;
    if (f == "json") return Format::json;
    throw UsageError("--format: unknown format '" + f + "'; expected table, csv or json");
}

}  // namespace

int run_workload(const po::variables_map& vm, Context& ctx) {
    const int year = year_option(vm);
    const Format format = parse_format(vm["format"].as<std::string>());
    const CsvDialect dialect = dialect_option(vm, format == Format::csv);
    const PlanFilter filter = filter_option(vm);
    std::optional<std::string> output;
    if (vm.count("output")) output = vm["output"].as<std::string>();
    std::optional<std::string> lp;
    if (vm.count("lp")) lp = vm["lp"].as<std::string>();
    // Both checked before either is written: a refused -o must not leave a new --lp behind.
    if (output && *output != "-") guard_output(ctx, *output, "-o");
    if (lp && *lp != "-") guard_output(ctx, *lp, "--lp");
    if (lp && output && *lp != "-" && *output != "-")
        refuse_input_as_output(*lp, "--lp", {{{*output, "the file -o writes"}}, ""});

    const Inputs in = load_inputs(ctx, !vm.count("register-only"));
    const Rules& rules = in.rules;
    require_planned_year(rules, filter, year);
    Plan plan = make_plan(rules, in.calendar, year, filter, &in.decisions);
    level_plan(plan, rules.policy, in.days(), !vm.count("no-level"));
    const Workload w = plan_workload(plan, rules, in.calendar);

    if (lp) {
        const LevelingProblem problem = leveling_problem(in.days(), year, plan.occurrences);
        // "-" sends the LP to standard output for a pipe (glpsol --lp /dev/stdin), alone unless
        // -o takes the report elsewhere.
        const bool to_stdout = *lp == "-";
        write_command_output(ctx, to_stdout ? std::nullopt : lp, "--lp",
                             [&](std::ostream& out) { write_workload_lp(out, problem); });
        if (to_stdout && !output) return 0;
    }
    write_command_output(ctx, output, "-o", [&](std::ostream& out) {
        switch (format) {
            case Format::table:
                write_workload_table(out, w, rules);
                break;
            case Format::csv:
                write_workload_csv(out, w, dialect);
                break;
            case Format::json:
                write_workload_json(out, w);
                break;
        }
    });
    return 0;
}

}  // namespace tilsyn
