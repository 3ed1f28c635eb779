// Unit tests for src/rules/starter_rules.{h,cpp}: what `tilsyn init` writes is accepted by the
// readers as it stands, and the policy it writes is the built-in default, key for key.

#include <doctest/doctest.h>

#include "rules/policy.h"
#include "rules/rating.h"
#include "rules/risk_register.h"
#include "rules/starter_rules.h"

#include <string>

using namespace tilsyn;

namespace {

std::string problems(const Diagnostics& diags) {
    std::string out;
    for (const Diagnostic& d : diags.items()) out += format_diagnostic(d) + "\n";
    return out;
}

}  // namespace

TEST_CASE("starter rules: the policy reads without a problem and equals the built-in defaults") {
    Diagnostics diags;
    const Policy p = read_policy("policy.toml", starter_policy(), diags);
    INFO(problems(diags));
    REQUIRE(diags.empty());
    const Policy d;
    CHECK(p.likelihood.min == d.likelihood.min);
    CHECK(p.likelihood.max == d.likelihood.max);
    CHECK(p.consequence.min == d.consequence.min);
    CHECK(p.consequence.max == d.consequence.max);
    CHECK(p.method == d.method);
    CHECK(p.red_from == d.red_from);
    CHECK(p.yellow_from == d.yellow_from);
    CHECK(p.cadence == d.cadence);
    CHECK(p.start.running_period == d.start.running_period);
    CHECK(p.start.min_working_days == d.start.min_working_days);
    REQUIRE(p.closing_days.size() == d.closing_days.size());
    for (std::size_t i = 0; i < p.closing_days.size(); ++i) {
        CHECK(p.closing_days[i].month == d.closing_days[i].month);
        CHECK(p.closing_days[i].day == d.closing_days[i].day);
        CHECK(p.closing_days[i].name == d.closing_days[i].name);
    }
    CHECK(p.rerating.raise_above_percent == d.rerating.raise_above_percent);
    CHECK(p.rerating.material_to_red == d.rerating.material_to_red);
    CHECK(p.rerating.lower_below_percent == d.rerating.lower_below_percent);
    CHECK(p.rerating.lower_after == d.rerating.lower_after);
    CHECK(p.remind.within == d.remind.within);
    CHECK(p.remind.since == d.remind.since);
    CHECK(p.remind.from == d.remind.from);
    CHECK(p.remind.sendmail == d.remind.sendmail);
    CHECK(p.timeliness.register_within == d.timeliness.register_within);
    CHECK(p.sampling.method == d.sampling.method);
    CHECK(p.sampling.fixed == d.sampling.fixed);
    CHECK(p.workload.minutes == d.workload.minutes);
    CHECK(p.workload.capacity_minutes == d.workload.capacity_minutes);
    CHECK(p.blackout.iso_weeks == d.blackout.iso_weeks);
    REQUIRE(p.blackout.spans.size() == d.blackout.spans.size());
    CHECK(p.blackout.spans[0].from.month == d.blackout.spans[0].from.month);
    CHECK(p.blackout.spans[0].to.day == d.blackout.spans[0].to.day);
    CHECK(p.calendar_name == d.calendar_name);
    CHECK(p.uid_domain == d.uid_domain);
    CHECK(p.reminder.has_value() == d.reminder.has_value());
}

TEST_CASE("starter rules: the register reads without a problem, assessed on the given day") {
    const Date day(2027, 3, 15);
    Diagnostics diags;
    const Center c = read_register("center.toml", starter_register(day), Policy{}, diags);
    INFO(problems(diags));
    REQUIRE(diags.empty());
    REQUIRE(c.leaders.size() == 1);
    REQUIRE(c.areas.size() == 1);
    REQUIRE(c.areas[0].assessments.size() == 1);
    CHECK(c.areas[0].assessments[0].date == day);
    // 3 x 3 on case processing: yellow, so the example shows a quarterly cadence.
    CHECK(rate(Policy{}, c.areas[0].assessments[0]).colour == Colour::yellow);
}
