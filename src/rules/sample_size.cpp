#include "rules/sample_size.h"

#include <cmath>

namespace tilsyn {

namespace {

// P(X <= k) for X ~ Binomial(n, p), summed from the probability of 0 upward. long double keeps
// the terms exact enough: the smallest (0.96^1936, about 1e-35) is far above its underflow, and
// the sums are compared with 0.05 and 0.10, where the tables' sizes sit well apart from the
// boundary (the one exception is noted in tests/unit/sample_size_test.cpp).
long double binomial_cdf(std::int64_t k, std::int64_t n, long double p) {
    long double term = std::pow(1.0L - p, static_cast<long double>(n));
    long double sum = term;
    const long double ratio = p / (1.0L - p);
    for (std::int64_t i = 0; i < k && i < n; ++i) {
        term *= static_cast<long double>(n - i) / static_cast<long double>(i + 1) * ratio;
        sum += term;
    }
    return sum;
}

}  // namespace

std::optional<std::int64_t> attribute_sample_size(const AttributePlan& plan, std::int64_t limit) {
    if (plan.tolerable_bp <= 0 || plan.tolerable_bp >= 10'000 || plan.expected_bp < 0 ||
        plan.expected_bp >= plan.tolerable_bp || plan.confidence_percent <= 0 ||
        plan.confidence_percent >= 100)
        return std::nullopt;
    const long double p = static_cast<long double>(plan.tolerable_bp) / 10'000.0L;
    const long double risk = static_cast<long double>(100 - plan.confidence_percent) / 100.0L;
    for (std::int64_t n = 1; n <= limit; ++n) {
        // ceil(n * expected) in integers: the tables round the expected deviations up, and a
        // product such as 400 * 3.5 % must be exactly 14, not 14.000000000000002.
        const std::int64_t k = (n * plan.expected_bp + 9'999) / 10'000;
        if (binomial_cdf(k, n, p) <= risk) return n;
    }
    return std::nullopt;
}

std::int64_t finite_population_size(std::int64_t n, std::int64_t population) {
    if (population <= 0 || n <= 0) return 0;
    const std::int64_t num = n * population;
    const std::int64_t den = population + n;
    return (num + den - 1) / den;
}

}  // namespace tilsyn
