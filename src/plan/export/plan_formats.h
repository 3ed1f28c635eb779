#pragma once
// The plan's output formats. Each writer is in its own file (plan_table.cpp, plan_csv.cpp,
// plan_json.cpp, plan_ics.cpp); docs/formats.md documents what they write.

#include "base/csv_writer.h"
#include "plan/plan.h"

#include <boost/date_time/posix_time/ptime.hpp>

#include <ostream>
#include <vector>

namespace tilsyn {

/// Grouped by month, 78 columns wide, in Danish.
void write_plan_table(std::ostream& out, const Plan& plan, const Rules& rules);

void write_plan_csv(std::ostream& out, const Plan& plan, const Rules& rules, CsvDialect dialect);

void write_plan_json(std::ostream& out, const Plan& plan, const Rules& rules);

/// `dtstamp` is the UTC instant written as every event's DTSTAMP.
void write_plan_ics(std::ostream& out, const Plan& plan, const Rules& rules,
                    const WorkCalendar& calendar, boost::posix_time::ptime dtstamp);

/// How a subscribed calendar is published: several years in one calendar (named after the
/// first plan's selection), and how often subscribers should fetch it again.
struct IcsFeed {
    std::vector<const Plan*> plans;  ///< at least one; the same filter in each
    int refresh_hours = 4;           ///< REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL
};
void write_plan_ics(std::ostream& out, const IcsFeed& feed, const Rules& rules,
                    const WorkCalendar& calendar, boost::posix_time::ptime dtstamp);

}  // namespace tilsyn
