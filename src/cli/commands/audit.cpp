// tilsyn audit: the auditor's pack for a year, written whole or not at all.
#include "base/error.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "cli/outputs.h"
#include "report/year_documents.h"

namespace tilsyn {

void audit_options(po::options_description& d) {
    d.add_options()("year", po::value<std::string>()->required()->value_name("YYYY"),
                    "the year to audit (YYYY)")(
        "out", po::value<std::string>()->required()->value_name("DIR"),
        "the pack's directory: must not exist yet, or be empty")(
        "center", po::value<std::string>()->value_name("C"),
        "only this center (id or name); the log is always whole")(
        "dialect", po::value<std::string>()->value_name("D"),
        "the CSV files: rfc4180 (default) or excel-da (semicolons, BOM)");
}

int run_audit(const po::variables_map& vm, Context& ctx) {
    const int year = year_option(vm);
    const std::string out = vm["out"].as<std::string>();
    const CsvDialect dialect = dialect_option(vm, true);
    const PlanFilter filter = filter_option(vm);
    guard_output(ctx, out, "--out");

    // Nothing goes to the auditor from a log that does not verify: the figures would rest on it.
    auto store = open_log_for_reading(ctx);
    std::optional<Store::Verification> chain;
    if (store) chain = require_verified(*store, ctx);
    const Inputs in = load_inputs(ctx, store.get());
    const Plan plan = leveled_plan(in, year, filter);
    const std::vector<std::string> files = write_year_audit_pack(
        {out, "--out", filter.center, dialect, ctx.today}, in, plan, store.get(), chain);
    ctx.out << "Revisionspakke for " << year << " skrevet til " << out << ": " << files.size()
            << " filer; ";
    if (chain)
        ctx.out << "kæden: " << chain->count << (chain->count == 1 ? " post" : " poster")
                << ", hoved " << chain->head << "\n";
    else
        ctx.out << "ingen tilsynslog endnu\n";
    return 0;
}

}  // namespace tilsyn
