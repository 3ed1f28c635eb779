#include "rules/risk_register.h"

#include "base/free_text.h"
#include "base/text.h"
#include "rules/policy.h"
#include "rules/toml_reader.h"

#include <algorithm>
#include <map>

namespace tilsyn {

std::string_view area_kind_name(AreaKind k) {
    return k == AreaKind::maalgruppe ? "målgruppe" : "ydelsestype";
}

const Assessment& Area::assessment_on(Date day) const {
    // assessments is sorted by date and non-empty (read_register guarantees both).
    auto after = std::upper_bound(assessments.begin(), assessments.end(), day,
                                  [](Date d, const Assessment& a) { return d < a.date; });
    return after == assessments.begin() ? assessments.front() : *(after - 1);
}

namespace {

std::optional<std::string> read_id(TableReader& r, std::string_view key, std::string_view what) {
    auto id = r.string(key, true);
    if (id && !is_valid_id(*id)) {
        r.error(key, std::string(what) + " id \"" + *id +
                         "\" must be lower-case letters a-z, digits and '-', starting with a "
                         "letter or digit");
        return std::nullopt;
    }
    return id;
}

std::optional<std::string> read_text(TableReader& r, std::string_view key, bool required,
                                     std::size_t max_chars = max_long_text) {
    auto s = r.string(key, required);
    if (s && trim(*s).empty()) {
        r.error(key, "'" + std::string(key) + "' must not be empty");
        return std::nullopt;
    }
    if (s && utf8_width(*s) > max_chars) {
        r.error(key,
                "'" + std::string(key) + "' is " + std::to_string(utf8_width(*s)) +
                    " characters long; at most " + std::to_string(max_chars) + " are accepted",
                Excerpt::withheld);
        return std::nullopt;
    }
    return s;
}

std::optional<AxisScore> read_axis(TableReader& parent, std::string_view axis,
                                   const Policy& policy) {
    const toml::table* t = parent.table(axis, true);
    if (!t) return std::nullopt;
    TableReader r(*t, parent.file(), parent.diagnostics(), "'" + std::string(axis) + "'");
    AxisScore s;
    bool ok = true;
    auto score = [&](std::string_view key, const Scale& scale, int& out) {
        const auto v = r.integer(key, true);
        if (!v) {
            ok = false;
        } else if (!scale.contains(*v)) {
            r.error(key, std::string(axis) + " " + std::string(key) + " " + std::to_string(*v) +
                             " is outside the policy's scale " + std::to_string(scale.min) + "-" +
                             std::to_string(scale.max));
            ok = false;
        } else {
            out = static_cast<int>(*v);
        }
    };
    score("likelihood", policy.likelihood, s.likelihood);
    score("consequence", policy.consequence, s.consequence);
    r.finish();
    if (!ok) return std::nullopt;
    return s;
}

// An override is { value = "...", reason = "..." }; the reason is mandatory so that the
// auditor can always see why the computed rating was not used.
template <typename T, typename Parse>
std::optional<Override<T>> read_override(TableReader& parent, std::string_view key, Parse parse) {
    const toml::table* t = parent.table(key);
    if (!t) return std::nullopt;
    TableReader r(*t, parent.file(), parent.diagnostics(), "'" + std::string(key) + "' override");
    const auto value = r.string("value", true);
    const auto reason = r.string("reason");
    r.finish();
    // A reason refused for what it says (a CPR number) has been reported already.
    const toml::node* given = t->get("reason");
    if (!reason && given && given->is_string()) return std::nullopt;
    if (!reason || trim(*reason).empty()) {
        parent.error(key, "a " + std::string(key) + " override needs a reason: " +
                              std::string(key) + " = { value = \"...\", reason = \"...\" }");
        return std::nullopt;
    }
    if (!value) return std::nullopt;
    std::string why;
    std::optional<T> parsed = parse(*value, why);
    if (!parsed) {
        r.error("value", why);
        return std::nullopt;
    }
    return Override<T>{*parsed, *reason};
}

std::optional<Assessment> read_assessment(const toml::table& t, const std::string& file,
                                          Diagnostics& diags, const Policy& policy,
                                          const std::string& area_id) {
    TableReader r(t, file, diags, "an assessment of area \"" + area_id + "\"");
    Assessment a;
    const auto date = r.date("date", true);
    const auto sb = read_axis(r, "sagsbehandling", policy);
    const auto sr = read_axis(r, "statsrefusion", policy);
    const auto reason = read_text(r, "reason", true);
    a.colour_override =
        read_override<Colour>(r, "colour", [](const std::string& v, std::string& why) {
            auto c = parse_colour(v);
            if (!c)
                why =
                    "unknown colour \"" + v + "\"; expected red, yellow or green (rød, gul, grøn)";
            return c;
        });
    a.cadence_override = read_override<Cadence>(
        r, "cadence",
        [](const std::string& v, std::string& why) { return Cadence::parse(v, &why); });
    r.finish();
    if (!date || !sb || !sr || !reason) return std::nullopt;
    a.date = *date;
    a.sagsbehandling = *sb;
    a.statsrefusion = *sr;
    a.reason = *reason;
    return a;
}

std::optional<Area> read_area(const toml::table& t, const std::string& file, Diagnostics& diags,
                              const Policy& policy,
                              const std::map<std::string, std::size_t, std::less<>>& leaders) {
    TableReader r(t, file, diags, "an area");
    Area area;
    const auto id = read_id(r, "id", "area");
    const std::string label = id ? *id : std::string("?");
    const auto name = read_text(r, "name", true, max_short_text);
    const auto kind = r.string("kind", true);
    const auto leader = r.string("leader", true);
    const auto focus = read_text(r, "focus", true);
    const auto population = r.integer("population");
    const auto sample_size = r.integer("sample_size");
    const auto minutes = r.hours("hours", WorkloadRules::max_supervision_hours);
    const toml::array* assessments = r.array("assessments", true);
    std::optional<Closure> closed;
    bool closed_ok = true;
    if (const toml::table* ct = r.table("closed")) {
        // Like an override, a closure carries its reason: the auditor sees why an area whose
        // supervisions are in the log has no plan after a day.
        TableReader cr(*ct, file, diags, "'closed'");
        const auto date = cr.date("date", true);
        const auto reason = read_text(cr, "reason", true);
        cr.finish();
        if (date && reason)
            closed = Closure{*date, *reason};
        else
            closed_ok = false;
    }
    r.finish();

    bool ok = id && name && kind && leader && focus && assessments && closed_ok;
    if (kind) {
        if (*kind == "målgruppe")
            area.kind = AreaKind::maalgruppe;
        else if (*kind == "ydelsestype")
            area.kind = AreaKind::ydelsestype;
        else {
            r.error("kind", "kind must be \"målgruppe\" or \"ydelsestype\", not \"" + *kind + "\"");
            ok = false;
        }
    }
    if (leader) {
        auto found = leaders.find(*leader);
        if (leaders.empty()) {
            ok = false;  // the missing [[leaders]] is reported once, not for every area
        } else if (found == leaders.end()) {
            std::string known;
            for (auto& [lid, index] : leaders) known += (known.empty() ? "" : ", ") + lid;
            r.error("leader", "unknown leader \"" + *leader + "\"; the register's leaders are: " +
                                  (known.empty() ? "(none)" : known));
            ok = false;
        } else {
            area.leader = found->second;
        }
    }
    if (population) {
        // An area under supervision has persons in it: with none, no sample could be drawn.
        if (*population < 1 || *population > 10'000'000) {
            r.error("population", "population must be between 1 and 10000000");
            ok = false;
        } else {
            area.population = static_cast<int>(*population);
        }
    }
    if (sample_size) {
        if (*sample_size < 1 || *sample_size > 10'000) {
            r.error("sample_size", "sample_size must be between 1 and 10000 cases");
            ok = false;
        } else {
            area.sample_size = static_cast<int>(*sample_size);
        }
    }
    if (minutes) {
        if (!policy.workload.has_hours()) {
            r.error("hours",
                    "hours per supervision for one area needs [workload] hours in the policy");
            ok = false;
        } else {
            area.minutes = *minutes;
        }
    }
    if (assessments) {
        if (assessments->empty()) {
            r.error("assessments", "area \"" + label + "\" needs at least one assessment");
            ok = false;
        }
        for (const toml::node& n : *assessments) {
            const toml::table* at = n.as_table();
            if (!at) {
                diags.add(place_of(file, n.source()),
                          "each assessment must be a table ([[areas.assessments]])");
                ok = false;
                continue;
            }
            auto a = read_assessment(*at, file, diags, policy, label);
            if (!a) {
                ok = false;
                continue;
            }
            for (const auto& earlier : area.assessments)
                if (earlier.date == a->date) {
                    diags.add(place_of(file, at->source()),
                              "area \"" + label + "\" has two assessments dated " + iso(a->date));
                    ok = false;
                }
            area.assessments.push_back(std::move(*a));
        }
    }
    if (closed && !area.assessments.empty()) {
        const auto last = std::max_element(
            area.assessments.begin(), area.assessments.end(),
            [](const Assessment& a, const Assessment& b) { return a.date < b.date; });
        if (closed->date <= last->date) {
            r.error("closed", "area \"" + label + "\" is closed on " + iso(closed->date) +
                                  ", not after its assessment dated " + iso(last->date));
            ok = false;
        }
    }
    if (!ok) return std::nullopt;
    area.id = *id;
    area.closed = std::move(closed);
    const SourcePlace where = r.place("id");
    area.line = where.line;
    area.column = where.column;
    area.name = *name;
    area.focus = *focus;
    std::stable_sort(area.assessments.begin(), area.assessments.end(),
                     [](auto& a, auto& b) { return a.date < b.date; });
    return area;
}

}  // namespace

Center read_register(const std::string& file, std::string_view text, const Policy& policy,
                     Diagnostics& diags) {
    Center c;
    c.source = file;
    const auto doc = parse_toml(text, file, diags);
    if (!doc) return c;
    TableReader top(*doc, file, diags, "the register");
    if (auto id = read_id(top, "id", "center")) {
        c.id = *id;
        const SourcePlace where = top.place("id");
        c.line = where.line;
        c.column = where.column;
    }
    if (auto name = read_text(top, "name", true, max_short_text)) c.name = *name;

    std::map<std::string, std::size_t, std::less<>> leader_index;
    std::map<std::string, int, std::less<>> leader_line;
    if (const toml::array* leaders = top.array("leaders", true)) {
        for (const toml::node& n : *leaders) {
            const toml::table* t = n.as_table();
            if (!t) {
                diags.add(place_of(file, n.source()), "each leader must be a table ([[leaders]])");
                continue;
            }
            TableReader r(*t, file, diags, "a leader");
            const auto id = read_id(r, "id", "leader");
            const auto name = read_text(r, "name", true, max_short_text);
            const auto email = r.string("email", true);
            const auto capacity = r.hours("capacity", WorkloadRules::max_capacity_hours);
            r.finish();
            if (capacity && !policy.workload.has_hours())
                r.error("capacity", "a capacity in hours needs [workload] hours in the policy");
            if (email && !looks_like_email(*email))
                r.error("email", "\"" + *email + "\" is not an e-mail address");
            if (!id || !name || !email) continue;
            if (auto first = leader_line.find(*id); first != leader_line.end()) {
                r.error("id", "duplicate leader id \"" + *id + "\" (first defined at line " +
                                  std::to_string(first->second) + ")");
                continue;
            }
            leader_line.emplace(*id, r.place("id").line);
            leader_index.emplace(*id, c.leaders.size());
            c.leaders.push_back(
                {*id, *name, *email, policy.workload.has_hours() ? capacity : std::nullopt});
        }
    }
    if (const toml::array* areas = top.array("areas", true)) {
        c.areas.reserve(areas->size());
        for (const toml::node& n : *areas) {
            const toml::table* t = n.as_table();
            if (!t) {
                diags.add(place_of(file, n.source()), "each area must be a table ([[areas]])");
                continue;
            }
            if (auto a = read_area(*t, file, diags, policy, leader_index))
                c.areas.push_back(std::move(*a));
        }
    }
    top.finish();
    return c;
}

}  // namespace tilsyn
