#include "web/scoped_year.h"

#include "base/error.h"

#include <algorithm>

namespace tilsyn {

namespace {

YearReview scoped_review(const Snapshot& snapshot, const Scope& scope, const Plan& plan,
                         Store* store, Date today) {
    const Rules& rules = snapshot.inputs.rules;
    YearReview review = review_year(rules, plan, snapshot.inputs.decisions, store, today);
    // The review takes its areas from the plan's filter, which one filter cannot always narrow
    // to the scope (a center manager of two centers): the rest are dropped here. Its counts
    // come from the plan's occurrences, which are the scope's already.
    std::erase_if(review.areas,
                  [&](const AreaMeasures& m) { return !scope.sees(*m.center, *m.area); });
    std::erase_if(review.decisions_in_year, [&](const ReviewedDecision& d) {
        return !scope.sees_area(rules, d.decision.area);
    });
    return review;
}

}  // namespace

Plan scoped_plan(const Snapshot& snapshot, const Scope& scope, int year) {
    Plan plan = leveled_plan(snapshot.inputs, year, scope.filter(snapshot.inputs.rules));
    scope.keep(plan);
    return plan;
}

bool has_plan(const Snapshot& snapshot, const Scope& scope, int year) {
    const Rules& rules = snapshot.inputs.rules;
    try {
        require_planned_year(rules, scope.filter(rules), year);
    } catch (const InputError&) {
        return false;
    }
    return true;
}

ScopedYear::ScopedYear(const Snapshot& snapshot, const Scope& scope, Store* store, int year,
                       Date today)
    : plan_(scoped_plan(snapshot, scope, year)),
      review_(scoped_review(snapshot, scope, plan_, store, today)) {}

}  // namespace tilsyn
