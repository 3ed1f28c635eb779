#include "workload/workload_formats.h"

#include <algorithm>
#include <bit>
#include <vector>

namespace tilsyn {

namespace {

/// Writes "+ a x + b y ..." wrapped every few terms: GLPK reads long lines, but people and
/// diff tools read short ones better.
class Terms {
public:
    explicit Terms(std::ostream& out) : out_(out) {}
    void add(long long coefficient, const std::string& variable) {
        if (n_ > 0 && n_ % 6 == 0) out_ << "\n   ";
        out_ << (n_ == 0 ? (coefficient < 0 ? "-" : "") : (coefficient < 0 ? " - " : " + "));
        const long long c = coefficient < 0 ? -coefficient : coefficient;
        if (c != 1) out_ << c << ' ';
        out_ << variable;
        ++n_;
    }
    int count() const { return n_; }

private:
    std::ostream& out_;
    int n_ = 0;
};

std::string var(std::size_t leader, std::size_t cls, int month0) {
    return "y_" + std::to_string(leader) + "_" + std::to_string(cls) + "_" +
           std::to_string(month0 + 1);
}

}  // namespace

void write_workload_lp(std::ostream& out, const LevelingProblem& problem) {
    out << "\\ tilsyn workload --lp: the month problem of leveling the " << problem.year
        << " plan.\n"
        << "\\ y_L_C_M: how many of leader L's supervisions of class C are planned in month M;\n"
        << "\\ peak_L: leader L's busiest month in units of g_L minutes, g_L the greatest common\n"
        << "\\ divisor of the leader's minutes (every month's load is a multiple of it), so the\n"
        << "\\ objective is the sum of the peaks in minutes. Classes group supervisions with the "
           "same\n"
        << "\\ allowed months and minutes; those allowed only one month are constants.\n";
    std::vector<long long> unit(problem.leaders.size());
    for (std::size_t l = 0; l < problem.leaders.size(); ++l) {
        const LeaderLeveling& leader = problem.leaders[l];
        unit[l] = std::max(1LL, leader.minutes_unit());
        out << "\\ leader " << l << ": " << leader.center->id << "/" << leader.leader->id << ", g_"
            << l << " = " << unit[l] << '\n';
        for (std::size_t c = 0; c < leader.classes.size(); ++c) {
            const LevelingClass& k = leader.classes[c];
            out << "\\   class " << c << ": " << k.jobs.size() << " x " << k.minutes
                << " min, months";
            for (int m = 0; m < 12; ++m)
                if (k.allows(m)) out << ' ' << m + 1;
            out << '\n';
        }
    }
    out << "Minimize\n obj: ";
    {
        Terms t(out);
        for (std::size_t l = 0; l < problem.leaders.size(); ++l)
            t.add(unit[l], "peak_" + std::to_string(l));
        if (t.count() == 0) out << "0 peak_none";
    }
    out << "\nSubject To\n";
    // GLPK wants at least one constraint, even in a problem without a leader.
    if (problem.leaders.empty()) out << " none: peak_none >= 0\n";
    for (std::size_t l = 0; l < problem.leaders.size(); ++l) {
        const LeaderLeveling& leader = problem.leaders[l];
        for (std::size_t c = 0; c < leader.classes.size(); ++c) {
            const LevelingClass& k = leader.classes[c];
            if (std::popcount(k.months) < 2) continue;
            out << " n_" << l << "_" << c << ": ";
            Terms t(out);
            for (int m = 0; m < 12; ++m)
                if (k.allows(m)) t.add(1, var(l, c, m));
            out << " = " << k.jobs.size() << '\n';
        }
        for (int m = 0; m < 12; ++m) {
            long long fixed = 0;
            out << " m_" << l << "_" << m + 1 << ": ";
            Terms t(out);
            for (std::size_t c = 0; c < leader.classes.size(); ++c) {
                const LevelingClass& k = leader.classes[c];
                if (!k.allows(m)) continue;
                if (std::popcount(k.months) < 2)
                    fixed += static_cast<long long>(k.jobs.size()) * k.minutes;
                else
                    t.add(k.minutes, var(l, c, m));
            }
            t.add(-unit[l], "peak_" + std::to_string(l));
            out << " <= " << -fixed << '\n';
        }
    }
    // The peaks are integer too: a solver may then round a node's bound up to the next
    // multiple of the units' divisor (GLPK does), which is what lets it prove most optima.
    if (!problem.leaders.empty()) out << "General\n";
    for (std::size_t l = 0; l < problem.leaders.size(); ++l) {
        const LeaderLeveling& leader = problem.leaders[l];
        out << " peak_" << l << '\n';
        for (std::size_t c = 0; c < leader.classes.size(); ++c)
            if (std::popcount(leader.classes[c].months) >= 2)
                for (int m = 0; m < 12; ++m)
                    if (leader.classes[c].allows(m)) out << ' ' << var(l, c, m) << '\n';
    }
    out << "End\n";
}

}  // namespace tilsyn
