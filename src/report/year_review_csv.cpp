#include "report/year_review_csv.h"

#include "log/rerating.h"

#include "base/money.h"

#include <set>
#include <string>

namespace tilsyn {

namespace {

std::string percent(std::optional<int> permille, CsvDialect dialect) {
    return csv_decimal(percent_plain(permille), dialect);
}

std::string amount(std::int64_t ore, CsvDialect dialect) {
    return csv_decimal(amount_plain(ore), dialect);
}

// The centers and leaders of the reviewed areas, in register order (the maps in YearReview are
// keyed by id, which would put them in alphabetical order).
std::vector<const Center*> reviewed_centers(const YearReview& review) {
    std::vector<const Center*> centers;
    for (const AreaMeasures& m : review.areas)
        if (centers.empty() || centers.back() != m.center) centers.push_back(m.center);
    return centers;
}

}  // namespace

std::string percent_plain(std::optional<int> permille) {
    if (!permille) return "";
    return std::to_string(*permille / 10) + "." + std::to_string(*permille % 10);
}

void write_decisions_csv(std::ostream& out, const YearReview& review, const Rules& rules,
                         const std::map<std::int64_t, std::int64_t>& withdrawn_by,
                         CsvDialect dialect) {
    CsvWriter csv(out, dialect);
    csv.row({"seq", "decided", "center_id", "area_id", "area", "verdict", "from", "to", "rule",
             "evidence", "reason", "by", "withdrawn_by"});
    for (const ReviewedDecision& rd : review.decisions_in_year) {
        const DecisionEntry& d = rd.decision;
        const auto [center, area] = rules.find_area(d.area);
        const auto w = withdrawn_by.find(rd.seq);
        const std::string withdrawn =
            rd.withdrawn && w != withdrawn_by.end() ? std::to_string(w->second) : "";
        csv.row({std::to_string(rd.seq), iso(d.decided), center ? center->id : "", d.area,
                 area ? area->name : "", verdict_name(d.verdict), colour_token(d.from),
                 colour_token(d.to), d.rule, d.evidence, d.reason, d.by, withdrawn});
    }
}

void write_colour_history_csv(std::ostream& out, const YearReview& review, const Rules& rules,
                              CsvDialect dialect) {
    CsvWriter csv(out, dialect);
    csv.row({"center_id", "area_id", "area", "from", "until", "colour", "cadence", "source",
             "decision", "reason"});
    const Date year_start(static_cast<unsigned short>(review.year), 1, 1);
    const Date year_end(static_cast<unsigned short>(review.year), 12, 31);
    for (const AreaMeasures& m : review.areas) {
        const RatingTimeline timeline(rules.policy, *m.area,
                                      decisions_of(&review.decisions, *m.area));
        const std::vector<RatingStep>& steps = timeline.steps();
        for (std::size_t i = 0; i < steps.size(); ++i) {
            const RatingStep& s = steps[i];
            // A step is in force from its day until the day before the next one starts.
            const bool last = i + 1 == steps.size();
            const Date until = last ? Date() : steps[i + 1].from - boost::gregorian::days(1);
            if (s.from > year_end || (!last && until < year_start)) continue;
            csv.row({m.center->id, m.area->id, m.area->name, iso(s.from), last ? "" : iso(until),
                     colour_token(s.rating.colour), s.rating.cadence.token(), s.source(),
                     s.decision ? std::to_string(s.decision->seq) : "", s.reason()});
        }
    }
}

void write_timeliness_csv(std::ostream& out, const YearReview& review, CsvDialect dialect) {
    CsvWriter csv(out, dialect);
    csv.row({"center_id", "area_id", "area", "leader_id", "leader", "colour", "cadence", "period",
             "period_name", "planned_date", "due_date", "status", "performed", "recorded",
             "registration", "registration_working_days", "supervision"});
    for (const ReviewedOccurrence& ro : review.occurrences) {
        const Occurrence& o = *ro.occurrence;
        const Leader& l = o.leader();
        const std::optional<Registration>& reg = ro.registration;
        csv.row({o.center->id, o.area->id, o.area->name, l.id, l.name,
                 colour_token(o.rating().colour), o.rating().cadence.token(), o.period_code(),
                 o.period_name(), iso(o.planned), iso(o.due), timeliness_name(ro.status),
                 ro.performed ? iso(*ro.performed) : "", reg ? iso(reg->recorded) : "",
                 reg ? registration_name(reg->status) : "",
                 reg && reg->working_days ? std::to_string(*reg->working_days) : "",
                 ro.supervision ? std::to_string(*ro.supervision) : ""});
    }
}

void write_timeliness_summary_csv(std::ostream& out, const YearReview& review, CsvDialect dialect) {
    CsvWriter csv(out, dialect);
    csv.row({"scope", "center_id", "id", "name", "planned", "due", "on_time", "late", "missing",
             "pending", "on_time_percent", "registered_late", "imported"});
    auto row = [&](std::string_view scope, std::string_view center, std::string_view id,
                   std::string_view name, const TimelinessCount& t) {
        csv.row({scope, center, id, name, std::to_string(t.planned()), std::to_string(t.due()),
                 std::to_string(t.on_time), std::to_string(t.late), std::to_string(t.missing),
                 std::to_string(t.pending), percent(t.on_time_permille(), dialect),
                 std::to_string(t.registered_late), std::to_string(t.imported)});
    };
    for (const AreaMeasures& m : review.areas)
        row("area", m.center->id, m.area->id, m.area->name, m.timeliness);
    const std::vector<const Center*> centers = reviewed_centers(review);
    for (const Center* c : centers)
        for (const Leader& l : c->leaders)
            if (const auto t = review.by_leader.find(c->id + "/" + l.id);
                t != review.by_leader.end())
                row("leader", c->id, l.id, l.name, t->second);
    for (const Center* c : centers)
        if (const auto t = review.by_center.find(c->id); t != review.by_center.end())
            row("center", c->id, c->id, c->name, t->second);
    row("total", "", "", "", review.total);
}

void write_measurements_csv(std::ostream& out, const YearReview& review, CsvDialect dialect) {
    CsvWriter csv(out, dialect);
    csv.row({"center_id", "area_id", "area", "colour_start", "colour_end", "supervisions", "ad_hoc",
             "cases", "errors_sagsbehandling", "error_rate_sagsbehandling", "errors_statsrefusion",
             "error_rate_statsrefusion", "findings", "material_findings",
             "amount_sagsbehandling_dkk", "amount_statsrefusion_dkk"});
    for (const AreaMeasures& m : review.areas) {
        csv.row({m.center->id, m.area->id, m.area->name, colour_token(m.colour_start),
                 colour_token(m.colour_end), std::to_string(m.supervisions),
                 std::to_string(m.ad_hoc), std::to_string(m.cases),
                 std::to_string(m.errors_sagsbehandling),
                 percent(rate_permille(m.errors_sagsbehandling, m.cases), dialect),
                 std::to_string(m.errors_statsrefusion),
                 percent(rate_permille(m.errors_statsrefusion, m.cases), dialect),
                 std::to_string(m.findings), std::to_string(m.material_findings),
                 amount(m.amount_sagsbehandling_ore, dialect),
                 amount(m.amount_statsrefusion_ore, dialect)});
    }
}

}  // namespace tilsyn
