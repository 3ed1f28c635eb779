#pragma once
// When a supervision was registered: the day it was recorded in the log, in Copenhagen, set
// against the day it was performed. Recorded more than the policy's [timeliness]
// register_within working days later, it is registered late ("registreret sent"); brought in
// by `tilsyn import`, it is imported and never late (docs/rules.md, "Late registration").
// Whether the supervision itself was on time is the plan's question (its due date), not this.

#include "base/dates.h"
#include "rules/work_calendar.h"

#include <optional>
#include <string_view>

namespace tilsyn {

enum class RegistrationStatus { timely, late, imported };
std::string_view registration_name(RegistrationStatus s);  ///< "timely", "late", "imported"
/// "rettidigt registreret", "registreret sent", "importeret"
std::string_view registration_danish(RegistrationStatus s);

struct Registration {
    Date recorded;  ///< the Copenhagen date of the entry's recorded_at
    /// Working days after the day performed, up to and including the day recorded (0 when
    /// recorded on or before it); none for an imported entry, whose recording day says nothing
    /// about when it was registered.
    std::optional<int> working_days;
    RegistrationStatus status = RegistrationStatus::timely;
};

/// The policy's rule, with the working calendar it counts in. Both must outlive it.
class RegistrationRule {
public:
    RegistrationRule(const WorkCalendar& calendar, int register_within)
        : calendar_(calendar), register_within_(register_within) {}

    int register_within() const { return register_within_; }

    /// How an entry recorded at `recorded_at` (UTC, as the log writes it) registered a
    /// supervision performed on `performed`; nullopt when `recorded_at` is not such a time.
    std::optional<Registration> of(std::string_view recorded_at, Date performed,
                                   bool imported) const;

private:
    const WorkCalendar& calendar_;
    int register_within_;
};

}  // namespace tilsyn
