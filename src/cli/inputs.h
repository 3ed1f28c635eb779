#pragma once
// The commands' way to log/planning_inputs.h: the rules directory and log the context names.

#include "cli/context.h"
#include "log/planning_inputs.h"

namespace tilsyn {

/// The rules in ctx.rules_dir and their calendar; with `decisions`, also the log's colour
/// decisions (none when the default log does not exist yet). Throws like load_rules.
Inputs load_inputs(const Context& ctx, bool decisions);

/// The rules and their calendar, with the colour decisions of `store` (none when it is null):
/// for commands that have the log open already.
Inputs load_inputs(const Context& ctx, Store* store);

}  // namespace tilsyn
