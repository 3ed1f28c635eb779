#include "log/area_history.h"

#include "log/store.h"

#include <algorithm>
#include <limits>
#include <map>
#include <tuple>

namespace tilsyn {

AreaHistory area_history(const Inputs& in, Store* store, const Center& center, const Area& area,
                         Date today) {
    std::vector<LogEntry> all_decisions;
    std::map<std::int64_t, LogEntry> withdrawn_by;  // decision seq -> the correction
    if (store) {
        all_decisions = store->decisions();
        for (LogEntry& c : store->corrections())
            withdrawn_by.emplace(std::get<CorrectionEntry>(c.body).corrects, std::move(c));
    }
    const RatingTimeline timeline(in.rules.policy, area, decisions_of(&in.decisions, area));

    // Events in date order: the timeline's steps, then decisions that changed nothing (rejected
    // proposals, withdrawn decisions) on their day; on one day, in log order.
    struct Ordered {
        std::int64_t order;
        AreaHistoryEvent event;
    };
    std::vector<Ordered> events;
    for (const RatingStep& s : timeline.steps()) {
        std::string what = s.source();
        if (s.decision) {
            what += s.decision->manual ? ", fastsat manuelt" : ", forslag accepteret";
            what += " af " + s.decision->by;
        }
        // From its date a step is in force; the plan follows it from the period it reaches
        // first (docs/rules.md, "When the colour changes").
        if (const auto first =
                first_occurrence_with(in.rules, in.calendar, center, area, timeline, s);
            first && first->period_start != s.from)
            what += "; planlagt fra " + iso(first->period_start);
        events.push_back({s.decision ? s.decision->seq : 0, {s.from, s.rating, what, s.reason()}});
    }
    for (const LogEntry& e : all_decisions) {
        const auto& d = std::get<DecisionEntry>(e.body);
        if (d.area != area.id) continue;
        const std::string decision = "beslutning #" + std::to_string(e.seq) + ", " +
                                     std::string(colour_danish(d.from)) + " -> " +
                                     std::string(colour_danish(d.to));
        if (d.verdict == Verdict::reject)
            events.push_back(
                {e.seq, {d.decided, std::nullopt, decision + " afvist af " + d.by, d.reason}});
        // A withdrawn accept or set is shown on the day it was withdrawn, with the correction's
        // reason; the decision itself no longer appears among the colours.
        if (auto w = withdrawn_by.find(e.seq); w != withdrawn_by.end()) {
            const auto& c = std::get<CorrectionEntry>(w->second.body);
            events.push_back(
                {w->second.seq,
                 {c.corrected, std::nullopt,
                  decision + " (" + iso(d.decided) + ") trukket tilbage ved rettelse #" +
                      std::to_string(w->second.seq),
                  c.reason}});
        }
    }
    if (area.closed)
        events.push_back({std::numeric_limits<std::int64_t>::max(),
                          {area.closed->date, std::nullopt, "lukket (" + center.source + ")",
                           area.closed->reason}});
    std::stable_sort(events.begin(), events.end(), [](const Ordered& a, const Ordered& b) {
        return std::tie(a.event.day, a.order) < std::tie(b.event.day, b.order);
    });

    AreaHistory h;
    h.center = &center;
    h.area = &area;
    h.today = today;
    for (Ordered& o : events) h.events.push_back(std::move(o.event));
    h.closed = area.closed && today >= area.closed->date;
    h.in_force = timeline.on(today).rating;
    return h;
}

}  // namespace tilsyn
