#pragma once
// Helpers shared by the re-rating unit tests: rules built in code (an area of each colour) and
// a log in a temporary directory to record supervisions, findings and decisions in.

#include <string>
#include <vector>
#include "base/error.h"
#include "log/rerating.h"
#include "log/store.h"
#include "rules/rules_loader.h"
#include "test_support.h"

namespace tilsyn::test {

inline constexpr AxisScore green_score{1, 2};   // 2
inline constexpr AxisScore yellow_score{2, 3};  // 6
inline constexpr AxisScore red_score{3, 5};     // 15

inline const Date start = ymd(2027, 1, 1);  // every area's first assessment
inline const Date today = ymd(2027, 12, 31);

inline Area make_area(std::string id, AxisScore score) {
    Area a;
    a.id = std::move(id);
    a.name = a.id;
    Assessment as;
    as.date = start;
    as.sagsbehandling = score;
    as.statsrefusion = green_score;
    as.reason = "registret";
    a.assessments.push_back(as);
    return a;
}

/// One center "bc" with a green, a yellow and a red area, and the policy's re-rating rules.
inline Rules make_rules(RerateRules rerating = {}) {
    Rules rules;
    rules.dir = "regler";
    rules.policy.rerating = rerating;
    Center c;
    c.id = "bc";
    c.name = "Borgercenter";
    c.leaders.push_back({"ahl", "Anne Holm", "ahl@test.example", {}});
    c.areas.push_back(make_area("bc-green", green_score));
    c.areas.push_back(make_area("bc-yellow", yellow_score));
    c.areas.push_back(make_area("bc-red", red_score));
    rules.centers.push_back(std::move(c));
    return rules;
}

/// A findings log in a throw-away directory.
struct Log {
    TempDir dir{"tilsyn-rerate"};
    Store store{(dir.path / "tilsyn.db").string(), Store::Mode::create};

    /// Records a supervision (and its findings) in one write; returns its seq.
    std::int64_t supervise(const std::string& area, Date performed, std::int64_t cases,
                           std::int64_t errors_s, std::int64_t errors_r,
                           std::vector<FindingEntry> findings = {}) {
        std::int64_t seq = 0;
        tilsyn::test::write(store, "2027-12-31T12:00:00Z", [&](Store::Writer& w) {
            SupervisionEntry s;
            s.area = area;
            s.center = "bc";
            s.leader = "ahl";
            s.performed = performed;
            s.cases = cases;
            s.errors_sagsbehandling = errors_s;
            s.errors_statsrefusion = errors_r;
            seq = w.append(s);
            for (FindingEntry f : findings) {
                f.supervision = seq;
                w.append(f);
            }
        });
        return seq;
    }

    std::int64_t decide(const std::string& area, Date day, Verdict verdict, Colour from, Colour to,
                        std::string rule = "error-rate") {
        std::int64_t seq = 0;
        tilsyn::test::write(store, "2027-12-31T12:00:00Z", [&](Store::Writer& w) {
            DecisionEntry d;
            d.area = area;
            d.decided = day;
            d.verdict = verdict;
            d.from = from;
            d.to = to;
            d.rule = std::move(rule);
            d.reason = "besluttet";
            d.by = "Chef";
            seq = w.append(d);
        });
        return seq;
    }

    std::int64_t withdraw(std::int64_t target) {
        std::int64_t seq = 0;
        tilsyn::test::write(store, "2027-12-31T12:00:00Z", [&](Store::Writer& w) {
            seq = w.append(CorrectionEntry{target, today, "fejl"});
        });
        return seq;
    }
};

inline FindingEntry material(std::string case_ref = "2027-004512") {
    FindingEntry f;
    f.case_ref = std::move(case_ref);
    f.axis = Axis::statsrefusion;
    f.category = "refusion";
    f.severity = Severity::vaesentlig;
    f.description = "For meget hjemtaget";
    return f;
}

inline FindingEntry minor() {
    FindingEntry f = material();
    f.axis = Axis::sagsbehandling;
    f.category = "partshøring";
    f.severity = Severity::mindre;
    return f;
}

/// The proposal for one area of make_rules(), read from the log as it is now.
inline std::optional<Proposal> propose(const Rules& rules, Log& log, const std::string& area,
                                       Date day = today) {
    const RerateInput input(rules, &log.store);
    const auto [c, a] = rules.find_area(area);
    REQUIRE(a != nullptr);
    return input.propose(*c, *a, day);
}

}  // namespace tilsyn::test
