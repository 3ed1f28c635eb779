#pragma once
// Which areas a user of the web server may see: a leader their own (matched to the registers'
// leaders by e-mail), a center manager their centers, an auditor everything, an administrator
// nothing of the domain. Every page and download asks this one object.

#include "plan/plan.h"
#include "rules/access.h"

#include <optional>
#include <string>
#include <vector>

namespace tilsyn {

class Scope {
public:
    static Scope of(const User& user, const Rules& rules);

    bool sees(const Center& center, const Area& area) const;
    bool sees(const Center& center) const;  ///< any of its areas
    bool sees_area(const Rules& rules, std::string_view area_id) const;
    bool everything() const { return all_; }
    bool nothing() const { return !all_ && centers_.empty() && !leader_email_; }
    /// The centers with something to see, in the rules' order.
    std::vector<const Center*> centers(const Rules& rules) const;
    /// The plan filter that selects this scope when one filter can (one leader, one center,
    /// everything); a center manager of several centers gets no filter and `keep` drops the
    /// rest.
    PlanFilter filter(const Rules& rules) const;
    /// Drops from `plan` the occurrences, cancellations and changes outside the scope.
    void keep(Plan& plan) const;

private:
    bool all_ = false;
    std::vector<std::string> centers_;         ///< center ids (centerchef)
    std::optional<std::string> leader_email_;  ///< lower case (leder)
};

}  // namespace tilsyn
