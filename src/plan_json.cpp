#include "plan_formats.h"

#include "byte_buffer.h"
#include "chunked_output.h"

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace tilsyn {

namespace {

using Json = nlohmann::ordered_json;

// One occurrence as a JSON object, refilled in place for each occurrence: the first fill adds
// the keys, in the order written below, and later ones find them and replace their values,
// reusing the strings' memory. An occurrence then costs its values, not an ordered map of 27
// keys built and destroyed again (100,000 areas: 600,000 objects).
class OccurrenceJson {
public:
    const Json& fill(const Occurrence& o, const Rules& rules) {
        const Leader& l = o.leader();
        const Rating& r = o.rating();
        set_text("uid", o.uid(rules.policy.uid_domain));
        set_text("center_id", o.center->id);
        set_text("center", o.center->name);
        set_text("area_id", o.area->id);
        set_text("area", o.area->name);
        set_text("kind", area_kind_name(o.area->kind));
        set_text("colour", colour_token(r.colour));
        json_["colour_overridden"] = r.colour_overridden;
        set_text("cadence", r.cadence.token());
        json_["cadence_overridden"] = r.cadence_overridden;
        set_axis(json_["sagsbehandling"], o.assessment().sagsbehandling, r.sagsbehandling);
        set_axis(json_["statsrefusion"], o.assessment().statsrefusion, r.statsrefusion);
        set_text("assessed", iso(o.assessment().date));
        set_text("period", o.period_code());
        set_text("period_name", o.period_name());
        set_text("period_start", iso(o.period_start));
        set_text("period_end", iso(o.period_end));
        set_text("planned_date", iso(o.planned));
        json_["planned_week"] = iso_week(o.planned);
        set_text("due_date", iso(o.due));
        set_text("leader_id", l.id);
        set_text("leader", l.name);
        set_text("leader_email", l.email);
        set_text("focus", o.area->focus);
        json_["colour_decided"] = r.decided;
        json_["decision"] = o.step->decision ? Json(o.step->decision->seq) : Json(nullptr);
        set_text("reason", o.step->reason());
        return json_;
    }

private:
    // Assigns into the string already there, so that its capacity is reused.
    static void set_text(Json& slot, std::string_view text) {
        if (slot.is_string())
            slot.get_ref<std::string&>().assign(text);
        else
            slot = std::string(text);
    }
    void set_text(const char* key, std::string_view text) { set_text(json_[key], text); }
    static void set_axis(Json& slot, const AxisScore& s, Colour c) {
        slot["likelihood"] = s.likelihood;
        slot["consequence"] = s.consequence;
        set_text(slot["colour"], colour_token(c));
    }

    Json json_;
};

// Appends `text` with four spaces after each line break: an object dumped on its own, put
// one level in, so the document reads as one pretty-printed whole.
void append_indented(ByteBuffer& out, std::string_view text) {
    for (;;) {
        const std::size_t line_end = text.find('\n');
        if (line_end == std::string_view::npos) {
            out.append(text);
            return;
        }
        out.append(text.substr(0, line_end + 1)).append("    ");
        text.remove_prefix(line_end + 1);
    }
}

}  // namespace

// Streamed: a plan for 100,000 areas would otherwise be a DOM of several hundred megabytes.
// The occurrences are formatted in chunks on worker threads while the chunks before them are
// written.
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
    const auto& occurrences = plan.occurrences;
    write_chunked(out, occurrences.size(), 1024, [&](ByteBuffer& buf, std::size_t begin, std::size_t end) {
        OccurrenceJson item;
        for (std::size_t i = begin; i < end; ++i) {
            buf.append(i == 0 ? "\n    " : ",\n    ");
            append_indented(buf, item.fill(occurrences[i], rules).dump(2));
        }
    });
    out << (occurrences.empty() ? "]" : "\n  ]") << ",\n  \"colour_changes\": [";
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
