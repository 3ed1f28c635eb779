#include "remind/reminders.h"

#include "base/error.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace tilsyn {

bool Reminders::any_overdue() const {
    return std::any_of(leaders.begin(), leaders.end(),
                       [](const LeaderReminders& l) { return !l.overdue.empty(); });
}

namespace {

// The leader filter matches like everywhere else (Leader::matches): id, name or e-mail.
void require_known_leader(const Rules& rules, const std::string& key) {
    std::vector<std::pair<std::string, const Leader*>> known;  // by center id, then leader id
    for (const Center& c : rules.centers)
        for (const Leader& l : c.leaders) {
            if (l.matches(key)) return;
            known.emplace_back(c.id, &l);
        }
    std::sort(known.begin(), known.end(), [](const auto& a, const auto& b) {
        return std::tie(a.first, a.second->id) < std::tie(b.first, b.second->id);
    });
    std::string list;
    for (const auto& [center, l] : known)
        list += (list.empty() ? "" : ", ") + l->id + " (" + l->name + ")";
    throw InputError("--leader: no leader \"" + key + "\"; known leaders: " + list);
}

}  // namespace

Reminders find_reminders(const Rules& rules, const std::vector<Plan>& plans,
                         const Fulfilments& fulfilled, const ReminderQuery& q) {
    // The same center filter as the plan's, with its message for an unknown center.
    const std::vector<const Center*> centers = selected_centers(rules, {q.center, std::nullopt});
    if (q.leader) require_known_leader(rules, *q.leader);
    Reminders r;
    r.today = q.today;
    r.within = q.within;
    r.horizon = q.horizon;
    r.since = q.since;

    std::vector<const Occurrence*> open;
    for (const Plan& plan : plans)
        for (const Occurrence& o : plan.occurrences) {
            if (o.due < q.since || o.due > q.horizon) continue;
            if (q.leader && !o.leader().matches(*q.leader)) continue;
            if (q.center && std::find(centers.begin(), centers.end(), o.center) == centers.end())
                continue;
            if (!fulfilled.count({o.area->id, o.period_code()})) open.push_back(&o);
        }
    std::sort(open.begin(), open.end(), [](const Occurrence* a, const Occurrence* b) {
        return std::make_tuple(a->due, std::string_view(a->area->id), a->period_code()) <
               std::make_tuple(b->due, std::string_view(b->area->id), b->period_code());
    });

    std::map<const Leader*, std::size_t> index;
    for (const Occurrence* o : open) {
        const Leader& leader = o->leader();
        auto [it, fresh] = index.try_emplace(&leader, r.leaders.size());
        if (fresh)
            r.leaders.push_back(
                {o->center->id, o->center->name, leader.id, leader.name, leader.email, {}, {}});
        ReminderItem item{o->area->id,      o->area->name,    o->rating().colour, o->area->focus,
                          o->period_code(), o->period_name(), o->planned,         o->due};
        LeaderReminders& l = r.leaders[it->second];
        (item.due < q.today ? l.overdue : l.due_soon).push_back(std::move(item));
    }
    std::sort(
        r.leaders.begin(), r.leaders.end(), [](const LeaderReminders& a, const LeaderReminders& b) {
            return std::tie(a.center, a.name, a.leader) < std::tie(b.center, b.name, b.leader);
        });
    return r;
}

}  // namespace tilsyn
