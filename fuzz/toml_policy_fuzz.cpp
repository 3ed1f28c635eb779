// The policy loader: read_policy, as load_rules and load_policy call it for policy.toml, on the
// input as its text. An accepted policy is used as the plan uses it: scores at the corners of
// its scales are rated, and its closing days make a working calendar.
#include "fuzz_support.h"

#include "base/dates.h"
#include "rules/policy.h"
#include "rules/rating.h"
#include "rules/work_calendar.h"

using namespace tilsyn;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    Policy policy;
    try {
        Diagnostics diags;
        policy = read_policy("rules/policy.toml", fuzz::text_of(data, size), diags);
        diags.throw_if_any();
    } catch (const Error&) {
        ++fuzz::reach().refused;
        return 0;
    }
    ++fuzz::reach().accepted;
    for (const int likelihood : {policy.likelihood.min, policy.likelihood.max})
        for (const int consequence : {policy.consequence.min, policy.consequence.max}) {
            Assessment a;
            a.sagsbehandling = a.statsrefusion = {likelihood, consequence};
            (void)rate(policy, a);
        }
    const WorkCalendar calendar(policy.closing_days);
    (void)calendar.closed_days(2027);
    (void)policy.blackout.contains(*parse_iso_date("2027-12-24"));
    (void)policy.sender();
    return 0;
}
