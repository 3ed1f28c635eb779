// Unit tests for src/workload/workload_lp.cpp: the CPLEX LP file of the month problem. That glpsol
// reads it and agrees with leveling is tests/workload/glpk_optimum.sh; here, the model's shape: one
// count per class and allowed month, fixed supervisions as constants, each leader's peak an
// integer in units of the divisor of its minutes, and a file without leaders that is still valid.

#include <doctest/doctest.h>

#include "rules/risk_register.h"
#include "workload/workload_formats.h"

#include <sstream>
#include <string>

namespace {

std::string lp_of(const tilsyn::LevelingProblem& p) {
    std::ostringstream out;
    tilsyn::write_workload_lp(out, p);
    return out.str();
}

}  // namespace

TEST_CASE("workload --lp: counts, constants, integer peaks in units of the minutes' divisor") {
    tilsyn::Center center;
    center.id = "jc";
    center.leaders = {{"mhl", "Mette Holm Larsen", "mhl@lejre.example", {}}};
    tilsyn::LeaderLeveling leader;
    leader.center = &center;
    leader.leader = &center.leaders[0];
    tilsyn::LevelingClass fixed;  // two of 240 minutes in January
    fixed.months = 0x001;
    fixed.minutes = 240;
    fixed.jobs = {0, 1};
    tilsyn::LevelingClass quarter;  // three of 90 minutes in the first quarter
    quarter.months = 0x007;
    quarter.minutes = 90;
    quarter.jobs = {2, 3, 4};
    leader.classes = {fixed, quarter};
    tilsyn::LevelingProblem problem;
    problem.year = 2027;
    problem.leaders = {leader};

    const std::string lp = lp_of(problem);
    INFO(lp);
    CHECK(lp.find("\\ leader 0: jc/mhl, g_0 = 30\n") != std::string::npos);
    CHECK(lp.find("Minimize\n obj: 30 peak_0\n") != std::string::npos);
    CHECK(lp.find(" n_0_1: y_0_1_1 + y_0_1_2 + y_0_1_3 = 3\n") != std::string::npos);
    CHECK(lp.find(" m_0_1: 90 y_0_1_1 - 30 peak_0 <= -480\n") != std::string::npos);
    CHECK(lp.find(" m_0_4: -30 peak_0 <= 0\n") != std::string::npos);
    CHECK(lp.find("General\n peak_0\n y_0_1_1\n y_0_1_2\n y_0_1_3\nEnd\n") != std::string::npos);
    CHECK(lp.find("y_0_0_") == std::string::npos);  // the fixed class is a constant
}

TEST_CASE("workload --lp: a problem without leaders is still a valid file") {
    tilsyn::LevelingProblem problem;
    problem.year = 2027;
    const std::string lp = lp_of(problem);
    CHECK(lp.find("Minimize\n obj: 0 peak_none\nSubject To\n none: peak_none >= 0\nEnd\n") !=
          std::string::npos);
    CHECK(lp.find("General") == std::string::npos);
}
