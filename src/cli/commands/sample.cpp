// tilsyn sample AREA: draws a supervision's sample (stikprøve) from a case list, reproducibly
// from a seed (docs/sampling.md), and says how its size was found.
#include "base/csv_writer.h"
#include "base/error.h"
#include "base/text.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "log/case_sample.h"
#include "log/entry_checks.h"
#include "log/rerating.h"
#include "plan/plan.h"
#include "rules/sampling_policy.h"

#include <nlohmann/json.hpp>

#include <iomanip>

namespace tilsyn {

void sample_options(po::options_description& d) {
    d.add_options()("area", po::value<std::string>()->value_name("AREA"), "the area (its id)")(
        "occurrence", po::value<std::string>()->value_name("CODE"),
        "the planned occurrence, e.g. 2027-M03 (default: the one containing today)")(
        "cases", po::value<std::string>()->value_name("FILE.csv"),
        "the case list to draw from: a column sagsnummer (or case), else the first column")(
        "seed", po::value<std::string>()->value_name("S"), "the seed (default: AREA/OCCURRENCE)")(
        "size", po::value<std::string>()->value_name("N"),
        "draw N cases instead of the rules' sample size")(
        "format", po::value<std::string>()->default_value("text")->value_name("F"),
        "text, csv or json");
}

namespace {

// The occurrence named, or the one whose period holds `today`, in the plan with the log's
// decisions; its rating gives the colour that decides the sample size.
Occurrence find_occurrence(const Inputs& in, const Center& center, const Area& area,
                           const RatingTimeline& timeline, const std::optional<std::string>& code,
                           Date today) {
    int year = today.year();
    if (code) {
        const auto y = code->size() > 4 ? parse_year(code->substr(0, 4)) : std::nullopt;
        if (!y)
            throw InputError("--occurrence: \"" + *code +
                             "\" is not a period code such as 2027-M03");
        year = *y;
    }
    const std::vector<Occurrence> occurrences =
        area_occurrences(in.rules, in.calendar, center, area, timeline, year);
    for (const Occurrence& o : occurrences)
        if (code ? o.period_code() == *code : (o.period_start <= today && today <= o.period_end))
            return o;
    std::string codes;
    for (const Occurrence& o : occurrences) codes += (codes.empty() ? "" : ", ") + o.period_code();
    throw InputError("--occurrence: " + area.id + " has no planned occurrence \"" +
                     code.value_or(iso(today)) + "\"; in " + std::to_string(year) + " it has " +
                     codes);
}

// For the suggested record command line: words a shell would split or expand are quoted.
std::string shell_word(const std::string& s) {
    if (!s.empty() &&
        s.find_first_not_of(
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/._-+:=") ==
            std::string::npos)
        return s;
    std::string out = "'";
    for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

}  // namespace

int run_sample(const po::variables_map& vm, Context& ctx) {
    if (!vm.count("area"))
        throw UsageError("sample: which area? tilsyn sample AREA --cases FILE.csv");
    if (!vm.count("cases"))
        throw UsageError("sample: --cases FILE.csv is required (the case list to draw from)");
    const std::string format = vm["format"].as<std::string>();
    if (format != "text" && format != "csv" && format != "json")
        throw UsageError("--format: unknown format '" + format + "'; expected text, csv or json");
    std::optional<std::int64_t> size_flag;
    if (vm.count("size")) {
        size_flag = count_option(vm, "size", 1, max_cases, "cases");
    }
    std::optional<std::string> code;
    if (vm.count("occurrence")) code = vm["occurrence"].as<std::string>();

    const Inputs in = load_inputs(ctx, true);
    const Rules& rules = in.rules;
    const auto [center, area] = find_area(rules, vm["area"].as<std::string>(), "sample");
    const RatingTimeline timeline(rules.policy, *area, decisions_of(&in.decisions, *area));
    const Occurrence occ = find_occurrence(in, *center, *area, timeline, code, ctx.today);

    const CaseList list = read_case_list(vm["cases"].as<std::string>());
    const std::string seed =
        vm.count("seed") ? vm["seed"].as<std::string>() : default_seed(area->id, occ.period_code());
    check_seed(seed, "--seed");
    const SampleSizeChoice size =
        size_flag ? SampleSizeChoice{*size_flag, "--size"}
                  : choose_sample_size(rules.policy, *area, occ.rating().colour);
    const std::vector<DrawnCase> drawn = draw_sample(list, seed, size.size);

    if (format == "csv") {
        CsvWriter csv(ctx.out, CsvDialect::rfc4180);
        csv.row({"position", "case_ref", "row", "key"});
        int position = 0;
        for (const DrawnCase& c : drawn)
            csv.row({std::to_string(++position), c.ref, std::to_string(c.row), c.key});
        return 0;
    }
    if (format == "json") {
        using Json = nlohmann::ordered_json;
        Json cases = Json::array();
        int position = 0;
        for (const DrawnCase& c : drawn)
            cases.push_back(
                {{"position", ++position}, {"case_ref", c.ref}, {"row", c.row}, {"key", c.key}});
        Json doc{{"area", area->id},
                 {"occurrence", occ.period_code()},
                 {"colour", colour_token(occ.rating().colour)},
                 {"seed", seed},
                 {"cases_file", list.file},
                 {"cases_sha256", list.sha256},
                 {"population", list.cases.size()},
                 {"size", size.size},
                 {"size_basis", size.basis},
                 {"selected", std::move(cases)}};
        ctx.out << doc.dump(2) << "\n";
        return 0;
    }
    ctx.out << "Stikprøve til tilsyn med " << area->name << " (" << area->id << "), "
            << occ.period_name() << " (" << occ.period_code() << "), "
            << colour_danish(occ.rating().colour) << "\n"
            << "  Frø:        " << seed << "\n"
            << "  Sagsliste:  " << list.file << ", " << list.cases.size() << " sager, sha256 "
            << list.sha256 << "\n"
            << "  Størrelse:  " << size.size << " (" << size.basis << ")\n\n"
            << "   Nr.  Sagsnummer            Række\n";
    int position = 0;
    for (const DrawnCase& c : drawn)
        ctx.out << std::setw(6) << ++position << "  " << std::left << std::setw(20) << c.ref
                << std::right << std::setw(7) << c.row << "\n";
    ctx.out << "\nRegistrér tilsynet med: tilsyn record --area " << area->id << " --occurrence "
            << occ.period_code() << " --date ÅÅÅÅ-MM-DD --sample " << shell_word(list.file)
            << (vm.count("seed") ? " --seed " + shell_word(seed) : std::string())
            << (size_flag ? " --cases " + std::to_string(size.size) : std::string()) << "\n";
    return 0;
}

}  // namespace tilsyn
