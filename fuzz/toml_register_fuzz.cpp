// The register loader: read_register, as load_rules calls it for each register of a rules
// directory, on the input as the text of a register file, with the default policy. An accepted
// register is rated as the plan rates it.
#include "fuzz_support.h"

#include "rules/policy.h"
#include "rules/rating.h"
#include "rules/risk_register.h"

using namespace tilsyn;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const Policy policy;
    Center center;
    try {
        Diagnostics diags;
        center = read_register("rules/center.toml", fuzz::text_of(data, size), policy, diags);
        diags.throw_if_any();
    } catch (const Error&) {
        ++fuzz::reach().refused;
        return 0;
    }
    ++fuzz::reach().accepted;
    for (const Area& area : center.areas) {
        fuzz::require(area.leader < center.leaders.size(),
                      "an area's leader is one of the center's");
        fuzz::require(!area.assessments.empty(), "an area has at least one assessment");
        for (std::size_t i = 1; i < area.assessments.size(); ++i)
            fuzz::require(area.assessments[i - 1].date <= area.assessments[i].date,
                          "assessments are in date order");
        for (const Assessment& a : area.assessments) (void)rate(policy, a);
    }
    return 0;
}
