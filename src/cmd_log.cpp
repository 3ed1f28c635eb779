// tilsyn log: the complete findings log for the auditor, in order, every entry with its hash,
// corrections and decisions included; withdrawn entries are marked, never hidden.
#include "atomic_file.h"
#include "cmd_common.h"
#include "csv_writer.h"
#include "error.h"
#include "money.h"
#include "rerating.h"
#include "text.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace tilsyn {

void log_options(po::options_description& d) {
    d.add_options()
        ("area", po::value<std::string>()->value_name("A"), "only entries about this area")
        ("from", po::value<std::string>()->value_name("YYYY-MM-DD"), "only entries dated on or after this day")
        ("to", po::value<std::string>()->value_name("YYYY-MM-DD"), "only entries dated on or before this day")
        ("format", po::value<std::string>()->default_value("table")->value_name("F"), "table, csv or json")
        ("dialect", po::value<std::string>()->value_name("D"), "with csv: rfc4180 (default) or excel-da")
        ("output,o", po::value<std::string>()->value_name("PATH"), "write to this file instead of standard output");
}

namespace {

// What an entry is about and the day it is dated, found through the entries it points at.
struct Subject {
    std::string area;
    Date date;
};

struct Row {
    const LogEntry* e;
    Subject about;
    std::optional<std::int64_t> withdrawn_by;
};

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const std::string& p : parts) out.append(out.empty() ? "" : separator).append(p);
    return out;
}

std::string summary(const LogEntry& e) {
    return std::visit(
        [](const auto& b) -> std::string {
            using T = std::decay_t<decltype(b)>;
            if constexpr (std::is_same_v<T, SupervisionEntry>) {
                return "tilsyn af " + b.leader + ", " +
                       (b.occurrence ? "opfylder " + *b.occurrence : std::string("ad hoc")) + "; " +
                       std::to_string(b.cases) + " sager, fejl sagsbehandling " +
                       std::to_string(b.errors_sagsbehandling) + ", statsrefusion " +
                       std::to_string(b.errors_statsrefusion) + (b.note.empty() ? "" : "; " + b.note) +
                       (b.sample ? "; stikprøve " + std::to_string(b.sample->size) + " af " +
                                       std::to_string(b.sample->population) + " sager, frø \"" + b.sample->seed +
                                       "\", sagsliste sha256 " + b.sample->cases_sha256 + ", gennemgået: " +
                                       join(b.sample->reviewed, ", ")
                                 : std::string());
            } else if constexpr (std::is_same_v<T, FindingEntry>) {
                return "fund i #" + std::to_string(b.supervision) + ": sag " + b.case_ref + ", " +
                       std::string(axis_name(b.axis)) + ", " + b.category + ", " +
                       std::string(severity_name(b.severity)) +
                       (b.amount_ore ? ", " + amount_danish(*b.amount_ore) : std::string()) + "; " +
                       b.description;
            } else if constexpr (std::is_same_v<T, ActionEntry>) {
                return "handling efter #" + std::to_string(b.supervision) + ": " + b.text + " (" +
                       b.owner + ", frist " + iso(b.due) + ")";
            } else if constexpr (std::is_same_v<T, DecisionEntry>) {
                static constexpr const char* verdicts[] = {"accepteret", "afvist", "fastsat manuelt"};
                return "beslutning: " + std::string(colour_danish(b.from)) + " -> " +
                       std::string(colour_danish(b.to)) + " " + verdicts[static_cast<int>(b.verdict)] +
                       " af " + b.by + " (" + b.rule + "): " + b.reason;
            } else {
                return "rettelse: #" + std::to_string(b.corrects) + " trækkes tilbage: " + b.reason;
            }
        },
        e.body);
}

void write_table(std::ostream& out, const std::vector<Row>& rows, const Store::Verification& v) {
    out << "Tilsynslog: " << rows.size() << (rows.size() == 1 ? " post" : " poster") << "\n";
    for (const Row& r : rows) {
        const LogEntry& e = *r.e;
        out << "\n#" << e.seq << "  " << iso(r.about.date) << "  " << kind_danish(e.body) << "  "
            << r.about.area << "  (registreret " << e.recorded_at << ")\n";
        out << wrap(summary(e), 78, "    ");
        if (r.withdrawn_by) out << "    TRUKKET TILBAGE ved #" << *r.withdrawn_by << "\n";
        out << "    hash " << e.hash << "\n";
    }
    out << "\nKæden: " << v.count << " poster, hoved " << v.head << "\n";
}

void write_csv(std::ostream& out, const std::vector<Row>& rows, CsvDialect dialect) {
    CsvWriter csv(out, dialect);
    csv.row({"seq", "kind", "recorded_at", "date", "area", "center", "leader", "occurrence", "cases",
             "errors_sagsbehandling", "errors_statsrefusion", "supervision", "case_ref", "axis",
             "category", "severity", "amount_dkk", "owner", "due", "verdict", "from", "to", "rule",
             "evidence", "by", "corrects", "text", "sample_seed", "sample_cases_sha256",
             "sample_population", "sample_size", "sample_reviewed", "withdrawn_by", "prev_hash", "hash"});
    for (const Row& r : rows) {
        const LogEntry& e = *r.e;
        std::map<std::string, std::string> f;
        std::visit(
            [&](const auto& b) {
                using T = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<T, SupervisionEntry>) {
                    f["center"] = b.center;
                    f["leader"] = b.leader;
                    f["occurrence"] = b.occurrence.value_or("");
                    f["cases"] = std::to_string(b.cases);
                    f["errors_sagsbehandling"] = std::to_string(b.errors_sagsbehandling);
                    f["errors_statsrefusion"] = std::to_string(b.errors_statsrefusion);
                    f["text"] = b.note;
                    if (b.sample) {
                        f["sample_seed"] = b.sample->seed;
                        f["sample_cases_sha256"] = b.sample->cases_sha256;
                        f["sample_population"] = std::to_string(b.sample->population);
                        f["sample_size"] = std::to_string(b.sample->size);
                        // One cell, in draw order; the JSON format has them as a list.
                        f["sample_reviewed"] = join(b.sample->reviewed, "; ");
                    }
                } else if constexpr (std::is_same_v<T, FindingEntry>) {
                    f["supervision"] = std::to_string(b.supervision);
                    f["case_ref"] = b.case_ref;
                    f["axis"] = axis_name(b.axis);
                    f["category"] = b.category;
                    f["severity"] = severity_name(b.severity);
                    // Danish Excel reads '.' as a thousands separator: the decimal is a comma there.
                    std::string amount = b.amount_ore ? amount_plain(*b.amount_ore) : "";
                    if (dialect == CsvDialect::excel_da) std::replace(amount.begin(), amount.end(), '.', ',');
                    f["amount_dkk"] = amount;
                    f["text"] = b.description;
                } else if constexpr (std::is_same_v<T, ActionEntry>) {
                    f["supervision"] = std::to_string(b.supervision);
                    f["owner"] = b.owner;
                    f["due"] = iso(b.due);
                    f["text"] = b.text;
                } else if constexpr (std::is_same_v<T, DecisionEntry>) {
                    f["verdict"] = verdict_name(b.verdict);
                    f["from"] = colour_token(b.from);
                    f["to"] = colour_token(b.to);
                    f["rule"] = b.rule;
                    f["evidence"] = b.evidence;
                    f["by"] = b.by;
                    f["text"] = b.reason;
                } else {
                    f["corrects"] = std::to_string(b.corrects);
                    f["text"] = b.reason;
                }
            },
            e.body);
        const std::string seq = std::to_string(e.seq), date = iso(r.about.date);
        const std::string withdrawn = r.withdrawn_by ? std::to_string(*r.withdrawn_by) : "";
        csv.row({seq, kind_name(e.body), e.recorded_at, date, r.about.area, f["center"], f["leader"],
                 f["occurrence"], f["cases"], f["errors_sagsbehandling"], f["errors_statsrefusion"],
                 f["supervision"], f["case_ref"], f["axis"], f["category"], f["severity"],
                 f["amount_dkk"], f["owner"], f["due"], f["verdict"], f["from"], f["to"], f["rule"],
                 f["evidence"], f["by"], f["corrects"], f["text"], f["sample_seed"],
                 f["sample_cases_sha256"], f["sample_population"], f["sample_size"], f["sample_reviewed"],
                 withdrawn, e.prev_hash, e.hash});
    }
}

void write_json(std::ostream& out, const std::vector<Row>& rows, const Store::Verification& v) {
    using Json = nlohmann::ordered_json;
    Json entries = Json::array();
    for (const Row& r : rows) {
        // The canonical form's fields, so the JSON is what the hash covers, plus the chain.
        const auto canonical = nlohmann::json::parse(canonical_form(*r.e));
        Json j{{"seq", r.e->seq}, {"kind", kind_name(r.e->body)}, {"date", iso(r.about.date)},
               {"area", r.about.area}};
        for (const auto& [k, val] : canonical.items())
            if (k != "seq" && k != "kind") j[k] = val;
        j["withdrawn_by"] = r.withdrawn_by ? Json(*r.withdrawn_by) : Json(nullptr);
        j["prev_hash"] = r.e->prev_hash;
        j["hash"] = r.e->hash;
        entries.push_back(std::move(j));
    }
    Json doc{{"format_version", 1}, {"chain", {{"entries", v.count}, {"head", v.head}}},
             {"entries", std::move(entries)}};
    out << doc.dump(2) << "\n";
}

}  // namespace

int run_log(const po::variables_map& vm, Context& ctx) {
    const std::string format = vm["format"].as<std::string>();
    if (format != "table" && format != "csv" && format != "json")
        throw UsageError("--format: unknown format '" + format + "'; expected table, csv or json");
    const CsvDialect dialect = dialect_option(vm, format == "csv");
    const auto from = date_option(vm, "from");
    const auto to = date_option(vm, "to");
    if (from && to && *to < *from) throw UsageError("--to " + iso(*to) + " is before --from " + iso(*from));
    std::optional<std::string> area;
    if (vm.count("area")) area = vm["area"].as<std::string>();
    std::optional<std::string> output;
    if (vm.count("output")) output = vm["output"].as<std::string>();

    Store store(ctx.db_path, Store::Mode::existing);
    const Store::Verification v = store.verify(std::nullopt);
    if (!v.problem.empty())
        throw Error((v.bad_seq ? "entry " + std::to_string(*v.bad_seq) + " of the log does not verify (" +
                                     v.problem + ")"
                               : v.problem) +
                        "; 'tilsyn verify' tells more",
                    ExitCode::attention);
    const std::vector<LogEntry> entries = store.entries();

    // Findings, actions and corrections are about what they point at.
    std::map<std::int64_t, Subject> about;
    std::map<std::int64_t, std::int64_t> withdrawn_by;
    std::vector<Row> rows;
    for (const LogEntry& e : entries) {
        Subject c;
        std::visit(
            [&](const auto& b) {
                using T = std::decay_t<decltype(b)>;
                if constexpr (std::is_same_v<T, SupervisionEntry>) c = {b.area, b.performed};
                else if constexpr (std::is_same_v<T, FindingEntry> || std::is_same_v<T, ActionEntry>) c = about[b.supervision];
                else if constexpr (std::is_same_v<T, DecisionEntry>) c = {b.area, b.decided};
                else c = {about[b.corrects].area, b.corrected};
            },
            e.body);
        about[e.seq] = c;
        if (const auto* corr = std::get_if<CorrectionEntry>(&e.body)) withdrawn_by[corr->corrects] = e.seq;
    }
    for (const LogEntry& e : entries) {
        const Subject& c = about[e.seq];
        if (area && c.area != *area) continue;
        if (from && c.date < *from) continue;
        if (to && c.date > *to) continue;
        Row r{&e, c, std::nullopt};
        if (auto w = withdrawn_by.find(e.seq); w != withdrawn_by.end()) r.withdrawn_by = w->second;
        else if (const auto* s = std::get_if<FindingEntry>(&e.body); s && withdrawn_by.count(s->supervision))
            r.withdrawn_by = withdrawn_by[s->supervision];
        else if (const auto* a = std::get_if<ActionEntry>(&e.body); a && withdrawn_by.count(a->supervision))
            r.withdrawn_by = withdrawn_by[a->supervision];
        rows.push_back(r);
    }

    write_output(output, "-o", ctx.out, [&](std::ostream& out) {
        if (format == "table") write_table(out, rows, v);
        else if (format == "csv") write_csv(out, rows, dialect);
        else write_json(out, rows, v);
    });
    return 0;
}

}  // namespace tilsyn
