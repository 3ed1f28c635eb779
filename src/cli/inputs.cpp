#include "cli/inputs.h"

#include "cli/options.h"

namespace tilsyn {

Inputs load_inputs(const Context& ctx, Store* store) {
    return load_inputs(ctx.rules_dir, store);
}

Inputs load_inputs(const Context& ctx, bool decisions) {
    Inputs in = load_inputs(ctx.rules_dir, nullptr);
    if (decisions)
        if (auto store = open_log_for_reading(ctx)) take_decisions(in, *store);
    return in;
}

}  // namespace tilsyn
