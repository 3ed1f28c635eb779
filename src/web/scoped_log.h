#pragma once
// The findings log as one user may list it: `tilsyn log`'s listing (log/log_listing.h) kept to
// the user's scope and to the filters of ?omraade=&leder=&fra=&til= (and ?aar=, a year's
// entries). Tilsynsloggen shows it; /download/log.csv writes it as `tilsyn log --format csv`.

#include "log/log_listing.h"
#include "web/page.h"

#include <optional>
#include <string>
#include <vector>

namespace tilsyn {

struct LogQuery {
    LogFilter filter;  ///< omraade, fra, til
    /// leder: "center/leader", e.g. "jc/akb"; its areas only.
    const Center* center = nullptr;
    const Leader* leader = nullptr;
    std::string leader_key;

    bool keeps(const Rules& rules, const Scope& scope, const LogRow& row) const;
};

/// The query's parameters, checked: BadRequest names a field that does not parse or an area or
/// leader no register has; Forbidden when it lies outside the scope.
LogQuery log_query(const PageRequest& r);

/// The leaders the user may filter by (with an area in the scope), as "center/leader" keys.
struct LeaderChoice {
    std::string key;
    const Center* center = nullptr;
    const Leader* leader = nullptr;
};
std::vector<LeaderChoice> leader_choices(const Rules& rules, const Scope& scope);

/// The listing of `entries` kept to the scope and the query, in log order; the rows point into
/// `entries`.
std::vector<LogRow> scoped_log(const PageRequest& r, const std::vector<LogEntry>& entries,
                               const LogQuery& query);

}  // namespace tilsyn
