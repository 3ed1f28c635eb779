#pragma once
// What a command may use from the outside world, passed in explicitly: output streams, the
// injected "today", the clock and the environment. No command reaches for globals.

#include "dates.h"

#include <boost/date_time/posix_time/ptime.hpp>

#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace tilsyn {

struct Context {
    std::ostream& out;
    std::ostream& err;
    Date today;                      ///< --today, else the date in Europe/Copenhagen
    boost::posix_time::ptime now;    ///< UTC; --today at 00:00, else SOURCE_DATE_EPOCH, else the clock
    std::string rules_dir = "rules";
    bool rules_dir_given = false;    ///< --rules was on the command line
};

/// Reads an environment variable; injected so tests need not touch the real environment.
using GetEnv = std::function<std::optional<std::string>(const std::string&)>;

}  // namespace tilsyn
