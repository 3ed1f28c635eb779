// tilsyn log: the complete findings log for the auditor, in order, every entry with its hash,
// corrections and decisions included; withdrawn entries are marked, never hidden.
#include "base/error.h"
#include "base/text.h"
#include "cli/options.h"
#include "cli/outputs.h"
#include "log/entry_summary.h"
#include "log/log_listing.h"
#include "log/rerating.h"
#include "rules/rules_loader.h"

#include <nlohmann/json.hpp>

namespace tilsyn {

void log_options(po::options_description& d) {
    d.add_options()("area", po::value<std::string>()->value_name("A"),
                    "only entries about this area")(
        "from", po::value<std::string>()->value_name("YYYY-MM-DD"),
        "only entries dated on or after this day")(
        "to", po::value<std::string>()->value_name("YYYY-MM-DD"),
        "only entries dated on or before this day")(
        "format", po::value<std::string>()->default_value("table")->value_name("F"),
        "table, csv or json")("dialect", po::value<std::string>()->value_name("D"),
                              "with csv: rfc4180 (default) or excel-da")(
        "output,o", po::value<std::string>()->value_name("PATH"),
        "write to this file instead of standard output");
}

namespace {

void write_table(std::ostream& out, const std::vector<LogRow>& rows, const Store::Verification& v,
                 const RegistrationRule& rule) {
    out << "Tilsynslog: " << rows.size() << (rows.size() == 1 ? " post" : " poster") << "\n";
    for (const LogRow& r : rows) {
        const LogEntry& e = *r.entry;
        out << "\n#" << e.seq << "  " << iso(r.date) << "  " << kind_danish(e.body) << "  "
            << r.area << "  (registreret " << (r.recorded ? iso(*r.recorded) + ", " : "")
            << e.recorded_at << (e.imported ? ", importeret" : "") << ")\n";
        if (r.registration && r.registration->status == RegistrationStatus::late)
            out << "    REGISTRERET SENT: " << *r.registration->working_days
                << " arbejdsdage efter tilsynet (politikken: højst " << rule.register_within()
                << ")\n";
        out << wrap(entry_summary(e), 78, "    ");
        if (r.withdrawn_by) out << "    TRUKKET TILBAGE ved #" << *r.withdrawn_by << "\n";
        out << "    hash " << e.hash << "\n";
    }
    out << "\nKæden: " << v.count << " poster, hoved " << v.head << "\n";
}

void write_json(std::ostream& out, const std::vector<LogRow>& rows, const Store::Verification& v) {
    using Json = nlohmann::ordered_json;
    Json entries = Json::array();
    for (const LogRow& r : rows) {
        // The canonical form's fields, so the JSON is what the hash covers, plus the chain.
        const auto canonical = nlohmann::json::parse(canonical_form(*r.entry));
        Json j{{"seq", r.entry->seq},
               {"kind", kind_name(r.entry->body)},
               {"date", iso(r.date)},
               {"recorded_date", r.recorded ? Json(iso(*r.recorded)) : Json(nullptr)},
               {"registration", Json(nullptr)},
               {"area", r.area}};
        if (r.registration)
            j["registration"] = {
                {"status", registration_name(r.registration->status)},
                {"working_days", r.registration->working_days ? Json(*r.registration->working_days)
                                                              : Json(nullptr)}};
        for (const auto& [k, val] : canonical.items())
            if (k != "seq" && k != "kind") j[k] = val;
        j["withdrawn_by"] = r.withdrawn_by ? Json(*r.withdrawn_by) : Json(nullptr);
        j["prev_hash"] = r.entry->prev_hash;
        j["hash"] = r.entry->hash;
        j["signature"] = r.entry->signature.empty() ? Json(nullptr) : Json(r.entry->signature);
        entries.push_back(std::move(j));
    }
    Json doc{{"format_version", 1},
             {"chain", {{"entries", v.count}, {"head", v.head}}},
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
    if (from && to && *to < *from)
        throw UsageError("--to " + iso(*to) + " is before --from " + iso(*from));
    LogFilter filter{std::nullopt, from, to};
    if (vm.count("area")) filter.area = vm["area"].as<std::string>();
    std::optional<std::string> output;
    if (vm.count("output")) output = vm["output"].as<std::string>();

    Store store(ctx.db_path, Store::Mode::existing);
    const Store::Verification v = require_verified(store, ctx);
    // Late registration is the policy's rule, counted in its working days.
    const Policy policy = load_policy(ctx.rules_dir);
    const WorkCalendar calendar(policy.closing_days);
    const RegistrationRule rule(calendar, policy.timeliness.register_within);
    const std::vector<LogEntry> entries = store.entries();
    std::vector<LogRow> rows;
    for (LogRow& r : list_log(entries, rule))
        if (filter.keeps(r)) rows.push_back(std::move(r));

    write_command_output(ctx, output, "-o", [&](std::ostream& out) {
        if (format == "table")
            write_table(out, rows, v, rule);
        else if (format == "csv")
            write_log_csv(out, rows, dialect);
        else
            write_json(out, rows, v);
    });
    return 0;
}

}  // namespace tilsyn
