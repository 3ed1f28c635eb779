// `tilsyn import`: the rows of its CSV files (read_import_rows) and then check_supervision on
// each supervision against the fixture rules, as run_import does before anything is appended.
//
// The input holds the supervisions CSV, optionally followed by the findings CSV and then the
// actions CSV, each after a line "%%":
//
//     ref,area,date,cases          <- supervisions.csv
//     s1,bc-sygedagpenge,2027-01-05,10
//     %%
//     supervision,case,axis,...    <- findings.csv
//     %%
//     supervision,text,owner,due   <- actions.csv
#include "fixture_rules.h"
#include "fuzz_support.h"

#include "base/csv_reader.h"
#include "log/import_rows.h"

#include <array>
#include <optional>
#include <string>

using namespace tilsyn;

namespace {

// The input cut at its "%%" lines: up to three CSV texts.
std::vector<std::string_view> sections(std::string_view text) {
    std::vector<std::string_view> out;
    while (out.size() < 2) {
        const std::size_t at = text.starts_with("%%\n") ? 0 : text.find("\n%%\n");
        if (at == std::string_view::npos) break;
        const std::size_t line = at == 0 ? 0 : at + 1;  // keeps the line break before "%%"
        out.push_back(text.substr(0, line));
        text.remove_prefix(line + 3);
    }
    out.push_back(text);
    return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const fuzz::Fixture& f = fuzz::fixture();
    const std::vector<std::string_view> parts = sections(fuzz::text_of(data, size));
    static const std::array<std::string, 3> names{"supervisions.csv", "findings.csv",
                                                  "actions.csv"};
    std::vector<CsvTable> tables;
    try {
        for (std::size_t i = 0; i < parts.size(); ++i)
            tables.push_back(parse_csv(parts[i], names[i]));
    } catch (const Error&) {
        return 0;  // the CSV reader's refusal; csv_reader_fuzz covers it
    }
    std::vector<SupervisionInput> inputs;
    try {
        inputs = read_import_rows(tables[0], tables.size() > 1 ? &tables[1] : nullptr,
                                  tables.size() > 2 ? &tables[2] : nullptr);
    } catch (const Error&) {
        ++fuzz::reach().refused;
        return 0;
    }
    ++fuzz::reach().accepted;
    tables.clear();  // the inputs must not need them
    for (const SupervisionInput& in : inputs) {
        // Every place a message can name, including each finding's and action's row.
        for (std::size_t k = 1; k <= in.findings.size(); ++k)
            (void)in.place("findings[" + std::to_string(k) + "].description");
        for (std::size_t k = 1; k <= in.actions.size(); ++k)
            (void)in.place("actions[" + std::to_string(k) + "].due");
        (void)in.place("errors.statsrefusion");
        try {
            (void)check_supervision(in, f.rules, f.calendar, {}, f.today);
        } catch (const Error&) {
            // Refused by the checks: an answer, like the rows' refusals.
        }
    }
    return 0;
}
