#include "log/rerating.h"

#include "base/arithmetic.h"
#include "base/error.h"
#include "log/store.h"

#include <algorithm>

namespace tilsyn {

namespace {

// RatingTimeline wants each area's decisions by date; on the same day, in log order.
void sort_by_date(DecisionsByArea& decisions) {
    for (auto& [area, list] : decisions)
        std::stable_sort(
            list.begin(), list.end(),
            [](const ColourDecision& a, const ColourDecision& b) { return a.decided < b.decided; });
}

}  // namespace

ColourDecision colour_decision(std::int64_t seq, const DecisionEntry& d) {
    ColourDecision out;
    out.seq = seq;
    out.decided = d.decided;
    out.to = d.to;
    out.manual = d.verdict == Verdict::set;
    out.by = d.by;
    out.reason = d.reason;
    return out;
}

DecisionsByArea colour_decisions(Store& store) {
    const auto withdrawn = store.withdrawn();
    DecisionsByArea out;
    for (LogEntry& e : store.decisions()) {
        auto& d = std::get<DecisionEntry>(e.body);
        if (d.verdict == Verdict::reject || withdrawn.count(e.seq)) continue;
        out[d.area].push_back(colour_decision(e.seq, d));
    }
    sort_by_date(out);
    return out;
}

std::optional<int> rate_permille(std::int64_t errors, std::int64_t cases) {
    return permille(errors, cases);
}

std::string permille_text(std::optional<int> permille) {
    if (!permille) return "-";
    return std::to_string(*permille / 10) + "," + std::to_string(*permille % 10) + " %";
}

std::string rate_text(std::int64_t errors, std::int64_t cases) {
    std::string out = std::to_string(errors) + " af " + std::to_string(cases);
    if (cases == 0) return out;
    return out + " (" + permille_text(rate_permille(errors, cases)) + ")";
}

std::string Proposal::evidence_text() const {
    std::string out;
    for (const auto& line : evidence) out += (out.empty() ? "" : "; ") + line;
    return out;
}

std::pair<const Center*, const Area*> find_area(const Rules& rules, const std::string& id,
                                                const std::string& flag) {
    if (auto found = rules.find_area(id); found.second) return found;
    std::string known;
    std::size_t shown = 0;
    for (const Center& c : rules.centers)
        for (const Area& a : c.areas)
            if (shown++ < 12) known += (known.empty() ? "" : ", ") + a.id;
    if (shown > 12) known += ", ...";
    throw InputError(flag + ": no area \"" + id + "\" in " + rules.dir + "; known areas: " + known);
}

RerateInput::RerateInput(const Rules& rules, Store* store,
                         const std::optional<std::string>& only_area)
    : rules_(rules) {
    if (!store) return;
    const auto withdrawn = store->withdrawn();
    std::map<std::int64_t, std::pair<std::string, std::size_t>>
        where;  // supervision -> area, index
    if (only_area) {
        std::vector<LogEntry> decisions = store->decisions_of(*only_area);
        for (LogEntry& e : decisions) add(e, withdrawn, where);
        for (LogEntry& e : store->supervisions_of(*only_area)) add(e, withdrawn, where);
        for (LogEntry& e : store->findings_of_area(*only_area)) add(e, withdrawn, where);
    } else {
        for (LogEntry& e : store->entries()) add(e, withdrawn, where);
    }
    sort_by_date(decisions_);
    for (auto& [area, list] : supervisions_)
        std::stable_sort(list.begin(), list.end(), [](const Supervised& a, const Supervised& b) {
            return a.s.performed < b.s.performed;
        });
}

// Entries arrive in log order within each kind; findings after their supervisions.
void RerateInput::add(LogEntry& e, const std::set<std::int64_t>& withdrawn,
                      std::map<std::int64_t, std::pair<std::string, std::size_t>>& where) {
    if (withdrawn.count(e.seq)) return;
    if (auto* s = std::get_if<SupervisionEntry>(&e.body)) {
        auto& list = supervisions_[s->area];
        where[e.seq] = {s->area, list.size()};
        list.push_back({e.seq, std::move(*s), {}});
    } else if (auto* f = std::get_if<FindingEntry>(&e.body)) {
        if (f->severity != Severity::vaesentlig) return;
        if (auto w = where.find(f->supervision); w != where.end())
            supervisions_[w->second.first][w->second.second].material.emplace_back(e.seq,
                                                                                   std::move(*f));
    } else if (auto* d = std::get_if<DecisionEntry>(&e.body)) {
        auto& last = last_decision_[d->area];
        last = std::max(last, e.seq);  // rejected ones too: they settle the evidence
        if (d->verdict != Verdict::reject)
            decisions_[d->area].push_back(colour_decision(e.seq, *d));
    }
}

RatingStep RerateInput::in_force(const Area& area, Date day) const {
    const auto found = decisions_.find(area.id);
    const RatingTimeline timeline(rules_.policy, area,
                                  found == decisions_.end() ? nullptr : &found->second);
    return timeline.on(day);
}

std::optional<Proposal> RerateInput::propose(const Center& center, const Area& area,
                                             Date today) const {
    const auto found = supervisions_.find(area.id);
    if (found == supervisions_.end()) return std::nullopt;
    const RatingStep now = in_force(area, today);
    const RerateRules& r = rules_.policy.rerating;

    // The evidence is what was supervised since the rating in force was set and since the last
    // decision on the area (a rejected proposal is settled too), up to today.
    const auto last = last_decision_.find(area.id);
    const std::int64_t after_seq = last == last_decision_.end() ? 0 : last->second;
    std::vector<const Supervised*> window;
    for (const Supervised& s : found->second)
        if (s.seq > after_seq && s.s.performed >= now.assessment->date && s.s.performed <= today)
            window.push_back(&s);
    if (window.empty()) return std::nullopt;

    Proposal p;
    p.center = &center;
    p.area = &area;
    p.from = now.rating.colour;
    auto describe = [](const Supervised& s) {
        return "tilsyn #" + std::to_string(s.seq) + " " + iso(s.s.performed) + ": sagsbehandling " +
               rate_text(s.s.errors_sagsbehandling, s.s.cases) + ", statsrefusion " +
               rate_text(s.s.errors_statsrefusion, s.s.cases);
    };

    if (r.material_to_red && p.from != Colour::red) {
        for (const Supervised* s : window)
            for (const auto& [seq, f] : s->material)
                p.evidence.push_back("fund #" + std::to_string(seq) + " i tilsyn #" +
                                     std::to_string(s->seq) + " " + iso(s->s.performed) + ": sag " +
                                     f.case_ref + ", " + std::string(axis_name(f.axis)) + ", " +
                                     f.category);
        if (!p.evidence.empty()) {
            p.to = Colour::red;
            p.rule = "material-finding";
            p.rule_text = "væsentligt fund: straks rød";
            return p;
        }
    }
    auto above = [&](std::int64_t errors, std::int64_t cases) {
        return rate_above(errors, cases, r.raise_above_percent);
    };
    if (p.from != Colour::red) {
        for (const Supervised* s : window)
            if (s->s.cases > 0 && (above(s->s.errors_sagsbehandling, s->s.cases) ||
                                   above(s->s.errors_statsrefusion, s->s.cases)))
                p.evidence.push_back(describe(*s));
        if (!p.evidence.empty()) {
            p.to = static_cast<Colour>(static_cast<int>(p.from) + 1);
            p.rule = "error-rate";
            p.rule_text = "fejlrate over " + std::to_string(r.raise_above_percent) +
                          " % på en akse: én farve op";
            return p;
        }
    }
    auto below = [&](std::int64_t errors, std::int64_t cases) {
        return rate_below(errors, cases, r.lower_below_percent);
    };
    const auto n = static_cast<std::size_t>(r.lower_after);
    if (p.from != Colour::green && window.size() >= n) {
        const bool all_below = std::all_of(
            window.end() - static_cast<std::ptrdiff_t>(n), window.end(), [&](const Supervised* s) {
                return s->s.cases > 0 && s->material.empty() &&
                       below(s->s.errors_sagsbehandling, s->s.cases) &&
                       below(s->s.errors_statsrefusion, s->s.cases);
            });
        if (all_below) {
            for (auto it = window.end() - static_cast<std::ptrdiff_t>(n); it != window.end(); ++it)
                p.evidence.push_back(describe(**it));
            p.to = static_cast<Colour>(static_cast<int>(p.from) - 1);
            p.rule = "below-threshold";
            p.rule_text = std::to_string(r.lower_after) + " tilsyn i træk under " +
                          std::to_string(r.lower_below_percent) + " % på begge akser: én farve ned";
            return p;
        }
    }
    return std::nullopt;
}

std::vector<Proposal> RerateInput::propose_all(Date today) const {
    std::vector<Proposal> out;
    for (const Center& c : rules_.centers)
        for (const Area& a : c.areas)
            if (auto p = propose(c, a, today)) out.push_back(std::move(*p));
    return out;
}

}  // namespace tilsyn
