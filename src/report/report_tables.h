#pragma once
// The report's tables, each a complete <table> (or a sentence when there is nothing to list).
// Areas are named with their number (report_svg.h) and name; every text from the registers
// and the log is escaped.

#include "report/year_review.h"
#include "workload/workload.h"

#include <ostream>
#include <string>

namespace tilsyn {

/// `<span class="chip red">rød</span>`: a colour name on its colour, for tables.
std::string colour_chip(Colour c);

/// Supervisions per leader per month, with each center's and the overall sum.
void write_workload_html(std::ostream& out, const Workload& w);
/// Planned, on time, late, missing and pending per area; sums per center and in all.
void write_timeliness_table(std::ostream& out, const YearReview& review);
/// The fulfilling supervisions registered late: area, period, performed and recorded dates and
/// the working days between; a sentence when there are none.
void write_registration_table(std::ostream& out, const YearReview& review);
/// Supervisions, cases, error rates per axis, findings and amounts per area; sums likewise.
void write_error_table(std::ostream& out, const YearReview& review);
/// Both sets of figures summed per leader and per center: two tables, so each fits on A4.
void write_totals_tables(std::ostream& out, const YearReview& review);

/// The plan's colour changes in the year, each with the assessment or decision behind it.
void write_changes_table(std::ostream& out, const YearReview& review);
/// Every re-rating decision of the year: accepted, set, rejected and withdrawn alike.
void write_decisions_table(std::ostream& out, const YearReview& review);

}  // namespace tilsyn
