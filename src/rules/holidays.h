#pragma once
// Danish public holidays (helligdage). Pure calendar facts; municipal closing days that vary
// between municipalities live in the policy and are combined in work_calendar.h.

#include <boost/date_time/gregorian/gregorian_types.hpp>

#include <string>
#include <vector>

namespace tilsyn {

/// Easter Sunday of a Gregorian year (anonymous Gregorian / Meeus-Jones-Butcher algorithm).
boost::gregorian::date easter_sunday(int year);

struct Holiday {
    boost::gregorian::date date;
    std::string name;  ///< Danish name, e.g. "Skærtorsdag"
};

/// The public holidays of a year in date order. Store bededag is included only up to and
/// including 2023 (abolished by law from 2024).
std::vector<Holiday> danish_public_holidays(int year);

}  // namespace tilsyn
