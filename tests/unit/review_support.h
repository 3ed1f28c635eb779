#pragma once
// A year's review as `tilsyn report` and `tilsyn audit` make it, for the tests: the leveled
// plan with the log's decisions, set against the log, kept together with what it points into.

#include "log/rerating.h"
#include "report/year_review.h"
#include "test_support.h"

#include <memory>

namespace tilsyn::test {

class ReviewOf {
public:
    ReviewOf(const Rules& rules, const WorkCalendar& calendar, Store* store, int year, Date today,
             const PlanFilter& filter)
        : parts_(std::make_unique<Parts>(rules, calendar, store, year, today, filter)) {}

    const YearReview& operator*() const { return parts_->review; }
    const YearReview* operator->() const { return &parts_->review; }

private:
    struct Parts {
        Parts(const Rules& rules, const WorkCalendar& calendar, Store* store, int year, Date today,
              const PlanFilter& filter)
            : decisions(store ? colour_decisions(*store) : DecisionsByArea{}),
              plan(plan_of(rules, calendar, year, filter, &decisions)),
              review(review_year(rules, plan, decisions, store, today)) {}
        DecisionsByArea decisions;
        Plan plan;
        YearReview review;
    };
    std::unique_ptr<Parts> parts_;
};

inline ReviewOf review_of(const Rules& rules, const WorkCalendar& calendar, Store* store, int year,
                          Date today, const PlanFilter& filter = {}) {
    return ReviewOf(rules, calendar, store, year, today, filter);
}

}  // namespace tilsyn::test
