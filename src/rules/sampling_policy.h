#pragma once
// Which sample size applies to a supervision of an area: the register's own sample_size, else
// the policy's [sampling] rule for the colour in force, never more than the area's population.

#include "rules/colour.h"
#include "rules/policy.h"
#include "rules/risk_register.h"

#include <cstdint>
#include <string>

namespace tilsyn {

struct SampleSizeChoice {
    std::int64_t size = 0;
    std::string basis;  ///< how it was found, in Danish, for the user and the auditor
};

/// Throws InputError if the policy's attribute rates admit no size (read_policy refuses
/// those, so only a hand-made Policy gets there).
SampleSizeChoice choose_sample_size(const Policy& policy, const Area& area, Colour colour);

/// "5 %", "0,25 %": a rate in hundredths of a percent, written the Danish way.
std::string percent_danish(int bp);

}  // namespace tilsyn
