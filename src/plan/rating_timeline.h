#pragma once
// An area's colour over time: its dated register assessments merged with the re-rating
// decisions of the findings log. The plan asks it for the rating in force when each period
// starts; `tilsyn history` prints it.

#include "rules/rating.h"

#include <cstdint>
#include <map>
#include <span>
#include <string>
#include <vector>

namespace tilsyn {

/// A re-rating decision that sets an area's colour from a day on, as the plan takes it: plain
/// values, so that planning knows nothing of where decisions are kept. The log's accepted and
/// set decisions that were not withdrawn become these (log/colour_decisions.h).
struct ColourDecision {
    std::int64_t seq = 0;  ///< the log entry that holds it: "beslutning #12"
    Date decided;          ///< periods that start on or after this day take the colour
    Colour to = Colour::green;
    bool manual = false;  ///< set by hand, rather than a proposal accepted
    std::string by;       ///< who decided
    std::string reason;
};
/// Each area's colour decisions, by date (on the same day, in log order).
using DecisionsByArea = std::map<std::string, std::vector<ColourDecision>, std::less<>>;

/// An area's decisions, or null when it has none (or `decisions` is null).
const std::vector<ColourDecision>* decisions_of(const DecisionsByArea* decisions, const Area& a);

struct RatingStep {
    Date from;  ///< in force from this day
    Rating rating;
    const Assessment* assessment = nullptr;    ///< the register assessment underneath (scores)
    const ColourDecision* decision = nullptr;  ///< set when a decision fixed the colour

    /// Why the area has this rating: the decision's reason, else the assessment's.
    const std::string& reason() const;
    /// "vurdering 2027-04-01" or "beslutning #12, 2027-03-15".
    std::string source() const;
};

/// Appends an area's steps to `out`, in date order: its assessments merged with `decisions`
/// (may be null). The steps point at the area's assessments and at the decisions.
void append_rating_steps(const Policy& policy, const Area& area,
                         const std::vector<ColourDecision>* decisions,
                         std::vector<RatingStep>& out);

/// The step in force on a day: the latest starting on or before it, else the first.
const RatingStep& step_on(std::span<const RatingStep> steps, Date day);

/// One area's steps, owned: for the commands that look at one area at a time.
class RatingTimeline {
public:
    /// `decisions` (may be null) must outlive the timeline, as must the area.
    RatingTimeline(const Policy& policy, const Area& area,
                   const std::vector<ColourDecision>* decisions);

    const RatingStep& on(Date day) const { return step_on(steps_, day); }
    const std::vector<RatingStep>& steps() const { return steps_; }

private:
    std::vector<RatingStep> steps_;
};

}  // namespace tilsyn
