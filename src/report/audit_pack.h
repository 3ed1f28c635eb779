#pragma once
// The auditor's pack (revisionspakke): one directory holding the whole year for the auditor:
// the complete log, the year's decisions and colours, the timeliness of every planned
// supervision, the measurement points, the chain's verification, a Danish README and
// SHA256SUMS over every other file. It appears whole or not at all (AtomicDir).

#include "base/csv_writer.h"
#include "log/log_listing.h"
#include "log/store.h"
#include "report/year_review.h"

#include <optional>
#include <string>
#include <vector>

namespace tilsyn {

struct AuditPack {
    const Rules& rules;
    const YearReview& review;
    const std::vector<LogRow>& log;  ///< the complete log, whatever the center filter
    std::optional<Store::Verification>
        chain;                          ///< the verified chain; nullopt when there is no log yet
    std::optional<std::string> center;  ///< the --center filter, as given
    CsvDialect dialect = CsvDialect::rfc4180;
};

/// Writes the pack into the new directory `dir` (`flag` names the option, for errors) and
/// returns the names of the files written, SHA256SUMS last. Throws OutputError when `dir`
/// exists and is not an empty directory, or cannot be written; then nothing is left behind.
std::vector<std::string> write_audit_pack(const std::string& dir, const std::string& flag,
                                          const AuditPack& pack);

}  // namespace tilsyn
