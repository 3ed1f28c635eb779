#include "log/registration.h"

namespace tilsyn {

std::string_view registration_name(RegistrationStatus s) {
    switch (s) {
        case RegistrationStatus::timely:
            return "timely";
        case RegistrationStatus::late:
            return "late";
        case RegistrationStatus::imported:
            return "imported";
    }
    return "";
}

std::string_view registration_danish(RegistrationStatus s) {
    switch (s) {
        case RegistrationStatus::timely:
            return "rettidigt registreret";
        case RegistrationStatus::late:
            return "registreret sent";
        case RegistrationStatus::imported:
            return "importeret";
    }
    return "";
}

std::optional<Registration> RegistrationRule::of(std::string_view recorded_at, Date performed,
                                                 bool imported) const {
    const std::optional<Date> recorded = copenhagen_date_of(recorded_at);
    if (!recorded) return std::nullopt;
    Registration r;
    r.recorded = *recorded;
    if (imported) {
        r.status = RegistrationStatus::imported;
        return r;
    }
    // Counted from the day after the supervision: recorded the same day, or on the next
    // working day, is 0 or 1 working days later.
    r.working_days = *recorded > performed ? calendar_.working_days_in(
                                                 performed + boost::gregorian::days(1), *recorded)
                                           : 0;
    r.status =
        *r.working_days > register_within_ ? RegistrationStatus::late : RegistrationStatus::timely;
    return r;
}

}  // namespace tilsyn
