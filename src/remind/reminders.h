#pragma once
// What cron tells the leaders each morning: the supervisions due within a few working days and
// those overdue (due date passed, nothing recorded), grouped by leader: the plans of the years
// concerned set against what the log fulfils.

#include "log/store.h"
#include "plan/plan.h"

#include <optional>
#include <string>
#include <vector>

namespace tilsyn {

struct ReminderItem {
    std::string area;
    std::string area_name;
    Colour colour = Colour::green;
    std::string focus;
    std::string occurrence;  ///< period code, "2027-M03"
    std::string period;      ///< "marts 2027"
    Date planned;
    Date due;
};

struct LeaderReminders {
    std::string center;
    std::string center_name;
    std::string leader;  ///< id
    std::string name;
    std::string email;
    std::vector<ReminderItem> overdue;   ///< oldest first
    std::vector<ReminderItem> due_soon;  ///< soonest first
};

struct Reminders {
    Date today;
    int within = 5;                        ///< working days
    Date horizon;                          ///< the last day counted as "due soon"
    Date since;                            ///< overdue supervisions are those due from this day on
    std::vector<LeaderReminders> leaders;  ///< by center, then leader name

    bool empty() const { return leaders.empty(); }
    bool any_overdue() const;
};

struct ReminderQuery {
    Date today;
    int within = 5;
    Date horizon;
    Date since;
    std::optional<std::string> center;  ///< id or name
    std::optional<std::string> leader;  ///< id, name or e-mail
};

/// The occurrences of `plans` (whole plans of the years from q.since to q.horizon) due from
/// `since` to `horizon` that `fulfilled` does not hold. Throws InputError naming --center or
/// --leader when the rules have no such center or leader.
Reminders find_reminders(const Rules& rules, const std::vector<Plan>& plans,
                         const Fulfilments& fulfilled, const ReminderQuery& q);

}  // namespace tilsyn
