#include "remind/due_now.h"

#include "base/error.h"

#include <boost/date_time/posix_time/posix_time.hpp>

namespace tilsyn {

namespace {

// The day, in Copenhagen, the log's first entry was recorded; nullopt for an empty log.
std::optional<Date> log_started(Store& store) {
    const std::optional<LogEntry> first = store.entry(1);
    if (!first) return std::nullopt;
    std::string at = first->recorded_at;  // "2027-03-15T08:30:00Z"
    if (at.ends_with('Z')) at.pop_back();
    try {
        return copenhagen_date(boost::posix_time::from_iso_extended_string(at));
    } catch (const std::exception&) {
        throw Error("entry 1 of the log has no readable time (\"" + first->recorded_at +
                        "\"); 'tilsyn verify' tells more",
                    ExitCode::attention);
    }
}

}  // namespace

Reminders reminders_due(const Inputs& in, Store* store, const DueQuery& query) {
    const Policy& policy = in.rules.policy;
    ReminderQuery q;
    q.today = query.today;
    q.within = query.within.value_or(policy.remind.within);
    q.center = query.center;
    q.leader = query.leader;
    q.horizon = in.calendar.working_days_after(q.today, q.within);
    q.since = policy.remind.since.value_or(store ? log_started(*store).value_or(q.today) : q.today);
    if (q.since > q.today) q.since = q.today;

    std::vector<Plan> plans;
    for (int year = q.since.year(); year <= q.horizon.year(); ++year)
        plans.push_back(leveled_plan(in, year, {}));
    return find_reminders(in.rules, plans, store ? store->fulfilments() : Fulfilments{}, q);
}

}  // namespace tilsyn
