// tilsyn import: supervisions, findings and actions from CSV (a spreadsheet migration), in one
// transaction: every row is checked first, and one bad row stores nothing.
#include "base/csv_reader.h"
#include "base/error.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "log/import_rows.h"
#include "log/rerating.h"
#include "log/supervision_input.h"

#include <optional>
#include <set>

namespace tilsyn {

void import_options(po::options_description& d) {
    d.add_options()("supervisions", po::value<std::string>()->value_name("S.csv"),
                    "supervisions: ref, area, date, cases, ... (docs/log.md)")(
        "findings", po::value<std::string>()->value_name("F.csv"),
        "findings: supervision (its ref), case, axis, category, severity, ...")(
        "actions", po::value<std::string>()->value_name("A.csv"),
        "actions: supervision (its ref), text, owner, due");
}

int run_import(const po::variables_map& vm, Context& ctx) {
    if (!vm.count("supervisions"))
        throw UsageError(
            "import: --supervisions S.csv is required (findings and actions belong to its rows)");
    const CsvTable sup = read_csv_file(vm["supervisions"].as<std::string>());
    std::optional<CsvTable> fin, act;
    if (vm.count("findings")) fin = read_csv_file(vm["findings"].as<std::string>());
    if (vm.count("actions")) act = read_csv_file(vm["actions"].as<std::string>());
    const std::vector<SupervisionInput> inputs =
        read_import_rows(sup, fin ? &*fin : nullptr, act ? &*act : nullptr);

    ImportProblems problems;

    // The decisions are read under the write lock below.
    const Inputs loaded = load_inputs(ctx, false);
    const Rules& rules = loaded.rules;
    const WorkCalendar& calendar = loaded.calendar;
    // Every row against the rules and the decisions in force; occurrences claimed twice within
    // the batch are found here too, before anything is appended.
    auto check_all = [&](const DecisionsByArea& decisions) {
        std::vector<CheckedSupervision> checked(inputs.size());
        std::set<std::pair<std::string, std::string>> claimed;
        for (std::size_t i = 0; i < inputs.size(); ++i)
            problems.attempt([&] {
                checked[i] = check_supervision(inputs[i], rules, calendar, decisions, ctx.today);
                const auto& s = checked[i];
                if (s.entry.occurrence &&
                    !claimed.emplace(s.entry.area, *s.entry.occurrence).second)
                    throw InputError(inputs[i].place(s.occurrence_given ? "occurrence" : "date") +
                                     ": " + *s.entry.occurrence + " of " + s.entry.area +
                                     " is fulfilled twice in this import");
            });
        problems.throw_if_any();
        return checked;
    };
    // Without a log yet, check before creating it: refused input leaves no empty database.
    if (!log_exists(ctx)) (void)check_all({});
    auto store = open_log_for_writing(ctx);
    std::size_t findings = 0, actions = 0;
    KeyFile key = key_file(ctx);
    const Head head = store->write(recorded_at(ctx), key, [&](Store::Writer& w) {
        const std::vector<CheckedSupervision> checked = check_all(colour_decisions(w.store()));
        for (std::size_t i = 0; i < inputs.size(); ++i)
            problems.attempt([&] {
                append_supervision(w, checked[i], inputs[i].place, true);
                findings += checked[i].findings->size();
                actions += checked[i].actions->size();
            });
        problems.throw_if_any();
    });
    ctx.out << "Importeret: " << inputs.size() << " tilsyn, " << findings << " fund, " << actions
            << (actions == 1 ? " handling" : " handlinger") << "\n"
            << head_line(head) << "\n";
    return 0;
}

}  // namespace tilsyn
