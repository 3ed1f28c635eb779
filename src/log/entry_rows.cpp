#include "log/entry_rows.h"

#include "base/text.h"

#include <SQLiteCpp/SQLiteCpp.h>

namespace tilsyn {

const char* const select_entries = R"sql(
SELECT e.seq, e.kind, e.recorded_at, e.prev_hash, e.hash,
       COALESCE(s.entry, f.entry, a.entry, d.entry, c.entry, k.entry),
       s.area, s.center, s.leader, s.performed, s.occurrence, s.cases,
       s.errors_sagsbehandling, s.errors_statsrefusion, s.note,
       f.supervision, f.case_ref, f.axis, f.category, f.severity, f.amount_ore, f.description,
       a.supervision, a.text, a.owner, a.due,
       d.area, d.decided, d.verdict, d.from_colour, d.to_colour, d.rule, d.evidence, d.reason,
       d.decided_by,
       c.corrects, c.corrected, c.reason,
       sm.entry, sm.seed, sm.cases_sha256, sm.population, sm.size,
       e.imported, e.signature, k.public_key, k.replaces, k.reason
FROM entry e
LEFT JOIN supervision s ON e.kind = 'supervision' AND s.entry = e.seq
LEFT JOIN finding f     ON e.kind = 'finding'     AND f.entry = e.seq
LEFT JOIN action a      ON e.kind = 'action'      AND a.entry = e.seq
LEFT JOIN decision d    ON e.kind = 'decision'    AND d.entry = e.seq
LEFT JOIN correction c  ON e.kind = 'correction'  AND c.entry = e.seq
LEFT JOIN sample sm     ON e.kind = 'supervision' AND sm.entry = e.seq
LEFT JOIN signing_key k ON e.kind = 'key'         AND k.entry = e.seq
)sql";

namespace {

Date date_column(SQLite::Statement& q, int column, const char* what) {
    const std::string text = q.getColumn(column).getString();
    const auto d = parse_iso_date(text);
    if (!d) throw Unreadable{std::string(what) + " '" + text + "' is not a date"};
    return *d;
}

Colour colour_column(SQLite::Statement& q, int column) {
    const auto c = parse_colour(q.getColumn(column).getString());
    if (!c) throw Unreadable{"unknown colour '" + q.getColumn(column).getString() + "'"};
    return *c;
}

std::optional<std::string> optional_text(SQLite::Statement& q, int column) {
    if (q.getColumn(column).isNull()) return std::nullopt;
    return q.getColumn(column).getString();
}

}  // namespace

LogEntry read_entry(SQLite::Statement& q, const SampleCases& sample_cases) {
    // Text the tool wrote is valid UTF-8; anything else was put there by hand.
    for (int c = 1; c < q.getColumnCount(); ++c)
        if (q.getColumn(c).isText() && !is_valid_utf8(q.getColumn(c).getString()))
            throw Unreadable{"column " + std::string(q.getColumnName(c)) +
                             " holds text that is not valid UTF-8"};
    LogEntry e;
    e.seq = q.getColumn(0).getInt64();
    const std::string kind = q.getColumn(1).getString();
    e.recorded_at = q.getColumn(2).getString();
    e.prev_hash = q.getColumn(3).getString();
    e.hash = q.getColumn(4).getString();
    if (q.getColumn(5).isNull()) throw Unreadable{"its " + kind + " row is missing"};
    if (kind == "supervision") {
        SupervisionEntry s;
        s.area = q.getColumn(6).getString();
        s.center = q.getColumn(7).getString();
        s.leader = q.getColumn(8).getString();
        s.performed = date_column(q, 9, "performed");
        s.occurrence = optional_text(q, 10);
        s.cases = q.getColumn(11).getInt64();
        s.errors_sagsbehandling = q.getColumn(12).getInt64();
        s.errors_statsrefusion = q.getColumn(13).getInt64();
        s.note = q.getColumn(14).getString();
        if (!q.getColumn(38).isNull()) {
            SampleRecord r;
            r.seed = q.getColumn(39).getString();
            r.cases_sha256 = q.getColumn(40).getString();
            r.population = q.getColumn(41).getInt64();
            r.size = q.getColumn(42).getInt64();
            r.reviewed = sample_cases(e.seq);
            for (const std::string& c : r.reviewed)
                if (!is_valid_utf8(c)) throw Unreadable{"a sampled case number is not valid UTF-8"};
            s.sample = std::move(r);
        }
        e.body = std::move(s);
    } else if (kind == "finding") {
        FindingEntry f;
        f.supervision = q.getColumn(15).getInt64();
        f.case_ref = q.getColumn(16).getString();
        const auto axis = parse_axis(q.getColumn(17).getString());
        const auto severity = parse_severity(q.getColumn(19).getString());
        if (!axis || !severity) throw Unreadable{"unknown axis or severity"};
        f.axis = *axis;
        f.category = q.getColumn(18).getString();
        f.severity = *severity;
        if (!q.getColumn(20).isNull()) f.amount_ore = q.getColumn(20).getInt64();
        f.description = q.getColumn(21).getString();
        e.body = std::move(f);
    } else if (kind == "action") {
        ActionEntry a;
        a.supervision = q.getColumn(22).getInt64();
        a.text = q.getColumn(23).getString();
        a.owner = q.getColumn(24).getString();
        a.due = date_column(q, 25, "due");
        e.body = std::move(a);
    } else if (kind == "decision") {
        DecisionEntry d;
        d.area = q.getColumn(26).getString();
        d.decided = date_column(q, 27, "decided");
        const std::string verdict = q.getColumn(28).getString();
        const auto v = parse_verdict(verdict);
        if (!v) throw Unreadable{"unknown verdict '" + verdict + "'"};
        d.verdict = *v;
        d.from = colour_column(q, 29);
        d.to = colour_column(q, 30);
        d.rule = q.getColumn(31).getString();
        d.evidence = q.getColumn(32).getString();
        d.reason = q.getColumn(33).getString();
        d.by = q.getColumn(34).getString();
        e.body = std::move(d);
    } else if (kind == "correction") {
        CorrectionEntry c;
        c.corrects = q.getColumn(35).getInt64();
        c.corrected = date_column(q, 36, "corrected");
        c.reason = q.getColumn(37).getString();
        e.body = std::move(c);
    } else if (kind == "key") {
        KeyEntry k;
        k.public_key = q.getColumn(45).getString();
        if (!q.getColumn(46).isNull()) k.replaces = q.getColumn(46).getString();
        k.reason = q.getColumn(47).getString();
        e.body = std::move(k);
    } else {
        throw Unreadable{"unknown kind '" + kind + "'"};
    }
    e.imported = q.getColumn(43).getInt() != 0;
    if (!q.getColumn(44).isNull()) e.signature = q.getColumn(44).getString();
    return e;
}

}  // namespace tilsyn
