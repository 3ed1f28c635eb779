#include "rules/rating.h"

namespace tilsyn {

int axis_score(const Policy& policy, const AxisScore& s) {
    return policy.method == RatingMethod::product ? s.likelihood * s.consequence
                                                  : s.likelihood + s.consequence;
}

Colour axis_colour(const Policy& policy, const AxisScore& s) {
    const int score = axis_score(policy, s);
    if (score >= policy.red_from) return Colour::red;
    if (score >= policy.yellow_from) return Colour::yellow;
    return Colour::green;
}

Rating rate(const Policy& policy, const Assessment& a) {
    Rating r;
    r.sagsbehandling = axis_colour(policy, a.sagsbehandling);
    r.statsrefusion = axis_colour(policy, a.statsrefusion);
    r.colour = worse(r.sagsbehandling, r.statsrefusion);
    if (a.colour_override) {
        r.colour = a.colour_override->value;
        r.colour_overridden = true;
    }
    r.cadence = policy.cadence_of(r.colour);
    if (a.cadence_override) {
        r.cadence = a.cadence_override->value;
        r.cadence_overridden = true;
    }
    return r;
}

}  // namespace tilsyn
