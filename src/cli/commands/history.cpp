// tilsyn history AREA: the area's colour over time, each change with its source and reason.
#include "base/error.h"
#include "base/text.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "log/rerating.h"
#include "plan/plan.h"

#include <limits>
#include <map>

namespace tilsyn {

void history_options(po::options_description& d) {
    d.add_options()("area", po::value<std::string>()->value_name("AREA"), "the area (its id)");
}

int run_history(const po::variables_map& vm, Context& ctx) {
    if (!vm.count("area")) throw UsageError("history: which area? tilsyn history AREA");
    auto store = open_log_for_reading(ctx);
    const Inputs in = load_inputs(ctx, store.get());
    const Rules& rules = in.rules;
    const DecisionsByArea& decisions = in.decisions;
    const auto [center, area] = find_area(rules, vm["area"].as<std::string>(), "history");

    std::vector<LogEntry> all_decisions;
    std::map<std::int64_t, LogEntry> withdrawn_by;  // decision seq -> the correction
    if (store) {
        all_decisions = store->decisions();
        for (LogEntry& c : store->corrections())
            withdrawn_by.emplace(std::get<CorrectionEntry>(c.body).corrects, std::move(c));
    }
    const auto found = decisions.find(area->id);
    const RatingTimeline timeline(rules.policy, *area,
                                  found == decisions.end() ? nullptr : &found->second);

    // One line per event, in date order: the timeline's steps, then decisions that changed
    // nothing (rejected proposals, withdrawn decisions) on their day.
    struct Event {
        Date day;
        std::int64_t order;
        std::string head;
        std::string reason;
    };
    std::vector<Event> events;
    for (const RatingStep& s : timeline.steps()) {
        std::string head = iso(s.from) + "  " + pad(colour_danish(s.rating.colour), 5) + " " +
                           pad(s.rating.cadence.danish(), 13) + " " + s.source();
        if (s.decision) {
            head += s.decision->manual ? ", fastsat manuelt" : ", forslag accepteret";
            head += " af " + s.decision->by;
        }
        // From its date a step is in force; the plan follows it from the period it reaches
        // first (docs/rules.md, "When the colour changes").
        if (const auto first =
                first_occurrence_with(rules, in.calendar, *center, *area, timeline, s);
            first && first->period_start != s.from)
            head += "; planlagt fra " + iso(first->period_start);
        events.push_back({s.from, s.decision ? s.decision->seq : 0, head, s.reason()});
    }
    for (const LogEntry& e : all_decisions) {
        const auto& d = std::get<DecisionEntry>(e.body);
        if (d.area != area->id) continue;
        const std::string what = "beslutning #" + std::to_string(e.seq) + ", " +
                                 std::string(colour_danish(d.from)) + " -> " +
                                 std::string(colour_danish(d.to));
        if (d.verdict == Verdict::reject)
            events.push_back({d.decided, e.seq,
                              iso(d.decided) + "  " + pad("-", 5) + " " + pad("-", 13) + " " +
                                  what + " afvist af " + d.by,
                              d.reason});
        // A withdrawn accept or set is shown on the day it was withdrawn, with the correction's
        // reason; the decision itself no longer appears among the colours.
        if (auto w = withdrawn_by.find(e.seq); w != withdrawn_by.end()) {
            const auto& c = std::get<CorrectionEntry>(w->second.body);
            events.push_back({c.corrected, w->second.seq,
                              iso(c.corrected) + "  " + pad("-", 5) + " " + pad("-", 13) + " " +
                                  what + " (" + iso(d.decided) +
                                  ") trukket tilbage ved rettelse #" +
                                  std::to_string(w->second.seq),
                              c.reason});
        }
    }
    if (area->closed)
        events.push_back({area->closed->date, std::numeric_limits<std::int64_t>::max(),
                          iso(area->closed->date) + "  " + pad("-", 5) + " " + pad("-", 13) +
                              " lukket (" + center->source + ")",
                          area->closed->reason});
    std::stable_sort(events.begin(), events.end(), [](const Event& a, const Event& b) {
        return std::tie(a.day, a.order) < std::tie(b.day, b.order);
    });

    ctx.out << "Historik for " << area->name << " (" << area->id << "), " << center->name << "\n\n"
            << "Fra         Farve Hyppighed     Kilde\n";
    for (const Event& e : events)
        ctx.out << e.head << "\n" << wrap("Begrundelse: " + e.reason, 78, "            ");
    const RatingStep now = timeline.on(ctx.today);
    if (area->closed && ctx.today >= area->closed->date)
        ctx.out << "\nLukket " << iso(area->closed->date) << ": intet tilsyn fra den dag\n";
    else
        ctx.out << "\nI kraft " << iso(ctx.today) << ": " << colour_danish(now.rating.colour)
                << ", " << now.rating.cadence.danish() << "\n";
    return 0;
}

}  // namespace tilsyn
