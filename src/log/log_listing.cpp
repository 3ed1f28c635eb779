#include "log/log_listing.h"

#include <map>
#include <string>
#include <type_traits>
#include <variant>

namespace tilsyn {

bool LogFilter::keeps(const LogRow& row) const {
    if (area && row.area != *area) return false;
    if (from && row.date < *from) return false;
    return !(to && row.date > *to);
}

std::vector<LogRow> list_log(const std::vector<LogEntry>& entries, const RegistrationRule& rule) {
    // Findings, actions and corrections are about what they point at.
    struct Subject {
        std::string area;
        Date date;
    };
    std::map<std::int64_t, Subject> about;
    std::map<std::int64_t, std::int64_t> withdrawn_by;
    for (const LogEntry& e : entries) {
        Subject c;
        std::visit(
            [&](const auto& b) {
                using T = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<T, SupervisionEntry>)
                    c = {b.area, b.performed};
                else if constexpr (std::is_same_v<T, FindingEntry> ||
                                   std::is_same_v<T, ActionEntry>)
                    c = about[b.supervision];
                else if constexpr (std::is_same_v<T, DecisionEntry>)
                    c = {b.area, b.decided};
                else if constexpr (std::is_same_v<T, CorrectionEntry>)
                    c = {about[b.corrects].area, b.corrected};
                else  // a key is about the whole log, from the day it was recorded
                    c = {"", copenhagen_date_of(e.recorded_at).value_or(Date())};
            },
            e.body);
        about[e.seq] = c;
        if (const auto* corr = std::get_if<CorrectionEntry>(&e.body))
            withdrawn_by[corr->corrects] = e.seq;
    }
    std::vector<LogRow> rows;
    rows.reserve(entries.size());
    for (const LogEntry& e : entries) {
        const Subject& c = about[e.seq];
        LogRow r{&e, c.area, c.date, copenhagen_date_of(e.recorded_at), std::nullopt, std::nullopt};
        if (const auto* s = std::get_if<SupervisionEntry>(&e.body))
            r.registration = rule.of(e.recorded_at, s->performed, e.imported);
        if (auto w = withdrawn_by.find(e.seq); w != withdrawn_by.end())
            r.withdrawn_by = w->second;
        else if (const auto* s = std::get_if<FindingEntry>(&e.body);
                 s && withdrawn_by.count(s->supervision))
            r.withdrawn_by = withdrawn_by[s->supervision];
        else if (const auto* a = std::get_if<ActionEntry>(&e.body);
                 a && withdrawn_by.count(a->supervision))
            r.withdrawn_by = withdrawn_by[a->supervision];
        rows.push_back(std::move(r));
    }
    return rows;
}

}  // namespace tilsyn
