#pragma once
// Re-rating (genvurdering): what supervisions found proposes a new colour for an area, by the
// policy's [rerating] rules; a manager accepts, rejects or overrides the proposal, and the
// decision goes into the log, where the plan picks it up.

#include "log/log_entry.h"
#include "plan/rating_timeline.h"
#include "rules/rules_loader.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace tilsyn {

class Store;

/// The re-rating decisions that change colours (accepted or set, not withdrawn), per area,
/// in (date, log) order: what make_plan and RatingTimeline take.
DecisionsByArea colour_decisions(Store& store);
/// A decision entry as the plan takes it (an accept or a set; a reject changes no colour).
ColourDecision colour_decision(std::int64_t seq, const DecisionEntry& d);

/// An error rate in per mille (rounded half up, in integers), nullopt when no cases were reviewed.
std::optional<int> rate_permille(std::int64_t errors, std::int64_t cases);
/// "12,5 %" from per mille, or "-" when there is none.
std::string permille_text(std::optional<int> permille);
/// A supervision's error rate on one axis, as "3 af 10 (30,0 %)".
std::string rate_text(std::int64_t errors, std::int64_t cases);

struct Proposal {
    const Center* center = nullptr;
    const Area* area = nullptr;
    Colour from = Colour::green;
    Colour to = Colour::green;
    std::string rule;                   ///< "material-finding", "error-rate", "below-threshold"
    std::string rule_text;              ///< the rule in Danish, with its threshold
    std::vector<std::string> evidence;  ///< one line per supervision or finding behind it
    std::string evidence_text() const;  ///< the lines joined, as stored with a decision
};

/// Everything the re-rating of one area looks at, read from the log once.
class RerateInput {
public:
    /// `store` may be null: an empty log (nothing recorded yet). With `only_area`, only that
    /// area's part of the log is read (indexed queries), so recording stays fast in a big log.
    RerateInput(const Rules& rules, Store* store,
                const std::optional<std::string>& only_area = std::nullopt);
    /// The proposal for one area as of `today`, if its rules propose a change.
    std::optional<Proposal> propose(const Center& center, const Area& area, Date today) const;
    /// Proposals for every area, in register order.
    std::vector<Proposal> propose_all(Date today) const;
    /// The colour in force on a day, decisions included.
    RatingStep in_force(const Area& area, Date day) const;
    const DecisionsByArea& decisions() const { return decisions_; }

private:
    void add(LogEntry& e, const std::set<std::int64_t>& withdrawn,
             std::map<std::int64_t, std::pair<std::string, std::size_t>>& where);
    struct Supervised {
        std::int64_t seq;
        SupervisionEntry s;
        std::vector<std::pair<std::int64_t, FindingEntry>> material;  ///< væsentlige fund
    };
    const Rules& rules_;
    DecisionsByArea decisions_;
    std::map<std::string, std::vector<Supervised>, std::less<>> supervisions_;  ///< live, by area
    std::map<std::string, std::int64_t, std::less<>> last_decision_;  ///< any verdict, by area
};

/// Finds an area by id across the rules; throws InputError naming the flag when unknown.
std::pair<const Center*, const Area*> find_area(const Rules& rules, const std::string& id,
                                                const std::string& flag);

}  // namespace tilsyn
