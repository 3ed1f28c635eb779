// tilsyn record: one performed supervision, with its findings and actions, into the log.
#include "base/error.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "log/entry_checks.h"
#include "log/rerating.h"
#include "log/supervision_input.h"
#include "plan/plan.h"

namespace tilsyn {

void record_options(po::options_description& d) {
    d.add_options()("file", po::value<std::string>()->value_name("F.toml"),
                    "the whole supervision, findings and actions from a TOML file")(
        "area", po::value<std::string>()->value_name("A"), "the area supervised (its id)")(
        "date", po::value<std::string>()->value_name("YYYY-MM-DD"), "the day it was performed")(
        "leader", po::value<std::string>()->value_name("L"),
        "who performed it (default: the area's leader)")(
        "occurrence", po::value<std::string>()->value_name("CODE"),
        "the planned occurrence it fulfils, e.g. 2027-M03 (default: the date's period)")(
        "ad-hoc", "an extra supervision that fulfils no planned occurrence")(
        "cases", po::value<std::string>()->value_name("N"), "number of cases reviewed")(
        "errors-sagsbehandling", po::value<std::string>()->value_name("N"),
        "cases with errors in the case processing")("errors-statsrefusion",
                                                    po::value<std::string>()->value_name("N"),
                                                    "cases with errors in the state reimbursement")(
        "note", po::value<std::string>()->value_name("TEXT"), "a note on the supervision")(
        "sample", po::value<std::string>()->value_name("FILE.csv"),
        "the case list the sample was drawn from (tilsyn sample): the drawn cases are logged as "
        "reviewed; --cases defaults to the rules' sample size")(
        "seed", po::value<std::string>()->value_name("S"),
        "with --sample: the seed it was drawn with (default: AREA/OCCURRENCE)");
}

namespace {

SupervisionInput from_flags(const po::variables_map& vm) {
    const bool sampled = vm.count("sample") > 0;
    if (vm.count("seed") && !sampled) throw UsageError("record: --seed goes with --sample");
    for (const char* required : {"area", "date", "cases"})
        if (!vm.count(required) && !(sampled && std::string_view(required) == "cases"))
            throw UsageError(std::string("record: --") + required +
                             " is required (or give the whole supervision with --file)");
    SupervisionInput in;
    in.area = vm["area"].as<std::string>();
    in.performed = *date_option(vm, "date");
    if (vm.count("leader")) in.leader = vm["leader"].as<std::string>();
    if (vm.count("occurrence")) in.occurrence = vm["occurrence"].as<std::string>();
    in.ad_hoc = vm.count("ad-hoc") > 0;
    in.cases_given = vm.count("cases") > 0;
    if (in.cases_given) in.cases = count_option(vm, "cases", 0, max_cases);
    if (sampled) {
        std::optional<std::string> seed;
        if (vm.count("seed")) seed = vm["seed"].as<std::string>();
        in.sample = SampleInput{read_case_list(vm["sample"].as<std::string>()), seed};
    }
    if (vm.count("errors-sagsbehandling"))
        in.errors_sagsbehandling = count_option(vm, "errors-sagsbehandling", 0, max_cases);
    if (vm.count("errors-statsrefusion"))
        in.errors_statsrefusion = count_option(vm, "errors-statsrefusion", 0, max_cases);
    if (vm.count("note")) in.note = vm["note"].as<std::string>();
    in.place = [](const std::string& field) {
        if (field == "errors.sagsbehandling") return std::string("--errors-sagsbehandling");
        if (field == "errors.statsrefusion") return std::string("--errors-statsrefusion");
        if (field == "sample.cases_file") return std::string("--sample");
        return "--" + field;
    };
    return in;
}

}  // namespace

namespace {

struct OpenPeriod {
    std::string name;  ///< "februar 2027"
    std::string code;  ///< "2027-M02"
    Date due;
};

// The latest period of the area before the one a supervision was matched to by its date that
// is overdue on that date and fulfilled by nothing: the leader probably meant that one.
std::optional<OpenPeriod> earlier_overdue(const Rules& rules, const WorkCalendar& calendar,
                                          Store& store, const CheckedSupervision& checked) {
    const SupervisionEntry& s = checked.entry;
    const DecisionsByArea decisions = colour_decisions(store);
    const RatingTimeline timeline(rules.policy, *checked.area,
                                  decisions_of(&decisions, *checked.area));
    const Fulfilments fulfilled = store.fulfilments();
    std::optional<OpenPeriod> found;
    for (int year = s.performed.year() - 1; year <= s.performed.year(); ++year)
        for (const Occurrence& o :
             area_occurrences(rules, calendar, *checked.center, *checked.area, timeline, year))
            if (o.due < s.performed && o.period_code() != *s.occurrence &&
                !fulfilled.count({s.area, o.period_code()}))
                found = OpenPeriod{o.period_name(), o.period_code(), o.due};
    return found;
}

}  // namespace

int run_record(const po::variables_map& vm, Context& ctx) {
    SupervisionInput in;
    if (vm.count("file")) {
        for (const char* flag :
             {"area", "date", "leader", "occurrence", "ad-hoc", "cases", "errors-sagsbehandling",
              "errors-statsrefusion", "note", "sample", "seed"})
            if (vm.count(flag))
                throw UsageError(std::string("record: --") + flag +
                                 " cannot be combined with --file; put it in the file");
        in = read_record_file(vm["file"].as<std::string>());
    } else {
        in = from_flags(vm);
    }
    // The decisions are read under the write lock below.
    const Inputs inputs = load_inputs(ctx, false);
    const Rules& rules = inputs.rules;
    const WorkCalendar& calendar = inputs.calendar;
    // Bad input must not leave a new, empty database behind: without a log yet, check first.
    if (!log_exists(ctx)) (void)check_supervision(in, rules, calendar, {}, ctx.today);
    auto store = open_log_for_writing(ctx);

    std::int64_t seq = 0;
    CheckedSupervision checked;
    KeyFile key = key_file(ctx);
    const Head head = store->write(recorded_at(ctx), key, [&](Store::Writer& w) {
        // Checked under the write lock, so a decision or a fulfilment recorded by someone else
        // a moment ago is taken into account.
        const DecisionsByArea decisions = colour_decisions(w.store());
        checked = check_supervision(in, rules, calendar, decisions, ctx.today);
        seq = append_supervision(w, checked, in.place);
    });

    const SupervisionEntry& s = checked.entry;
    ctx.out << "Tilsyn #" << seq << " registreret: " << checked.area->name << " (" << s.area
            << "), " << iso(s.performed) << ", "
            << (s.occurrence ? "opfylder " + checked.period_name + " (" + *s.occurrence + ")"
                             : std::string("ekstra tilsyn (ad hoc)"))
            << "\n  " << s.cases << " sager gennemgået; fejl i sagsbehandling "
            << rate_text(s.errors_sagsbehandling, s.cases) << ", i statsrefusion "
            << rate_text(s.errors_statsrefusion, s.cases) << "\n  " << checked.findings->size()
            << " fund, " << checked.actions->size()
            << (checked.actions->size() == 1 ? " handling\n" : " handlinger\n");
    if (s.sample)
        ctx.out << "  Stikprøve: " << s.sample->size << " af " << s.sample->population
                << " sager, frø \"" << s.sample->seed << "\", sagsliste sha256 "
                << s.sample->cases_sha256 << "\n"
                << (checked.sample_basis.empty() ? ""
                                                 : "  Størrelse: " + checked.sample_basis + "\n");
    if (s.occurrence && !checked.occurrence_given)
        if (const auto overdue = earlier_overdue(rules, calendar, *store, checked))
            ctx.out << "  Bemærk: " << overdue->name << " (" << overdue->code
                    << ") er stadig åben, med frist " << iso(overdue->due)
                    << ". Gjaldt tilsynet den, så tilbagekald #" << seq << " (tilsyn correct "
                    << seq << " --reason ...) og registrér det igen med --occurrence "
                    << overdue->code << "\n";
    const RerateInput rerate(rules, store.get(), checked.area->id);
    if (auto p = rerate.propose(*checked.center, *checked.area, ctx.today))
        ctx.out << "  Forslag til omvurdering: " << colour_danish(p->from) << " -> "
                << colour_danish(p->to) << " (" << p->rule_text << "); se 'tilsyn rerate'\n";
    ctx.out << head_line(head) << "\n";
    return 0;
}

}  // namespace tilsyn
