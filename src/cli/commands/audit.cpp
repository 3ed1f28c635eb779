// tilsyn audit: the auditor's pack for a year, written whole or not at all.
#include "base/error.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "cli/outputs.h"
#include "plan/leveling.h"
#include "report/audit_pack.h"
#include "report/year_review.h"

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
    std::vector<LogEntry> entries;
    if (store) {
        chain = require_verified(*store, ctx);
        entries = store->entries();
    }
    const Inputs in = load_inputs(ctx, store.get());
    Plan plan = make_plan(in.rules, in.calendar, year, filter, &in.decisions);
    level_plan(plan, in.rules.policy, in.days());
    const YearReview review = review_year(in.rules, plan, in.decisions, store.get(), ctx.today);
    const RegistrationRule rule(in.calendar, in.rules.policy.timeliness.register_within);
    const std::vector<LogRow> log = list_log(entries, rule);

    const AuditPack pack{in.rules, review, log, chain, filter.center, dialect};
    const std::vector<std::string> files = write_audit_pack(out, "--out", pack);
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
