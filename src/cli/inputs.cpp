#include "cli/inputs.h"

#include "cli/options.h"
#include "log/rerating.h"

namespace tilsyn {

Inputs load_inputs(const Context& ctx, Store* store) {
    Rules rules = load_rules(ctx.rules_dir);
    WorkCalendar calendar(rules.policy.closing_days);
    return {std::move(rules), std::move(calendar),
            store ? colour_decisions(*store) : DecisionsByArea{}};
}

Inputs load_inputs(const Context& ctx, bool decisions) {
    Inputs in = load_inputs(ctx, nullptr);
    if (decisions)
        if (auto store = open_log_for_reading(ctx)) in.decisions = colour_decisions(*store);
    return in;
}

}  // namespace tilsyn
