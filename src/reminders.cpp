#include "reminders.h"

#include "error.h"
#include "store.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <map>
#include <tuple>

namespace tilsyn {

bool Reminders::any_overdue() const {
    return std::any_of(leaders.begin(), leaders.end(), [](const LeaderReminders& l) { return !l.overdue.empty(); });
}

namespace {

// The leader filter matches like everywhere else (Leader::matches): id, name or e-mail.
void require_known_leader(Store& store, const ReminderQuery& q) {
    SQLite::Statement all(store.db(), R"sql(
SELECT DISTINCT leader, name, email FROM plan_leader
WHERE year BETWEEN ? AND ? ORDER BY center, leader)sql");
    all.bind(1, q.since.year());
    all.bind(2, q.horizon.year());
    std::string known;
    while (all.executeStep()) {
        const std::string id = all.getColumn(0).getString();
        const std::string name = all.getColumn(1).getString();
        if (*q.leader == id || *q.leader == name || *q.leader == all.getColumn(2).getString()) return;
        known += (known.empty() ? "" : ", ") + id + " (" + name + ")";
    }
    throw InputError("--leader: no leader \"" + *q.leader + "\"; known leaders: " + known);
}

}  // namespace

Reminders query_reminders(Store& store, const ReminderQuery& q) {
    if (q.leader) require_known_leader(store, q);
    Reminders r;
    r.today = q.today;
    r.within = q.within;
    r.horizon = q.horizon;
    r.since = q.since;

    // The partial index planned_open holds only what is not done, in due order, with every
    // column read here (schema version 3): a morning's question reads the open supervisions in
    // the window from consecutive index pages and nothing else. A column added to this query
    // must be added to the index too, or every row costs a lookup in the table again.
    SQLite::Statement s(store.db(), R"sql(
SELECT center, center_name, leader, leader_name, leader_email,
       area, area_name, colour, focus, occurrence, period, planned, due
FROM planned
WHERE done = 0 AND due >= ?1 AND due <= ?2
  AND (?3 IS NULL OR leader = ?3 OR leader_name = ?3 OR leader_email = ?3)
ORDER BY due, area, occurrence)sql");
    s.bind(1, iso(q.since));
    s.bind(2, iso(q.horizon));
    if (q.leader) s.bind(3, *q.leader);
    else s.bind(3);

    // Grouped by (center, leader id): short keys, no allocation per row; ordered by name below.
    std::map<std::pair<std::string, std::string>, std::size_t> index;
    std::pair<std::string, std::string> key;
    while (s.executeStep()) {
        key.first.assign(s.getColumn(0).getText());
        key.second.assign(s.getColumn(2).getText());
        auto [it, fresh] = index.try_emplace(key, r.leaders.size());
        if (fresh) {
            LeaderReminders& l = r.leaders.emplace_back();
            l.center = key.first;
            l.center_name = s.getColumn(1).getText();
            l.leader = key.second;
            l.name = s.getColumn(3).getText();
            l.email = s.getColumn(4).getText();
        }
        LeaderReminders& l = r.leaders[it->second];
        ReminderItem item;
        item.area = s.getColumn(5).getText();
        item.area_name = s.getColumn(6).getText();
        item.colour = parse_colour(s.getColumn(7).getText()).value_or(Colour::green);
        item.focus = s.getColumn(8).getText();
        item.occurrence = s.getColumn(9).getText();
        item.period = s.getColumn(10).getText();
        const auto planned = parse_iso_date(s.getColumn(11).getText());
        const auto due = parse_iso_date(s.getColumn(12).getText());
        if (!planned || !due) throw Error("the plan cache holds a bad date; delete its rows to rebuild it", ExitCode::internal);
        item.planned = *planned;
        item.due = *due;
        (item.due < q.today ? l.overdue : l.due_soon).push_back(std::move(item));
    }
    std::sort(r.leaders.begin(), r.leaders.end(), [](const LeaderReminders& a, const LeaderReminders& b) {
        return std::tie(a.center, a.name, a.leader) < std::tie(b.center, b.name, b.leader);
    });
    return r;
}

}  // namespace tilsyn
