#include "log/log_entry.h"

#include "base/money.h"
#include "base/sha256.h"

#include "base/text.h"

#include <algorithm>
#include <stdexcept>
#include <vector>

namespace tilsyn {

std::string_view axis_name(Axis a) {
    return a == Axis::sagsbehandling ? "sagsbehandling" : "statsrefusion";
}

std::optional<Axis> parse_axis(std::string_view text) {
    if (text == "sagsbehandling") return Axis::sagsbehandling;
    if (text == "statsrefusion") return Axis::statsrefusion;
    return std::nullopt;
}

std::string_view severity_name(Severity s) {
    return s == Severity::vaesentlig ? "væsentlig" : "mindre";
}

std::optional<Severity> parse_severity(std::string_view text) {
    if (text == "væsentlig" || text == "vaesentlig" || text == "material")
        return Severity::vaesentlig;
    if (text == "mindre" || text == "minor") return Severity::mindre;
    return std::nullopt;
}

std::string_view verdict_name(Verdict v) {
    switch (v) {
        case Verdict::accept:
            return "accept";
        case Verdict::reject:
            return "reject";
        case Verdict::set:
            return "set";
    }
    return "accept";
}

std::optional<Verdict> parse_verdict(std::string_view text) {
    for (Verdict v : {Verdict::accept, Verdict::reject, Verdict::set})
        if (verdict_name(v) == text) return v;
    return std::nullopt;
}

std::string_view kind_name(const EntryBody& body) {
    static constexpr std::string_view names[] = {"supervision", "finding",    "action",
                                                 "decision",    "correction", "key"};
    return names[body.index()];
}

std::string_view kind_danish(const EntryBody& body) {
    static constexpr std::string_view names[] = {"tilsyn",     "fund",     "handling",
                                                 "beslutning", "rettelse", "nøgle"};
    return names[body.index()];
}

namespace {

// The canonical form is written directly rather than through a JSON tree: it is computed for
// every entry written and verified (a million in an import). The output is byte for byte what
// nlohmann::json's dump() gives for the same object (tests/unit/log_entry_test.cpp checks it):
// compact, keys sorted by byte value, UTF-8 kept, '"' '\\' and control characters escaped.
std::string json_string(std::string_view value) {
    std::string v;
    v.reserve(value.size() + 2);
    v += '"';
    for (const char c : value) {
        switch (c) {
            case '"':
                v += "\\\"";
                break;
            case '\\':
                v += "\\\\";
                break;
            case '\b':
                v += "\\b";
                break;
            case '\f':
                v += "\\f";
                break;
            case '\n':
                v += "\\n";
                break;
            case '\r':
                v += "\\r";
                break;
            case '\t':
                v += "\\t";
                break;
            default:
                if (static_cast<unsigned char>(c) < 0x20) {
                    static constexpr char hex[] = "0123456789abcdef";
                    v += "\\u00";
                    v += hex[static_cast<unsigned char>(c) >> 4];
                    v += hex[static_cast<unsigned char>(c) & 0xf];
                } else {
                    v += c;
                }
        }
    }
    v += '"';
    return v;
}

class Canonical {
public:
    Canonical& text(std::string_view key, std::string_view value) {
        fields_.emplace_back(key, json_string(value));
        return *this;
    }
    Canonical& text_list(std::string_view key, const std::vector<std::string>& values) {
        std::string v = "[";
        for (const std::string& s : values) {
            if (v.size() > 1) v += ',';
            v += json_string(s);
        }
        fields_.emplace_back(key, v + ']');
        return *this;
    }
    Canonical& object(std::string_view key, Canonical&& inner) {
        fields_.emplace_back(key, inner.str());
        return *this;
    }
    Canonical& optional_text(std::string_view key, const std::optional<std::string>& value) {
        if (value) return text(key, *value);
        fields_.emplace_back(key, "null");
        return *this;
    }
    Canonical& boolean(std::string_view key, bool value) {
        fields_.emplace_back(key, value ? "true" : "false");
        return *this;
    }
    Canonical& number(std::string_view key, std::int64_t value) {
        fields_.emplace_back(key, std::to_string(value));
        return *this;
    }
    std::string str() {
        std::sort(fields_.begin(), fields_.end(),
                  [](const auto& a, const auto& b) { return a.first < b.first; });
        std::string out = "{";
        for (const auto& [key, value] : fields_) {
            if (out.size() > 1) out += ',';
            out.append("\"").append(key).append("\":").append(value);
        }
        return out += '}';
    }

private:
    std::vector<std::pair<std::string_view, std::string>> fields_;
};

void add(Canonical& c, const SupervisionEntry& s) {
    c.text("area", s.area).text("center", s.center).text("leader", s.leader);
    c.text("performed", iso(s.performed)).optional_text("occurrence", s.occurrence);
    c.number("cases", s.cases).number("errors_sagsbehandling", s.errors_sagsbehandling);
    c.number("errors_statsrefusion", s.errors_statsrefusion).text("note", s.note);
    if (s.sample) {
        const SampleRecord& r = *s.sample;
        Canonical inner;
        inner.text("seed", r.seed).text("cases_sha256", r.cases_sha256);
        inner.number("population", r.population)
            .number("size", r.size)
            .text_list("reviewed", r.reviewed);
        c.object("sample", std::move(inner));
    }
}

void add(Canonical& c, const FindingEntry& f) {
    c.number("supervision", f.supervision).text("case_ref", f.case_ref);
    c.text("axis", axis_name(f.axis)).text("category", f.category);
    c.text("severity", severity_name(f.severity));
    // Amounts as exact decimal text, so the form never depends on number formatting.
    c.optional_text("amount_dkk",
                    f.amount_ore ? std::optional(amount_plain(*f.amount_ore)) : std::nullopt);
    c.text("description", f.description);
}

void add(Canonical& c, const ActionEntry& a) {
    c.number("supervision", a.supervision).text("text", a.text).text("owner", a.owner);
    c.text("due", iso(a.due));
}

void add(Canonical& c, const DecisionEntry& d) {
    c.text("area", d.area).text("decided", iso(d.decided)).text("verdict", verdict_name(d.verdict));
    c.text("from", colour_token(d.from)).text("to", colour_token(d.to)).text("rule", d.rule);
    c.text("evidence", d.evidence).text("reason", d.reason).text("by", d.by);
}

void add(Canonical& c, const CorrectionEntry& k) {
    c.number("corrects", k.corrects).text("corrected", iso(k.corrected)).text("reason", k.reason);
}

void add(Canonical& c, const KeyEntry& k) {
    c.text("public_key", k.public_key).optional_text("replaces", k.replaces);
    c.text("reason", k.reason);
}

}  // namespace

std::string canonical_form(const LogEntry& e) {
    Canonical c;
    std::visit([&](const auto& b) { add(c, b); }, e.body);
    c.number("seq", e.seq).text("kind", kind_name(e.body)).text("recorded_at", e.recorded_at);
    // Only when set, so that every entry written before imports were marked hashes as it did.
    if (e.imported) c.boolean("imported", true);
    std::string out = c.str();
    // The form is defined for UTF-8 text only; everything written is checked before this,
    // and verify refuses stored text that is not UTF-8 before it gets here.
    if (!is_valid_utf8(out)) throw std::invalid_argument("canonical form: text is not valid UTF-8");
    return out;
}

std::string compute_hash(const LogEntry& e) {
    return sha256_hex("tilsyn-log-1\n" + e.prev_hash + "\n" + canonical_form(e));
}

}  // namespace tilsyn
