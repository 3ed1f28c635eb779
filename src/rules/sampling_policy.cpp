#include "rules/sampling_policy.h"

#include "base/error.h"

namespace tilsyn {

std::string percent_danish(int bp) {
    std::string out = std::to_string(bp / 100);
    if (const int rest = bp % 100) {
        out += ',';
        out += static_cast<char>('0' + rest / 10);
        if (rest % 10) out += static_cast<char>('0' + rest % 10);
    }
    return out + " %";
}

SampleSizeChoice choose_sample_size(const Policy& policy, const Area& area, Colour colour) {
    SampleSizeChoice c;
    const SamplingRules& rules = policy.sampling;
    if (area.sample_size) {
        c.size = *area.sample_size;
        c.basis = "fast for området (sample_size i risikovurderingen)";
    } else if (rules.method == SamplingRules::Method::fixed) {
        c.size = rules.fixed_of(colour);
        c.basis = "fast for " + std::string(colour_danish(colour)) + " i politikken ([sampling] " +
                  std::string(colour_token(colour)) + ")";
    } else {
        const AttributePlan& a = rules.attribute;
        const auto n = attribute_sample_size(a, max_attribute_sample);
        if (!n)
            throw InputError(
                "[sampling]: the attribute sample size cannot be computed for these rates");
        c.size = *n;
        c.basis = "attributstikprøve: " + std::to_string(a.confidence_percent) +
                  " % sikkerhed, tolerabel fejlrate " + percent_danish(a.tolerable_bp) +
                  ", forventet " + percent_danish(a.expected_bp) + " giver " + std::to_string(*n);
        if (area.population) {
            c.size = finite_population_size(*n, *area.population);
            c.basis += "; justeret til populationen " + std::to_string(*area.population) + ": " +
                       std::to_string(c.size);
        } else {
            c.basis += " (ingen population i risikovurderingen at justere til)";
        }
        return c;
    }
    // The adjusted attribute size is below the population by construction; a fixed one may not be.
    if (area.population && c.size > *area.population) {
        c.size = *area.population;
        c.basis += ", højst populationen " + std::to_string(*area.population);
    }
    return c;
}

}  // namespace tilsyn
