#pragma once
// One year as a user of the web server may see it: the leveled plan of the areas in their
// scope and its review against the log (report/year_review.h), both restricted to the scope.
// The pages that show the plan, the year wheel or the heat maps start from here, so they judge
// every supervision exactly as the report does.

#include "report/year_review.h"
#include "web/scope.h"
#include "web/site.h"

namespace tilsyn {

/// Whether `year` has a plan for the scope: some area it selects was assessed by the year's end
/// (require_planned_year). A page shows a year without one as a sentence, not an error.
bool has_plan(const Snapshot& snapshot, const Scope& scope, int year);

/// The year's leveled plan (leveled_plan) without what lies outside the scope.
Plan scoped_plan(const Snapshot& snapshot, const Scope& scope, int year);

class ScopedYear {
public:
    /// Plans `year` with the snapshot's inputs and reviews it against `store` (may be null:
    /// nothing recorded yet) as of `today`. Throws InputError like require_planned_year when
    /// the year has no plan.
    ScopedYear(const Snapshot& snapshot, const Scope& scope, Store* store, int year, Date today);
    // The review refers to the plan: neither may move.
    ScopedYear(const ScopedYear&) = delete;
    ScopedYear& operator=(const ScopedYear&) = delete;

    const Plan& plan() const { return plan_; }
    /// Its areas are the scope's, in register order; an area's number in the report's figures
    /// is its position here, counted from 1.
    const YearReview& review() const { return review_; }

private:
    Plan plan_;
    YearReview review_;
};

}  // namespace tilsyn
