#pragma once
// The year review as the auditor's CSV tables (docs/formats.md, "The auditor's pack"): the
// year's decisions, each area's colours, every planned occurrence with its status, the
// timeliness counts, and the measurement points. Percentages are written with one decimal
// ("87.5"), amounts in kroner with two ("12500.50"), as the log's CSV writes amounts: a comma
// instead of the point in the excel-da dialect.

#include "base/csv_writer.h"
#include "report/year_review.h"

#include <cstdint>
#include <map>
#include <ostream>

namespace tilsyn {

/// Every re-rating decision of the year (accepted, rejected, set), in log order; `withdrawn_by`
/// maps a withdrawn entry to the correction that withdrew it.
void write_decisions_csv(std::ostream& out, const YearReview& review, const Rules& rules,
                         const std::map<std::int64_t, std::int64_t>& withdrawn_by,
                         CsvDialect dialect);

/// Each area's rating steps in force at some time during the year, in register order.
void write_colour_history_csv(std::ostream& out, const YearReview& review, const Rules& rules,
                              CsvDialect dialect);

/// Every planned occurrence of the year with its status, in plan order.
void write_timeliness_csv(std::ostream& out, const YearReview& review, CsvDialect dialect);

/// The status counts and on-time share per area, per leader, per center and in total.
void write_timeliness_summary_csv(std::ostream& out, const YearReview& review, CsvDialect dialect);

/// Each area's measurement points for the year, in register order.
void write_measurements_csv(std::ostream& out, const YearReview& review, CsvDialect dialect);

/// "87.5" from per mille, "" when there is none (nothing due, no cases).
std::string percent_plain(std::optional<int> permille);

}  // namespace tilsyn
