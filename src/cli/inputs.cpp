#include "cli/inputs.h"

#include "base/error.h"
#include "base/text.h"
#include "cli/options.h"
#include "log/rerating.h"

namespace tilsyn {

namespace {

// An area the log has entries of must stay in its register, closed if it is no longer
// supervised: deleted, it would drop out of the audited years it was part of.
void require_logged_areas(const Rules& rules, Store& store) {
    std::vector<std::string> missing;
    for (const std::string& id : store.areas())
        if (!rules.find_area(id).second) missing.push_back(id);
    if (missing.empty()) return;
    throw InputError(
        rules.dir + ": the log holds supervisions or decisions of " +
        (missing.size() == 1 ? "area \"" + missing.front() + "\", which no register has"
                             : "areas no register has: " + join(missing, ", ")) +
        ". An area with entries stays in its register; to stop supervising it, close it there: "
        "closed = { date = YYYY-MM-DD, reason = \"...\" } (docs/rules.md, \"When an area "
        "closes\")");
}

}  // namespace

Inputs load_inputs(const Context& ctx, Store* store) {
    Rules rules = load_rules(ctx.rules_dir);
    if (store) require_logged_areas(rules, *store);
    WorkCalendar calendar(rules.policy.closing_days);
    return {std::move(rules), std::move(calendar),
            store ? colour_decisions(*store) : DecisionsByArea{}};
}

Inputs load_inputs(const Context& ctx, bool decisions) {
    Inputs in = load_inputs(ctx, nullptr);
    if (decisions)
        if (auto store = open_log_for_reading(ctx)) {
            require_logged_areas(in.rules, *store);
            in.decisions = colour_decisions(*store);
        }
    return in;
}

}  // namespace tilsyn
