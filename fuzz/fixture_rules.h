#pragma once
// The rules the record and import harnesses check supervisions against: the golden tests'
// tests/golden/fixtures/minimal (one center, two leaders, three areas of each colour), loaded
// once, with its working calendar and the golden tests' "today".
//
// Call fixture() outside the harness's try block: rules that fail to load must crash the
// harness, not count as refused input.

#include "base/dates.h"
#include "rules/rules_loader.h"
#include "rules/work_calendar.h"

#include <utility>

namespace tilsyn::fuzz {

struct Fixture {
    Rules rules;
    WorkCalendar calendar;
    Date today;
};

inline const Fixture& fixture() {
    static const Fixture f = [] {
        Rules rules = load_rules(TILSYN_SOURCE_DIR "/tests/golden/fixtures/minimal");
        WorkCalendar calendar(rules.policy.closing_days);
        return Fixture{std::move(rules), std::move(calendar), *parse_iso_date("2027-03-15")};
    }();
    return f;
}

}  // namespace tilsyn::fuzz
