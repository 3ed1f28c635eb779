#include "log_entry.h"

#include "money.h"
#include "sha256.h"

#include <nlohmann/json.hpp>

namespace tilsyn {

std::string_view axis_name(Axis a) {
    return a == Axis::sagsbehandling ? "sagsbehandling" : "statsrefusion";
}

std::optional<Axis> parse_axis(std::string_view text) {
    if (text == "sagsbehandling") return Axis::sagsbehandling;
    if (text == "statsrefusion") return Axis::statsrefusion;
    return std::nullopt;
}

std::string_view severity_name(Severity s) { return s == Severity::vaesentlig ? "væsentlig" : "mindre"; }

std::optional<Severity> parse_severity(std::string_view text) {
    if (text == "væsentlig" || text == "vaesentlig" || text == "material") return Severity::vaesentlig;
    if (text == "mindre" || text == "minor") return Severity::mindre;
    return std::nullopt;
}

std::string_view verdict_name(Verdict v) {
    switch (v) {
        case Verdict::accept: return "accept";
        case Verdict::reject: return "reject";
        case Verdict::set: return "set";
    }
    return "accept";
}

std::string_view kind_name(const EntryBody& body) {
    static constexpr std::string_view names[] = {"supervision", "finding", "action", "decision",
                                                 "correction"};
    return names[body.index()];
}

std::string_view kind_danish(const EntryBody& body) {
    static constexpr std::string_view names[] = {"tilsyn", "fund", "handling", "beslutning", "rettelse"};
    return names[body.index()];
}

namespace {

using json = nlohmann::json;

json optional_text(const std::optional<std::string>& s) { return s ? json(*s) : json(nullptr); }

json fields(const SupervisionEntry& s) {
    return {{"area", s.area},
            {"center", s.center},
            {"leader", s.leader},
            {"performed", iso(s.performed)},
            {"occurrence", optional_text(s.occurrence)},
            {"cases", s.cases},
            {"errors_sagsbehandling", s.errors_sagsbehandling},
            {"errors_statsrefusion", s.errors_statsrefusion},
            {"note", s.note}};
}

json fields(const FindingEntry& f) {
    return {{"supervision", f.supervision},
            {"case_ref", f.case_ref},
            {"axis", axis_name(f.axis)},
            {"category", f.category},
            {"severity", severity_name(f.severity)},
            // Amounts as exact decimal text, so the form never depends on number formatting.
            {"amount_dkk", f.amount_ore ? json(amount_plain(*f.amount_ore)) : json(nullptr)},
            {"description", f.description}};
}

json fields(const ActionEntry& a) {
    return {{"supervision", a.supervision}, {"text", a.text}, {"owner", a.owner}, {"due", iso(a.due)}};
}

json fields(const DecisionEntry& d) {
    return {{"area", d.area},
            {"decided", iso(d.decided)},
            {"verdict", verdict_name(d.verdict)},
            {"from", colour_token(d.from)},
            {"to", colour_token(d.to)},
            {"rule", d.rule},
            {"evidence", d.evidence},
            {"reason", d.reason},
            {"by", d.by}};
}

json fields(const CorrectionEntry& c) {
    return {{"corrects", c.corrects}, {"corrected", iso(c.corrected)}, {"reason", c.reason}};
}

}  // namespace

std::string canonical_form(const LogEntry& e) {
    json j = std::visit([](const auto& b) { return fields(b); }, e.body);
    j["seq"] = e.seq;
    j["kind"] = kind_name(e.body);
    j["recorded_at"] = e.recorded_at;
    // nlohmann's object is a std::map: keys come out sorted by byte value, and dump() without
    // indentation writes no whitespace. Invalid UTF-8 throws; inputs are checked before this.
    return j.dump();
}

std::string compute_hash(const LogEntry& e) {
    return sha256_hex("tilsyn-log-1\n" + e.prev_hash + "\n" + canonical_form(e));
}

}  // namespace tilsyn
