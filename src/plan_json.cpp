#include "plan_formats.h"

#include <nlohmann/json.hpp>

namespace tilsyn {

namespace {

using Json = nlohmann::ordered_json;

Json axis(const AxisScore& s, Colour c) {
    return Json{{"likelihood", s.likelihood}, {"consequence", s.consequence}, {"colour", colour_token(c)}};
}

}  // namespace

// Streamed one occurrence at a time: a plan for 100,000 areas would otherwise be a DOM of
// several hundred megabytes.
void write_plan_json(std::ostream& out, const Plan& plan, const Rules& rules) {
    Json head{{"format", "tilsyn-plan"},
              {"format_version", 1},
              {"year", plan.year},
              {"filter",
               {{"center", plan.filter.center ? Json(*plan.filter.center) : Json(nullptr)},
                {"leader", plan.filter.leader ? Json(*plan.filter.leader) : Json(nullptr)}}}};
    std::string text = head.dump(2);
    text.erase(text.size() - 2);  // reopen the object: drop "\n}"
    out << text << ",\n  \"occurrences\": [";
    bool first = true;
    for (const Occurrence& o : plan.occurrences) {
        const Leader& l = o.leader();
        Json j{{"uid", o.uid(rules.policy.uid_domain)},
               {"center_id", o.center->id},
               {"center", o.center->name},
               {"area_id", o.area->id},
               {"area", o.area->name},
               {"kind", area_kind_name(o.area->kind)},
               {"colour", colour_token(o.rating().colour)},
               {"colour_overridden", o.rating().colour_overridden},
               {"cadence", o.rating().cadence.token()},
               {"cadence_overridden", o.rating().cadence_overridden},
               {"sagsbehandling", axis(o.assessment().sagsbehandling, o.rating().sagsbehandling)},
               {"statsrefusion", axis(o.assessment().statsrefusion, o.rating().statsrefusion)},
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
               {"colour_decided", o.rating().decided},
               {"decision", o.step->decision ? Json(o.step->decision->seq) : Json(nullptr)},
               {"reason", o.step->reason()}};
        std::string item = j.dump(2);
        // Indent the object one level so the document reads as one pretty-printed whole.
        std::string indented = "\n    ";
        for (char c : item) {
            indented += c;
            if (c == '\n') indented += "    ";
        }
        out << (first ? "" : ",") << indented;
        first = false;
    }
    out << (first ? "]" : "\n  ]") << ",\n  \"colour_changes\": [";
    first = true;
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
