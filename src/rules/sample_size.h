#pragma once
// How many cases a supervision reviews (stikprøvestørrelse): a fixed number per colour from the
// policy, or the attribute-sampling size of the AICPA Audit Sampling guide (Appendix A, tables
// ), adjusted for a finite population. docs/sampling.md explains both.

#include <cstdint>
#include <optional>

namespace tilsyn {

/// Rates are given in hundredths of a percent (basis points), so 0.25 % is 25 and every
/// computation stays in integers where the tables need it.
struct AttributePlan {
    int confidence_percent = 95;  ///< 1 - the risk of overreliance
    int tolerable_bp = 500;       ///< tolerable deviation rate
    int expected_bp = 100;        ///< expected deviation rate
};

/// The smallest n such that P(X <= k | n, tolerable) <= 1 - confidence for X ~ Binomial, where
/// k = ceil(n * expected) is the number of deviations expected in the sample (the tables'
/// figure in parentheses). nullopt when no n up to `limit` qualifies (the expected rate is at
/// or too close to the tolerable one).
std::optional<std::int64_t> attribute_sample_size(const AttributePlan& plan, std::int64_t limit);

/// The largest attribute sample the policy may ask for (the tables stop below 2,000).
inline constexpr std::int64_t max_attribute_sample = 10'000;

/// The finite-population adjustment n' = n / (1 + n / N), rounded up: ceil(n * N / (N + n)).
/// Never more than N; 0 for an empty population.
std::int64_t finite_population_size(std::int64_t n, std::int64_t population);

}  // namespace tilsyn
