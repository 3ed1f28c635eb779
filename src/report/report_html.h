#pragma once
// The year's report for the committee and the auditor: one self-contained HTML file (inline
// CSS and SVG, nothing fetched, no script) in Danish, laid out for A4. docs/report.md
// describes what it shows.

#include "report/year_review.h"

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace tilsyn {

struct ReportInfo {
    Date generated;                       ///< ctx.today: the report never reads the clock
    std::optional<std::string> log_head;  ///< head hash of the verified log, if there is a log
    std::int64_t log_entries = 0;
};

/// Writes the report. The same review, rules and info give the same bytes.
void write_report_html(std::ostream& out, const YearReview& review, const Rules& rules,
                       const ReportInfo& info);

}  // namespace tilsyn
