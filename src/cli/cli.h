#pragma once
// The command line: global options, dispatch to the command table, and the one place where
// errors are caught, printed as "tilsyn: error: ..." and turned into exit statuses.

#include "cli/context.h"

#include <boost/date_time/posix_time/ptime.hpp>

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace tilsyn {

/// Runs tilsyn with the arguments after the program name. `in` is standard input (only
/// `passwd` reads it); `clock` tells the current UTC time.
int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err, const GetEnv& getenv, const Clock& clock);

}  // namespace tilsyn
