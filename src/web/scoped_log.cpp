#include "web/scoped_log.h"

#include "base/dates.h"

namespace tilsyn {

std::vector<LeaderChoice> leader_choices(const Rules& rules, const Scope& scope) {
    std::vector<LeaderChoice> out;
    for (const Center* c : scope.centers(rules))
        for (std::size_t i = 0; i < c->leaders.size(); ++i) {
            const bool seen = std::any_of(c->areas.begin(), c->areas.end(), [&](const Area& a) {
                return a.leader == i && scope.sees(*c, a);
            });
            if (seen) out.push_back({c->id + "/" + c->leaders[i].id, c, &c->leaders[i]});
        }
    return out;
}

LogQuery log_query(const PageRequest& r) {
    const Rules& rules = r.snapshot.inputs.rules;
    LogQuery q;
    q.filter.from = date_param(r, "fra");
    q.filter.to = date_param(r, "til");
    if (!r.params.get("aar").value_or("").empty()) {
        // A year's entries: the shorthand of the downloads page, narrowed by fra and til.
        const int year = year_param(r);
        const Date first(static_cast<unsigned short>(year), 1, 1);
        const Date last(static_cast<unsigned short>(year), 12, 31);
        if (!q.filter.from || *q.filter.from < first) q.filter.from = first;
        if (!q.filter.to || *q.filter.to > last) q.filter.to = last;
    }
    if (q.filter.from && q.filter.to && *q.filter.to < *q.filter.from)
        throw BadRequest("til: " + iso(*q.filter.to) + " ligger før fra (" + iso(*q.filter.from) +
                         ")");
    if (const auto area = r.params.get("omraade"); area && !area->empty()) {
        if (!rules.find_area(*area).second)
            throw BadRequest("omraade: intet register har området \"" + *area + "\"");
        if (!r.scope.sees_area(rules, *area))
            throw Forbidden("Området " + *area + " hører ikke under dig.");
        q.filter.area = *area;
    }
    if (const auto key = r.params.get("leder"); key && !key->empty()) {
        const std::size_t slash = key->find('/');
        const Center* center = nullptr;
        for (const Center& c : rules.centers)
            if (slash != std::string::npos && c.id == key->substr(0, slash)) center = &c;
        const Leader* leader = nullptr;
        if (center)
            for (const Leader& l : center->leaders)
                if (l.id == key->substr(slash + 1)) leader = &l;
        if (!leader)
            throw BadRequest("leder: \"" + *key + "\" er ingen leder i registrene (center/leder)");
        const auto choices = leader_choices(rules, r.scope);
        if (std::none_of(choices.begin(), choices.end(),
                         [&](const LeaderChoice& c) { return c.leader == leader; }))
            throw Forbidden("Lederen " + leader->name + " hører ikke under dig.");
        q.center = center;
        q.leader = leader;
        q.leader_key = *key;
    }
    return q;
}

bool LogQuery::keeps(const Rules& rules, const Scope& scope, const LogRow& row) const {
    if (!filter.keeps(row)) return false;
    const auto [row_center, row_area] = rules.find_area(row.area);
    // The signing keys' entries are about the whole log: only for those who see all of it.
    if (!row_area) return scope.everything() && !leader;
    if (!scope.sees(*row_center, *row_area)) return false;
    return !leader || (row_center == center && &row_center->leader_of(*row_area) == leader);
}

std::vector<LogRow> scoped_log(const PageRequest& r, const std::vector<LogEntry>& entries,
                               const LogQuery& query) {
    const Inputs& in = r.snapshot.inputs;
    const RegistrationRule rule(in.calendar, in.rules.policy.timeliness.register_within);
    std::vector<LogRow> rows;
    for (LogRow& row : list_log(entries, rule))
        if (query.keeps(in.rules, r.scope, row)) rows.push_back(std::move(row));
    return rows;
}

}  // namespace tilsyn
