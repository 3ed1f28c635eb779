#pragma once
// From scores to colour and cadence: the policy's thresholds per axis, the worse axis wins,
// then an assessment's explicit overrides.

#include "rules/policy.h"
#include "rules/risk_register.h"

namespace tilsyn {

int axis_score(const Policy& policy, const AxisScore& s);
Colour axis_colour(const Policy& policy, const AxisScore& s);

struct Rating {
    Colour sagsbehandling = Colour::green;  ///< computed colour of each axis
    Colour statsrefusion = Colour::green;
    Colour colour = Colour::green;        ///< in force: the worse axis, or the override
    Cadence cadence = Cadence::every(6);  ///< the colour's cadence, or the override
    bool colour_overridden = false;
    bool cadence_overridden = false;
    bool decided = false;  ///< the colour comes from a re-rating decision
};

Rating rate(const Policy& policy, const Assessment& a);

}  // namespace tilsyn
