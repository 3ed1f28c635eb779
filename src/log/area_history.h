#pragma once
// An area's colour over time as its managers and the auditor read it: each change with its
// source and reason, and the decisions that changed nothing (rejected proposals, decisions
// withdrawn by a correction) on their day. `tilsyn history` prints it; the web server's area
// page shows it.

#include "log/planning_inputs.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tilsyn {

class Store;

struct AreaHistoryEvent {
    Date day;
    /// The rating in force from `day`: set when the event is a step of the area's colour (an
    /// assessment or an accepted or set decision), unset when it changed nothing.
    std::optional<Rating> rating;
    /// What happened, in Danish: "vurdering 2027-04-01", "beslutning #2, gul -> rød afvist af
    /// Mette", with who decided and from which period the plan follows it.
    std::string what;
    std::string reason;  ///< the assessment's, decision's, correction's or closing reason
};

struct AreaHistory {
    const Center* center = nullptr;
    const Area* area = nullptr;
    std::vector<AreaHistoryEvent> events;  ///< by day; on the same day, in log order
    Date today;
    bool closed = false;  ///< the area is closed on `today` (Area::closed says since when)
    Rating in_force;      ///< the rating in force on `today` (meaningless when closed)
};

/// The history of one area of `in.rules` as of `today`, with the decisions and corrections of
/// `store` (may be null: nothing recorded yet). `in` must be loaded with the same log's
/// decisions, and must outlive the result.
AreaHistory area_history(const Inputs& in, Store* store, const Center& center, const Area& area,
                         Date today);

}  // namespace tilsyn
