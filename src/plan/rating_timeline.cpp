#include "plan/rating_timeline.h"

#include <algorithm>

namespace tilsyn {

const std::vector<ColourDecision>* decisions_of(const DecisionsByArea* decisions, const Area& a) {
    if (!decisions) return nullptr;
    const auto found = decisions->find(a.id);
    return found == decisions->end() ? nullptr : &found->second;
}

const std::string& RatingStep::reason() const {
    return decision ? decision->reason : assessment->reason;
}

std::string RatingStep::source() const {
    if (decision)
        return "beslutning #" + std::to_string(decision->seq) + ", " + iso(decision->decided);
    return "vurdering " + iso(assessment->date);
}

RatingTimeline::RatingTimeline(const Policy& policy, const Area& area,
                               const std::vector<ColourDecision>* decisions) {
    append_rating_steps(policy, area, decisions, steps_);
}

void append_rating_steps(const Policy& policy, const Area& area,
                         const std::vector<ColourDecision>* decisions,
                         std::vector<RatingStep>& out) {
    const std::size_t first = out.size();
    // Merge by date. On the same day the register assessment comes first: a decision taken
    // that day was taken knowing it. A later register assessment replaces an earlier
    // decision, because it is a fresh rating of the whole area.
    std::size_t d = 0;
    const std::size_t nd = decisions ? decisions->size() : 0;
    const Assessment* current = &area.assessments.front();
    for (std::size_t a = 0; a < area.assessments.size() || d < nd;) {
        const bool take_assessment =
            a < area.assessments.size() &&
            (d >= nd || area.assessments[a].date <= (*decisions)[d].decided);
        RatingStep step;
        if (take_assessment) {
            current = &area.assessments[a++];
            step.from = current->date;
            step.rating = rate(policy, *current);
        } else {
            const ColourDecision& ld = (*decisions)[d++];
            step.from = ld.decided;
            step.rating = rate(policy, *current);
            step.rating.colour = ld.to;
            step.rating.cadence = policy.cadence_of(ld.to);
            step.rating.colour_overridden = false;
            step.rating.cadence_overridden = false;
            step.rating.decided = true;
            step.decision = &ld;
        }
        step.assessment = current;
        if (out.size() > first && out.back().from == step.from)
            out.back() = step;
        else
            out.push_back(step);
    }
}

const RatingStep& step_on(std::span<const RatingStep> steps, Date day) {
    auto after = std::upper_bound(steps.begin(), steps.end(), day,
                                  [](Date d, const RatingStep& s) { return d < s.from; });
    return after == steps.begin() ? steps.front() : *std::prev(after);
}

}  // namespace tilsyn
