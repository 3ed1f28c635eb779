// tilsyn rerate: lists re-rating proposals with their evidence, and records a manager's
// decision on one (accept, reject, or a colour set by hand) in the log.
#include "base/error.h"
#include "base/free_text.h"
#include "base/text.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "log/rerating.h"
#include "plan/plan.h"

namespace tilsyn {

void rerate_options(po::options_description& d) {
    d.add_options()("accept", po::value<std::string>()->value_name("AREA"),
                    "accept the proposal for this area")(
        "reject", po::value<std::string>()->value_name("AREA"),
        "reject the proposal for this area")(
        "set", po::value<std::vector<std::string>>()->multitoken()->value_name("AREA COLOUR"),
        "set the area's colour by hand (red/rød, yellow/gul, green/grøn)")(
        "reason", po::value<std::string>()->value_name("TEXT"),
        "why (required with --accept, --reject, --set)")(
        "by", po::value<std::string>()->value_name("NAME"),
        "who decides (default: $TILSYN_USER, else $USER)");
}

namespace {

void print_proposal(std::ostream& out, const Proposal& p) {
    out << p.area->name << " (" << p.area->id << "), " << p.center->name << "\n"
        << "  " << colour_danish(p.from) << " -> " << colour_danish(p.to) << ": " << p.rule_text
        << "\n";
    for (const auto& line : p.evidence) out << wrap(line, 78, "    ");
}

}  // namespace

int run_rerate(const po::variables_map& vm, Context& ctx) {
    const int actions = static_cast<int>(vm.count("accept") + vm.count("reject") + vm.count("set"));
    if (actions > 1) throw UsageError("rerate: give only one of --accept, --reject and --set");
    if (actions == 0 && (vm.count("reason") || vm.count("by")))
        throw UsageError("rerate: --reason and --by go with --accept, --reject or --set");
    // The decisions are read from the log by RerateInput, under the write lock when deciding.
    const Inputs in = load_inputs(ctx, false);
    const Rules& rules = in.rules;

    if (actions == 0) {
        auto store = open_log_for_reading(ctx);
        std::vector<Proposal> proposals;
        proposals = RerateInput(rules, store.get()).propose_all(ctx.today);
        if (proposals.empty()) {
            ctx.out << "Ingen forslag til omvurdering pr. " << iso(ctx.today) << "\n";
            return 0;
        }
        ctx.out << "Forslag til omvurdering pr. " << iso(ctx.today) << " (" << proposals.size()
                << ")\n";
        for (const Proposal& p : proposals) {
            ctx.out << "\n";
            print_proposal(ctx.out, p);
        }
        ctx.out << "\nBeslut med: tilsyn rerate --accept OMRÅDE --reason \"...\" (eller --reject, "
                   "--set OMRÅDE FARVE)\n";
        return 0;
    }

    const std::string reason = reason_option(vm);
    std::string by = vm.count("by") ? vm["by"].as<std::string>() : ctx.user;
    check_text(by, "--by");
    std::string flag, area_id;
    std::optional<Colour> set_to;
    if (vm.count("accept")) flag = "--accept", area_id = vm["accept"].as<std::string>();
    if (vm.count("reject")) flag = "--reject", area_id = vm["reject"].as<std::string>();
    if (vm.count("set")) {
        const auto& v = vm["set"].as<std::vector<std::string>>();
        if (v.size() != 2) throw UsageError("--set takes an area and a colour: --set AREA COLOUR");
        flag = "--set";
        area_id = v[0];
        set_to = parse_colour(v[1]);
        if (!set_to)
            throw UsageError("--set: '" + v[1] +
                             "' is not a colour; expected red, yellow or green (rød, gul, grøn)");
    }
    // Plain pointers rather than a structured binding, which the lambda below could not
    // capture before C++20 (and clang-tidy's clang 14 cannot).
    const auto found = find_area(rules, area_id, flag);
    const Center* center = found.first;
    const Area* area = found.second;

    // The decision is worked out under the write lock; without a log yet it is worked out
    // first as well, so that a refused decision does not leave a new, empty database behind.
    auto decide = [&](Store* log) {
        const RerateInput input(rules, log, area->id);
        const auto proposal = input.propose(*center, *area, ctx.today);
        DecisionEntry d;
        d.area = area->id;
        d.decided = ctx.today;
        d.reason = reason;
        d.by = by;
        d.from = input.in_force(*area, ctx.today).rating.colour;
        if (set_to) {
            if (*set_to == d.from)
                throw InputError("--set: " + area->id + " is already " +
                                 std::string(colour_danish(d.from)) + " on " + iso(ctx.today) +
                                 (proposal
                                      ? "; to keep it so and decline the proposal to make it " +
                                            std::string(colour_danish(proposal->to)) +
                                            ", use --reject " + area->id
                                      : std::string()));
            d.verdict = Verdict::set;
            d.to = *set_to;
            d.rule = "manual";
            if (proposal)
                d.evidence = "forslag " + std::string(colour_danish(proposal->to)) + " (" +
                             proposal->rule_text + "): " + proposal->evidence_text();
        } else {
            if (!proposal)
                throw InputError(flag + ": there is no re-rating proposal for " + area->id +
                                 " on " + iso(ctx.today) + "; 'tilsyn rerate' lists them, --set " +
                                 area->id + " COLOUR sets a colour by hand");
            d.verdict = flag == "--accept" ? Verdict::accept : Verdict::reject;
            d.to = proposal->to;
            d.rule = proposal->rule;
            d.evidence = proposal->evidence_text();
        }
        return d;
    };
    if (!log_exists(ctx)) (void)decide(nullptr);
    auto store = open_log_for_writing(ctx);
    DecisionEntry d;
    std::int64_t seq = 0;
    KeyFile key = key_file(ctx);
    const Head head = store->write(recorded_at(ctx), key, [&](Store::Writer& w) {
        d = decide(&w.store());
        seq = w.append(d);
    });
    static constexpr const char* done[] = {"accepteret", "afvist", "fastsat manuelt"};
    ctx.out << "Beslutning #" << seq << ": " << area->name << " (" << area->id << ") "
            << colour_danish(d.from) << " -> " << colour_danish(d.to) << " "
            << done[static_cast<int>(d.verdict)] << " " << iso(d.decided) << "\n";
    if (d.verdict != Verdict::reject) {
        // Told from the plan itself, so that the message and the calendar cannot disagree.
        const DecisionsByArea decisions = colour_decisions(*store);
        const RatingTimeline timeline(rules.policy, *area, decisions_of(&decisions, *area));
        std::optional<Occurrence> first;
        for (const RatingStep& step : timeline.steps())
            if (step.decision && step.decision->seq == seq)
                first = first_occurrence_with(rules, in.calendar, *center, *area, timeline, step);
        if (first)
            ctx.out << "  " << colour_danish(d.to) << ", " << first->rating().cadence.danish()
                    << ", fra " << iso(first->period_start) << " (" << first->period_name()
                    << ")\n";
        else
            ctx.out << "  Ændrer ikke planen: en senere vurdering eller lukning kommer før\n";
    }
    ctx.out << head_line(head) << "\n";
    return 0;
}

}  // namespace tilsyn
