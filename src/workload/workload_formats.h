#pragma once
// `tilsyn workload`'s output formats, one writer per file (workload_table.cpp, workload_csv.cpp,
// workload_json.cpp, workload_lp.cpp); docs/formats.md documents what they write.

#include "base/csv_writer.h"
#include "plan/leveling.h"
#include "workload/workload.h"

#include <ostream>

namespace tilsyn {

/// Per leader: months with counts, hours and the busiest week, then peak, bounds and capacity.
/// In Danish, within 80 columns.
void write_workload_table(std::ostream& out, const Workload& w, const Rules& rules);

/// One row per leader and month, week and year (column `unit`).
void write_workload_csv(std::ostream& out, const Workload& w, CsvDialect dialect);

void write_workload_json(std::ostream& out, const Workload& w);

/// The month problem as a CPLEX LP file for GLPK (`glpsol --lp`): integer counts per class and
/// month, one integer peak variable per leader (in units of the gcd of its minutes), minimize
/// the sum of the peaks in minutes (each leader's peak is independent of the others', so the
/// sum is least when each is).
void write_workload_lp(std::ostream& out, const LevelingProblem& problem);

}  // namespace tilsyn
