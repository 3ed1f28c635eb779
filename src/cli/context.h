#pragma once
// What a command may use from the outside world, passed in explicitly: output streams, the
// injected "today", the clock and the environment. No command reaches for globals.

#include "base/dates.h"

#include <boost/date_time/posix_time/ptime.hpp>

#include <functional>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

namespace tilsyn {

/// The real time, UTC. Injected, so that tests can pin it.
using Clock = std::function<boost::posix_time::ptime()>;

struct Context {
    std::ostream& out;
    std::ostream& err;
    Date today;  ///< --today, else the date in Europe/Copenhagen
    boost::posix_time::ptime
        now;  ///< UTC; --today at 00:00, else SOURCE_DATE_EPOCH, else the clock
    std::string rules_dir = "rules";
    bool rules_dir_given = false;  ///< --rules was on the command line
    std::string db_path;           ///< --db, else $TILSYN_DB, else tilsyn.db in the rules dir
    bool db_path_given = false;    ///< from --db or $TILSYN_DB rather than the default
    std::string user = "ukendt";   ///< who is acting: $TILSYN_USER, else $USER, else $LOGNAME
    std::string key_path;          ///< the log's signing key: --signing-key, else beside the log
    /// When entries are recorded: always the real clock, whatever --today says (only the
    /// test-only $TILSYN_TEST_RECORDED_AT pins it).
    Clock recording_clock;
    /// "Now" for a command that runs for days (serve): the pinned `now` when --today or
    /// SOURCE_DATE_EPOCH pin it, else the real clock.
    Clock clock;
    std::istream* in = nullptr;  ///< standard input, for the commands that read it
};

/// Reads an environment variable; injected so tests need not touch the real environment.
using GetEnv = std::function<std::optional<std::string>(const std::string&)>;

}  // namespace tilsyn
