#include "log/log_listing.h"

#include "base/money.h"
#include "base/text.h"
#include "rules/colour.h"

#include <map>
#include <type_traits>
#include <variant>

namespace tilsyn {

void write_log_csv(std::ostream& out, const std::vector<LogRow>& rows, CsvDialect dialect) {
    CsvWriter csv(out, dialect);
    csv.row({"seq",
             "kind",
             "recorded_at",
             "date",
             "recorded_date",
             "registration",
             "registration_working_days",
             "area",
             "center",
             "leader",
             "occurrence",
             "cases",
             "errors_sagsbehandling",
             "errors_statsrefusion",
             "supervision",
             "case_ref",
             "axis",
             "category",
             "severity",
             "amount_dkk",
             "owner",
             "due",
             "verdict",
             "from",
             "to",
             "rule",
             "evidence",
             "by",
             "corrects",
             "text",
             "sample_seed",
             "sample_cases_sha256",
             "sample_population",
             "sample_size",
             "sample_reviewed",
             "withdrawn_by",
             "prev_hash",
             "hash",
             "imported",
             "public_key",
             "replaces",
             "signature"});
    for (const LogRow& r : rows) {
        const LogEntry& e = *r.entry;
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
                    f["amount_dkk"] =
                        b.amount_ore ? csv_decimal(amount_plain(*b.amount_ore), dialect) : "";
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
                } else if constexpr (std::is_same_v<T, CorrectionEntry>) {
                    f["corrects"] = std::to_string(b.corrects);
                    f["text"] = b.reason;
                } else {
                    f["public_key"] = b.public_key;
                    f["replaces"] = b.replaces.value_or("");
                    f["text"] = b.reason;
                }
            },
            e.body);
        const std::string seq = std::to_string(e.seq), date = iso(r.date);
        const std::string withdrawn = r.withdrawn_by ? std::to_string(*r.withdrawn_by) : "";
        const std::string recorded = r.recorded ? iso(*r.recorded) : "";
        const std::string registration =
            r.registration ? std::string(registration_name(r.registration->status)) : "";
        const std::string working_days = r.registration && r.registration->working_days
                                             ? std::to_string(*r.registration->working_days)
                                             : "";
        csv.row({seq,
                 kind_name(e.body),
                 e.recorded_at,
                 date,
                 recorded,
                 registration,
                 working_days,
                 r.area,
                 f["center"],
                 f["leader"],
                 f["occurrence"],
                 f["cases"],
                 f["errors_sagsbehandling"],
                 f["errors_statsrefusion"],
                 f["supervision"],
                 f["case_ref"],
                 f["axis"],
                 f["category"],
                 f["severity"],
                 f["amount_dkk"],
                 f["owner"],
                 f["due"],
                 f["verdict"],
                 f["from"],
                 f["to"],
                 f["rule"],
                 f["evidence"],
                 f["by"],
                 f["corrects"],
                 f["text"],
                 f["sample_seed"],
                 f["sample_cases_sha256"],
                 f["sample_population"],
                 f["sample_size"],
                 f["sample_reviewed"],
                 withdrawn,
                 e.prev_hash,
                 e.hash,
                 e.imported ? "1" : "0",
                 f["public_key"],
                 f["replaces"],
                 e.signature});
    }
}

}  // namespace tilsyn
