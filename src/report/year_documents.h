#pragma once
// The year's HTML report and the auditor's pack, composed from the inputs, the year's plan and
// the log: what `tilsyn report` and `tilsyn audit` write and what the web server's downloads
// hand out. One composition, so a downloaded file is the command's, byte for byte.

#include "base/csv_writer.h"
#include "log/planning_inputs.h"
#include "log/store.h"

#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace tilsyn {

/// The areas a report covers, narrower than its plan's filter can say (the web server's scope
/// of a center manager of several centers). Empty: the areas of the plan's filter.
using AreaScope = std::function<bool(const Center&, const Area&)>;

/// The report of `plan` (made with in's decisions, leveled), reviewed against `store` (null
/// when there is no log yet) as of `today`. `chain` is the store's verified chain: the caller
/// refuses a log that does not verify before anything is read from it.
void write_year_report(std::ostream& out, const Inputs& in, const Plan& plan, Store* store,
                       const std::optional<Store::Verification>& chain, Date today,
                       const AreaScope& scope = {});

/// What an auditor's pack is made from, beside the inputs, the plan and the verified log.
struct AuditPackRequest {
    std::string dir;                    ///< the pack's directory: new, or empty
    std::string flag;                   ///< names `dir` in errors ("--out")
    std::optional<std::string> center;  ///< the plan's --center, as given
    CsvDialect dialect = CsvDialect::rfc4180;
    Date today;
};

/// Writes the auditor's pack of `plan` (the complete log, whatever the plan's filter) and
/// returns the names of its files, SHA256SUMS last; like write_audit_pack, whole or not at all.
std::vector<std::string> write_year_audit_pack(const AuditPackRequest& request, const Inputs& in,
                                               const Plan& plan, Store* store,
                                               const std::optional<Store::Verification>& chain);

}  // namespace tilsyn
