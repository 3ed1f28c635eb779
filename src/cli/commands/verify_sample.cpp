// tilsyn verify-sample N --cases FILE.csv: for the auditor, confirms that the cases logged as
// reviewed by supervision N are the ones its seed draws from the case list it was drawn from.
#include "base/error.h"
#include "cli/options.h"
#include "log/case_sample.h"

#include <limits>

namespace tilsyn {

void verify_sample_options(po::options_description& d) {
    d.add_options()("entry", po::value<std::string>()->value_name("N"),
                    "the supervision's entry (its # in 'tilsyn log')")(
        "cases", po::value<std::string>()->value_name("FILE.csv"),
        "the case list the sample was drawn from");
}

int run_verify_sample(const po::variables_map& vm, Context& ctx) {
    if (!vm.count("entry"))
        throw UsageError(
            "verify-sample: which supervision? tilsyn verify-sample N --cases FILE.csv");
    if (!vm.count("cases"))
        throw UsageError(
            "verify-sample: --cases FILE.csv is required (the case list the sample was drawn "
            "from)");
    const std::int64_t seq = count_option(vm, "entry", 1, std::numeric_limits<std::int64_t>::max());

    Store store(ctx.db_path, Store::Mode::existing);
    // A logged sample is only evidence if the log itself is intact.
    require_verified(store, ctx);
    const auto e = store.entry(seq);
    if (!e)
        throw InputError("verify-sample: there is no entry " + std::to_string(seq) + " in the log");
    const auto* s = std::get_if<SupervisionEntry>(&e->body);
    if (!s)
        throw InputError("verify-sample: entry " + std::to_string(seq) + " is a " +
                         std::string(kind_danish(e->body)) + ", not a supervision");
    if (!s->sample)
        throw InputError(
            "verify-sample: supervision #" + std::to_string(seq) +
            " was recorded without a sample (no seed or case list was logged with it)");
    const SampleRecord& logged = *s->sample;

    const CaseList list = read_case_list(vm["cases"].as<std::string>());
    if (list.sha256 != logged.cases_sha256)
        throw Error(list.file + ": the case list is not the one used: sha256 " + list.sha256 +
                        ", logged " + logged.cases_sha256,
                    ExitCode::attention);
    const std::vector<DrawnCase> drawn = draw_sample(list, logged.seed, logged.size);
    const std::vector<std::string> differences = sample_differences(logged.reviewed, drawn);
    if (!differences.empty()) {
        ctx.out << "Stikprøven for tilsyn #" << seq << " stemmer ikke med frøet \"" << logged.seed
                << "\":\n";
        for (const std::string& d : differences) ctx.out << "  " << d << "\n";
        ctx.err << "tilsyn: verify-sample: the cases logged for supervision #" << seq
                << " are not the ones the seed draws from the list\n";
        return static_cast<int>(ExitCode::attention);
    }
    ctx.out << "Stikprøven for tilsyn #" << seq << " er bekræftet: de " << logged.size
            << " gennemgåede sager er dem, frøet \"" << logged.seed
            << "\" udtrækker af sagslisten (" << logged.population << " sager, sha256 "
            << logged.cases_sha256 << ")\n";
    return 0;
}

}  // namespace tilsyn
