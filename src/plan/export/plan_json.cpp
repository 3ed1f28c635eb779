#include "plan/export/plan_formats.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace tilsyn {

namespace {

using Json = nlohmann::ordered_json;

Json axis(const AxisScore& s, Colour c) {
    return {
        {"likelihood", s.likelihood}, {"consequence", s.consequence}, {"colour", colour_token(c)}};
}

Json occurrence_json(const Occurrence& o, const Rules& rules) {
    const Leader& l = o.leader();
    const Rating& r = o.rating();
    return {{"uid", o.uid(rules.policy.uid_domain)},
            {"center_id", o.center->id},
            {"center", o.center->name},
            {"area_id", o.area->id},
            {"area", o.area->name},
            {"kind", area_kind_name(o.area->kind)},
            {"colour", colour_token(r.colour)},
            {"colour_overridden", r.colour_overridden},
            {"cadence", r.cadence.token()},
            {"cadence_overridden", r.cadence_overridden},
            {"sagsbehandling", axis(o.assessment().sagsbehandling, r.sagsbehandling)},
            {"statsrefusion", axis(o.assessment().statsrefusion, r.statsrefusion)},
            {"assessed", iso(o.assessment().date)},
            {"period", o.period_code()},
            {"period_name", o.period_name()},
            {"period_start", iso(o.period_start)},
            {"period_end", iso(o.period_end)},
            {"planned_date", iso(o.planned)},
            {"planned_week", iso_week(o.planned)},
            {"due_date", iso(o.due)},
            {"leader_id", l.id},
            {"leader", l.name},
            {"leader_email", l.email},
            {"focus", o.area->focus},
            {"colour_decided", r.decided},
            {"decision", o.step->decision ? Json(o.step->decision->seq) : Json(nullptr)},
            {"reason", o.step->reason()},
            {"sequence", o.sequence},
            {"last_modified", iso(o.modified)}};
}

// `text` with four spaces after each line break: an object dumped on its own, put one level
// in, so the document reads as one pretty-printed whole.
std::string indented(std::string_view text) {
    std::string out;
    for (const char c : text) {
        out += c;
        if (c == '\n') out += "    ";
    }
    return out;
}

// An array of occurrences under `name`, each object pretty-printed one level in.
void write_occurrences(std::ostream& out, std::string_view name,
                       const std::vector<Occurrence>& occurrences, const Rules& rules) {
    out << ",\n  \"" << name << "\": [";
    for (std::size_t i = 0; i < occurrences.size(); ++i)
        out << (i == 0 ? "\n    " : ",\n    ")
            << indented(occurrence_json(occurrences[i], rules).dump(2));
    out << (occurrences.empty() ? "]" : "\n  ]");
}

}  // namespace

// Streamed an occurrence at a time: a large plan as one document would be held in memory whole.
void write_plan_json(std::ostream& out, const Plan& plan, const Rules& rules) {
    Json head{{"format", "tilsyn-plan"},
              {"format_version", 1},
              {"year", plan.year},
              {"filter",
               {{"center", plan.filter.center ? Json(*plan.filter.center) : Json(nullptr)},
                {"leader", plan.filter.leader ? Json(*plan.filter.leader) : Json(nullptr)}}}};
    std::string text = head.dump(2);
    text.erase(text.size() - 2);  // reopen the object: drop "\n}"
    out << text;
    write_occurrences(out, "occurrences", plan.occurrences, rules);
    // What the year's changes dropped, as the calendar cancels them.
    write_occurrences(out, "cancelled", plan.cancelled, rules);
    out << ",\n  \"colour_changes\": [";
    bool first = true;
    for (const ColourChange& c : plan.changes) {
        Json j{{"area_id", c.area->id},
               {"from", colour_token(c.from)},
               {"to", colour_token(c.to)},
               {"effective", iso(c.effective)},
               {"assessed", iso(c.step->assessment->date)},
               {"decision", c.step->decision ? Json(c.step->decision->seq) : Json(nullptr)},
               {"reason", c.step->reason()}};
        out << (first ? "\n    " : ",\n    ") << j.dump();
        first = false;
    }
    out << (first ? "]\n}\n" : "\n  ]\n}\n");
}

}  // namespace tilsyn
