// Tilsynsloggen: the findings log as `tilsyn log` lists it, every entry with its hash,
// withdrawn entries marked and never hidden, kept to the user's scope and filters, under the
// chain's verification: a log that does not verify says so before anything else.
#include "base/dates.h"
#include "log/entry_summary.h"
#include "web/layout.h"
#include "web/routes.h"
#include "web/scoped_log.h"
#include "web/verified_log.h"

namespace tilsyn {

namespace {

Data chain_data(const std::optional<Store::Verification>& chain) {
    Data d;
    if (!chain) {
        d.set("no_log", true);
        return d;
    }
    d.set("count", std::to_string(chain->count));
    d.set("head", chain->head);
    const std::string problem = chain_problem(*chain);
    if (problem.empty()) {
        d.set("verified", true);
    } else {
        d.set("broken", true);
        d.set("problem", problem);
    }
    Data warnings = list();
    for (const std::string& w : chain->warnings) warnings.push_back(Data("text", w));
    d.set("has_warnings", !chain->warnings.empty());
    d.set("warnings", warnings);
    return d;
}

Data row_data(const Rules& rules, const LogRow& row) {
    const LogEntry& e = *row.entry;
    Data d;
    d.set("seq", std::to_string(e.seq));
    d.set("date", danish_long(row.date));
    d.set("date_iso", iso(row.date));
    d.set("kind", std::string(kind_danish(e.body)));
    const Area* area = rules.find_area(row.area).second;
    d.set("area", row.area);
    d.set("has_area", area != nullptr);
    d.set("area_name", area ? area->name : std::string("hele loggen"));
    if (row.recorded) d.set("recorded", iso(*row.recorded));
    d.set("recorded_at", e.recorded_at);
    d.set("imported", e.imported);
    if (row.registration && row.registration->status == RegistrationStatus::late) {
        d.set("late", true);
        d.set("late_days", std::to_string(row.registration->working_days.value_or(0)));
    }
    d.set("summary", entry_summary(e));
    d.set("hash", e.hash);
    if (row.withdrawn_by) {
        d.set("withdrawn", true);
        d.set("withdrawn_by", std::to_string(*row.withdrawn_by));
    }
    return d;
}

// The same query again, for the CSV link and the form's values.
std::string query_string(const LogQuery& q) {
    std::string out;
    auto add = [&out](std::string_view name, const std::string& value) {
        out += (out.empty() ? "?" : "&") + std::string(name) + "=" + query_escape(value);
    };
    if (q.filter.area) add("omraade", *q.filter.area);
    if (q.leader) add("leder", q.leader_key);
    if (q.filter.from) add("fra", iso(*q.filter.from));
    if (q.filter.to) add("til", iso(*q.filter.to));
    return out;
}

}  // namespace

Reply show_log(PageRequest& r) {
    const Rules& rules = r.snapshot.inputs.rules;
    const LogQuery query = log_query(r);

    Data d;
    d.set("chain", chain_data(r.snapshot.chain));
    Data areas = list();
    for (const Center* c : r.scope.centers(rules))
        for (const Area& a : c->areas) {
            if (!r.scope.sees(*c, a)) continue;
            Data item;
            item.set("id", a.id);
            item.set("name", a.name + " (" + c->name + ")");
            item.set("selected", query.filter.area == a.id);
            areas.push_back(item);
        }
    d.set("areas", areas);
    const std::vector<LeaderChoice> leaders = leader_choices(rules, r.scope);
    Data leader_list = list();
    for (const LeaderChoice& l : leaders) {
        Data item;
        item.set("key", l.key);
        item.set("name", l.leader->name + " (" + l.center->name + ")");
        item.set("selected", query.leader == l.leader);
        leader_list.push_back(item);
    }
    // A leader sees only their own: no choice to offer.
    d.set("choose_leader", leaders.size() > 1);
    d.set("leaders", leader_list);
    d.set("from", query.filter.from ? iso(*query.filter.from) : "");
    d.set("to", query.filter.to ? iso(*query.filter.to) : "");
    d.set("query", query_string(query));

    std::unique_ptr<Store> store = r.site.open_log();
    std::vector<LogEntry> entries;
    if (store) entries = store->entries();
    const std::vector<LogRow> rows = scoped_log(r, entries, query);
    Data row_list = list();
    int withdrawn = 0;
    for (const LogRow& row : rows) {
        row_list.push_back(row_data(rules, row));
        if (row.withdrawn_by) ++withdrawn;
    }
    d.set("rows", row_list);
    d.set("has_rows", !rows.empty());
    d.set("has_log", store != nullptr);
    d.set("row_count", std::to_string(rows.size()) + (rows.size() == 1 ? " post" : " poster"));
    d.set("withdrawn_count", std::to_string(withdrawn));
    d.set("register_within", std::to_string(rules.policy.timeliness.register_within));
    return page(r, "Tilsynsloggen", render("log.mustache", d));
}

}  // namespace tilsyn
