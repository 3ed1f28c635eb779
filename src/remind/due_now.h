#pragma once
// What is due and overdue on a given day, from the inputs and the log: the one way `remind`
// (cron's mail) and the web server's "Min dag" page ask it, so both always say the same.

#include "log/planning_inputs.h"
#include "remind/reminders.h"

#include <optional>

namespace tilsyn {

struct DueQuery {
    Date today;
    std::optional<int> within;          ///< working days; default the policy's [reminders] within
    std::optional<std::string> center;  ///< id or name
    std::optional<std::string> leader;  ///< id, name or e-mail
};

/// Plans the years from the first day overdue is looked for to the horizon and sets them
/// against what `store` fulfils (nothing when it is null). Overdue is looked for from
/// [reminders] since, else from the day the log was started: nobody was asked through tilsyn
/// before it; without a log, from today, so that the first morning of a fresh install names
/// nothing overdue. Throws like find_reminders.
Reminders reminders_due(const Inputs& in, Store* store, const DueQuery& query);

}  // namespace tilsyn
