#pragma once
// The secret calendar address each user may make (page_calendar.cpp): desktop Outlook and
// Thunderbird subscribe to it and fetch the user's plan, this year's and next year's, as .ics
// again every few hours, so a changed plan reaches every calendar by itself. The address is
// the only credential; it is revoked by making a new one or deleting it.

#include "web/page.h"

#include <boost/date_time/posix_time/ptime.hpp>

#include <string_view>

namespace tilsyn {

inline constexpr std::string_view calendar_feed_prefix = "/kalender/abonnement/";

/// The feed's path for a token: calendar_feed_prefix + token + ".ics".
std::string calendar_feed_path(std::string_view token);

/// The calendar of `rest` ("<token>.ics"): 404 for any token that is not a live one, without
/// saying whether it ever was.
Reply calendar_feed(Site& site, const Snapshot& snapshot, std::string_view rest,
                    boost::posix_time::ptime now);

/// The plans of the years a calendar of `scope` covers from `today`: this year's, and next
/// year's once the registers plan it. Leveled, within the scope.
std::vector<Plan> scoped_plans(const Snapshot& snapshot, const Scope& scope, Date today);

}  // namespace tilsyn
