#pragma once
// The findings log as the auditor reads it: every entry with the area and day it is about
// (findings, actions and corrections through the entry they point at) and the correction that
// withdrew it, with the day it was recorded and, for a supervision, whether it was registered
// late. `tilsyn log` and the auditor's pack list the log from this one place, so the
// pack's log.csv is byte for byte what `tilsyn log --format csv` writes.

#include "base/csv_writer.h"
#include "log/log_entry.h"
#include "log/registration.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace tilsyn {

struct LogRow {
    const LogEntry* entry = nullptr;  ///< into the entries the rows were listed from
    std::string area;                 ///< the area the entry is about
    Date date;                        ///< performed, decided or corrected
    std::optional<Date> recorded;     ///< the Copenhagen date of recorded_at
    /// A supervision's registration: recorded on time, late or imported (docs/rules.md).
    std::optional<Registration> registration;
    std::optional<std::int64_t>
        withdrawn_by;  ///< the correction that withdrew it (or its supervision)
};

/// Which rows a listing keeps (`tilsyn log --area --from --to`, the web server's filters).
struct LogFilter {
    std::optional<std::string> area;
    std::optional<Date> from;  ///< rows dated on or after this day
    std::optional<Date> to;    ///< rows dated on or before this day
    bool keeps(const LogRow& row) const;
};

/// One row per entry, in log order, each supervision's registration judged by `rule`. The rows
/// point into `entries`, which must outlive them.
std::vector<LogRow> list_log(const std::vector<LogEntry>& entries, const RegistrationRule& rule);

/// The log as CSV: a header and one record per row (docs/log.md, "For the auditor").
void write_log_csv(std::ostream& out, const std::vector<LogRow>& rows, CsvDialect dialect);

}  // namespace tilsyn
