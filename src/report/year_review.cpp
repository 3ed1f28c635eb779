#include "report/year_review.h"

#include "base/arithmetic.h"
#include "base/error.h"
#include "log/store.h"

#include <algorithm>
#include <set>

namespace tilsyn {

std::string_view timeliness_name(Timeliness t) {
    switch (t) {
        case Timeliness::on_time:
            return "on-time";
        case Timeliness::late:
            return "late";
        case Timeliness::missing:
            return "missing";
        case Timeliness::pending:
            return "pending";
    }
    return "";
}

std::string_view timeliness_danish(Timeliness t) {
    switch (t) {
        case Timeliness::on_time:
            return "rettidig";
        case Timeliness::late:
            return "forsinket";
        case Timeliness::missing:
            return "mangler";
        case Timeliness::pending:
            return "planlagt";
    }
    return "";
}

void TimelinessCount::add(Timeliness t) {
    switch (t) {
        case Timeliness::on_time:
            ++on_time;
            break;
        case Timeliness::late:
            ++late;
            break;
        case Timeliness::missing:
            ++missing;
            break;
        case Timeliness::pending:
            ++pending;
            break;
    }
}

void TimelinessCount::add(const ReviewedOccurrence& o) {
    add(o.status);
    if (!o.registration) return;
    if (o.registration->status == RegistrationStatus::late) ++registered_late;
    if (o.registration->status == RegistrationStatus::imported) ++imported;
}

std::optional<int> TimelinessCount::on_time_permille() const {
    return permille(on_time, due());
}

void Measures::add(const Measures& other) {
    supervisions += other.supervisions;
    ad_hoc += other.ad_hoc;
    cases = saturating_add(cases, other.cases);
    errors_sagsbehandling = saturating_add(errors_sagsbehandling, other.errors_sagsbehandling);
    errors_statsrefusion = saturating_add(errors_statsrefusion, other.errors_statsrefusion);
    findings += other.findings;
    material_findings += other.material_findings;
    amount_sagsbehandling_ore =
        saturating_add(amount_sagsbehandling_ore, other.amount_sagsbehandling_ore);
    amount_statsrefusion_ore =
        saturating_add(amount_statsrefusion_ore, other.amount_statsrefusion_ore);
}

YearReview review_year(const Rules& rules, const Plan& plan, const DecisionsByArea& decisions,
                       Store* store, Date today) {
    const int year = plan.year;
    const PlanFilter& filter = plan.filter;
    require_planned_year(rules, filter, year);
    YearReview r(plan, decisions);
    r.year = year;
    r.as_of = today;
    r.register_within = rules.policy.timeliness.register_within;
    const WorkCalendar calendar(rules.policy.closing_days);
    const RegistrationRule registration(calendar, r.register_within);

    std::vector<LogEntry> entries;
    std::set<std::int64_t> withdrawn;
    Fulfilments fulfilled;
    if (store) {
        entries = store->entries();
        withdrawn = store->withdrawn();
        fulfilled = store->fulfilments();
    }

    // Register order for the per-area figures; only the areas the filter keeps.
    std::map<const Area*, std::size_t> area_index;
    for (const Center* c : selected_centers(rules, filter))
        for (const Area& a : c->areas) {
            if (filter.leader && !c->leader_of(a).matches(*filter.leader)) continue;
            area_index.emplace(&a, r.areas.size());
            AreaMeasures m;
            m.center = c;
            m.area = &a;
            r.areas.push_back(m);
        }
    std::map<std::string, std::size_t, std::less<>> by_id;
    for (std::size_t i = 0; i < r.areas.size(); ++i) by_id.emplace(r.areas[i].area->id, i);

    // The year's live supervisions and findings per area.
    std::map<std::int64_t, std::size_t> supervision_area;  // live supervisions of the year
    const Date year_start(static_cast<unsigned short>(year), 1, 1);
    const Date year_end(static_cast<unsigned short>(year), 12, 31);
    for (const LogEntry& e : entries) {
        if (withdrawn.count(e.seq)) {
            if (const auto* d = std::get_if<DecisionEntry>(&e.body);
                d && d->decided.year() == year && by_id.count(d->area))
                r.decisions_in_year.push_back({e.seq, *d, true});
            continue;
        }
        if (const auto* s = std::get_if<SupervisionEntry>(&e.body)) {
            const auto found = by_id.find(s->area);
            if (found == by_id.end() || s->performed < year_start || s->performed > year_end)
                continue;
            AreaMeasures& m = r.areas[found->second];
            ++m.supervisions;
            if (!s->occurrence) ++m.ad_hoc;
            m.cases = saturating_add(m.cases, s->cases);
            m.errors_sagsbehandling =
                saturating_add(m.errors_sagsbehandling, s->errors_sagsbehandling);
            m.errors_statsrefusion =
                saturating_add(m.errors_statsrefusion, s->errors_statsrefusion);
            supervision_area.emplace(e.seq, found->second);
        } else if (const auto* f = std::get_if<FindingEntry>(&e.body)) {
            const auto found = supervision_area.find(f->supervision);
            if (found == supervision_area.end()) continue;
            AreaMeasures& m = r.areas[found->second];
            ++m.findings;
            if (f->severity == Severity::vaesentlig) ++m.material_findings;
            // An amount's sign says which way the money went wrong (too much or too little);
            // the measurement is how much money the errors concern, so too little paid does
            // not cancel too much paid.
            if (f->amount_ore) {
                std::int64_t& sum = f->axis == Axis::sagsbehandling ? m.amount_sagsbehandling_ore
                                                                    : m.amount_statsrefusion_ore;
                sum = saturating_add(sum, saturating_abs(*f->amount_ore));
            }
        } else if (const auto* d = std::get_if<DecisionEntry>(&e.body)) {
            if (d->decided.year() == year && by_id.count(d->area))
                r.decisions_in_year.push_back({e.seq, *d, false});
        }
    }
    std::sort(r.decisions_in_year.begin(), r.decisions_in_year.end(),
              [](const ReviewedDecision& a, const ReviewedDecision& b) { return a.seq < b.seq; });

    for (const Occurrence& o : plan.occurrences) {
        ReviewedOccurrence ro;
        ro.occurrence = &o;
        const auto found = fulfilled.find({o.area->id, o.period_code()});
        if (found != fulfilled.end()) {
            ro.supervision = found->second.supervision;
            ro.performed = found->second.performed;
            ro.status = found->second.performed <= o.due ? Timeliness::on_time : Timeliness::late;
            ro.registration = registration.of(found->second.recorded_at, found->second.performed,
                                              found->second.imported);
        } else {
            ro.status = o.due < today ? Timeliness::missing : Timeliness::pending;
        }
        r.occurrences.push_back(ro);
        r.areas[area_index.at(o.area)].timeliness.add(ro);
        r.total.add(ro);
        r.by_leader[o.center->id + "/" + o.leader().id].add(ro);
        r.by_center[o.center->id].add(ro);
    }

    r.colour_day = std::clamp(today, year_start, year_end);
    for (AreaMeasures& m : r.areas) {
        const RatingTimeline timeline(rules.policy, *m.area, decisions_of(&decisions, *m.area));
        m.colour_start = timeline.on(year_start).rating.colour;
        m.colour_end = timeline.on(r.colour_day).rating.colour;
    }
    return r;
}

Workload review_workload(const YearReview& review, const Policy& policy) {
    std::vector<const Center*> centers;
    for (const AreaMeasures& m : review.areas)
        if (centers.empty() || centers.back() != m.center) centers.push_back(m.center);
    std::vector<const Occurrence*> occurrences;
    for (const ReviewedOccurrence& ro : review.occurrences) occurrences.push_back(ro.occurrence);
    return workload_of(occurrences, centers, review.plan.year, policy.workload.has_hours(),
                       review.plan.leveled);
}

}  // namespace tilsyn
