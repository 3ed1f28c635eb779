#pragma once
// One entry of the findings log told in a line of Danish: what `tilsyn log` prints under each
// entry and what the web server's Tilsynsloggen shows, written in one place so both say it
// the same way.

#include "log/log_entry.h"

#include <string>

namespace tilsyn {

/// "tilsyn af akb, opfylder 2027-K1; 20 sager, ...", "fund i #4: sag ...", and so on for every
/// kind of entry.
std::string entry_summary(const LogEntry& e);

}  // namespace tilsyn
