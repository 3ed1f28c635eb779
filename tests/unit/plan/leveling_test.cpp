// Unit tests for the month problem of leveling (src/plan/leveling.{h,cpp},
// src/plan/month_packing.{h,cpp}): level_months against brute force on random small leaders (fixed
// seed), the solution's invariants (each class's total kept, only allowed months used),
// determinism, the tie-breaks, lp_bound and peak_lower_bound on hand-computed cases, pack_months'
// answers, and two leaders from the benchmark where the local search alone stops above GLPK's
// proven optimum.

#include <doctest/doctest.h>

#include "plan/month_leveling.h"
#include "plan/month_packing.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace {

using tilsyn::LeaderLeveling;
using tilsyn::LevelingClass;
using tilsyn::MonthPacking;

/// A class of `count` supervisions of `minutes`, allowed the listed months (1 = January).
struct Spec {
    int count;
    int minutes;
    std::vector<int> months;
};

LeaderLeveling leader_of(const std::vector<Spec>& specs) {
    LeaderLeveling l;
    std::size_t job = 0;
    for (const Spec& s : specs) {
        LevelingClass c;
        for (int m : s.months) c.months = static_cast<std::uint16_t>(c.months | (1U << (m - 1)));
        c.minutes = s.minutes;
        for (int i = 0; i < s.count; ++i) c.jobs.push_back(job++);
        l.classes.push_back(std::move(c));
    }
    return l;
}

std::string describe(const LeaderLeveling& l) {
    std::ostringstream out;
    for (const LevelingClass& c : l.classes) {
        out << c.jobs.size() << " x " << c.minutes << " in";
        for (int m = 0; m < 12; ++m)
            if (c.allows(m)) out << ' ' << m + 1;
        out << "; ";
    }
    return out.str();
}

/// Every class keeps its total and uses only its allowed months.
void check_solution(const LeaderLeveling& l) {
    for (const LevelingClass& c : l.classes) {
        CHECK(std::accumulate(c.count.begin(), c.count.end(), 0) ==
              static_cast<int>(c.jobs.size()));
        for (int m = 0; m < 12; ++m) {
            CHECK(c.count[static_cast<std::size_t>(m)] >= 0);
            if (!c.allows(m)) CHECK(c.count[static_cast<std::size_t>(m)] == 0);
        }
    }
}

/// The lowest peak over every way to place the supervisions (units of a class are alike, so
/// every way to split each class's count over its months), with the best found so far as a
/// bound to cut the enumeration short.
class BruteForce {
public:
    explicit BruteForce(const LeaderLeveling& l) : classes_(l.classes) {}
    long long optimum() {
        best_ = -1;
        load_ = {};
        split(0, 0, classes_.empty() ? 0 : static_cast<int>(classes_[0].jobs.size()));
        return best_;
    }

private:
    void split(std::size_t c, int month, int left) {
        const long long peak = *std::max_element(load_.begin(), load_.end());
        if (best_ >= 0 && peak >= best_) return;
        if (c == classes_.size()) {
            best_ = peak;
            return;
        }
        const LevelingClass& k = classes_[c];
        if (left == 0 || month == 12) {
            if (left == 0)
                split(c + 1, 0,
                      c + 1 < classes_.size() ? static_cast<int>(classes_[c + 1].jobs.size()) : 0);
            return;
        }
        if (!k.allows(month)) {
            split(c, month + 1, left);
            return;
        }
        for (int n = left; n >= 0; --n) {
            load_[static_cast<std::size_t>(month)] += static_cast<long long>(n) * k.minutes;
            split(c, month + 1, left - n);
            load_[static_cast<std::size_t>(month)] -= static_cast<long long>(n) * k.minutes;
        }
    }

    const std::vector<LevelingClass>& classes_;
    std::array<long long, 12> load_{};
    long long best_ = -1;
};

/// splitmix64, so that the random leaders are the same with every standard library.
struct Random {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
};

std::vector<int> run(int first, int length) {
    std::vector<int> months(static_cast<std::size_t>(length));
    std::iota(months.begin(), months.end(), first);
    return months;
}

/// A random leader: a few fixed supervisions per month and at most 8 movable ones in periods
/// as the cadences make them (quarters, halves, every 2 or 4 months, the year), some with a
/// month taken out as a blackout does, of one to three lengths.
LeaderLeveling random_leader(Random& rnd) {
    static const std::array<int, 7> lengths{30, 60, 90, 120, 150, 180, 240};
    std::vector<int> minutes;
    const int kinds = 1 + rnd.below(3);
    while (static_cast<int>(minutes.size()) < kinds) {
        const int m =
            lengths[static_cast<std::size_t>(rnd.below(static_cast<int>(lengths.size())))];
        if (std::find(minutes.begin(), minutes.end(), m) == minutes.end()) minutes.push_back(m);
    }
    auto length = [&] { return minutes[static_cast<std::size_t>(rnd.below(kinds))]; };
    std::map<std::pair<std::vector<int>, int>, int>
        counts;  // (months, minutes) -> count, as classes merge
    for (int m = 1; m <= 12; ++m)
        if (rnd.below(3) > 0) counts[{{m}, length()}] += 1 + rnd.below(2);
    for (int movable = 1 + rnd.below(8); movable > 0;) {
        std::vector<int> months;
        switch (rnd.below(5)) {
            case 0:
                months = run(1 + 3 * rnd.below(4), 3);
                break;
            case 1:
                months = run(1 + 6 * rnd.below(2), 6);
                break;
            case 2:
                months = run(1 + 2 * rnd.below(6), 2);
                break;
            case 3:
                months = run(1 + 4 * rnd.below(3), 4);
                break;
            default:
                months = run(1, 12);
                break;
        }
        if (months.size() > 2 && rnd.below(3) == 0)
            months.erase(months.begin() + rnd.below(static_cast<int>(months.size())));
        const int n = std::min(movable, 1 + rnd.below(3));
        counts[{months, length()}] += n;
        movable -= n;
    }
    std::vector<Spec> specs;
    for (const auto& [key, n] : counts) specs.push_back({n, key.second, key.first});
    return leader_of(specs);
}

long long peak_after_leveling(std::vector<Spec> specs) {
    LeaderLeveling l = leader_of(specs);
    tilsyn::level_months(l);
    check_solution(l);
    return l.peak();
}

}  // namespace

TEST_CASE(
    "level_months: the brute-force optimum on 400 random small leaders, every class kept, "
    "deterministic") {
    Random rnd{20261123};
    int above_mean = 0;
    for (int i = 0; i < 400; ++i) {
        LeaderLeveling l = random_leader(rnd);
        INFO("leader " << i << ": " << describe(l));
        const long long optimum = BruteForce(l).optimum();
        LeaderLeveling again = l;
        tilsyn::level_months(l);
        check_solution(l);
        CHECK(l.peak() == optimum);
        CHECK(static_cast<double>(optimum) >= l.lp_bound() - 1e-9);
        CHECK(tilsyn::peak_lower_bound(l) <= optimum);
        tilsyn::level_months(again);
        for (std::size_t c = 0; c < l.classes.size(); ++c)
            CHECK(again.classes[c].count == l.classes[c].count);
        if (static_cast<double>(optimum) >
            static_cast<double>(l.total()) / l.available_months() + 1e-9)
            ++above_mean;
    }
    // The instances are not all trivial: in many the optimum is above the plain average.
    CHECK(above_mean > 100);
}

TEST_CASE("level_months: lowest peak, then even months, then the earliest") {
    // One supervision that may go anywhere: January.
    LeaderLeveling one = leader_of({{1, 60, run(1, 12)}});
    tilsyn::level_months(one);
    CHECK(one.classes[0].count == std::array<int, 12>{1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    // Twelve over the year: one a month.
    LeaderLeveling twelve = leader_of({{12, 60, run(1, 12)}});
    tilsyn::level_months(twelve);
    CHECK(twelve.classes[0].count == std::array<int, 12>{1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1});
    // Four in a quarter whose January has 180 fixed: two and two in February and March.
    LeaderLeveling quarter = leader_of({{1, 180, {1}}, {4, 60, {1, 2, 3}}});
    tilsyn::level_months(quarter);
    CHECK(quarter.peak() == 180);
    CHECK(quarter.classes[1].count == std::array<int, 12>{0, 2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0});
    // Five: the peak is 180 either way; evenness puts the fifth in a free month, the earlier.
    LeaderLeveling five = leader_of({{1, 180, {1}}, {5, 60, {1, 2, 3}}});
    tilsyn::level_months(five);
    CHECK(five.peak() == 180);
    CHECK(five.classes[1].count == std::array<int, 12>{0, 3, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0});
}

TEST_CASE("lp_bound: total over the months, or a tighter set of months") {
    // 5 hours over the whole year.
    CHECK(leader_of({{5, 60, run(1, 12)}}).lp_bound() == doctest::Approx(25.0));
    // Three of 60 minutes in January or February: 90 per month there, though the year's mean is 20.
    const LeaderLeveling pair = leader_of({{3, 60, {1, 2}}, {1, 60, run(1, 12)}});
    CHECK(pair.lp_bound() == doctest::Approx(90.0));
    CHECK(static_cast<double>(pair.total()) / pair.available_months() == doctest::Approx(20.0));
    // A fixed month weighs alone: 240 in March.
    CHECK(leader_of({{2, 120, {3}}, {6, 60, run(1, 6)}}).lp_bound() == doctest::Approx(240.0));
    // A set that is no period: months 1 and 3 (a quarter with February blacked out).
    CHECK(leader_of({{2, 120, {1, 3}}, {3, 60, {1, 2, 3}}}).lp_bound() == doctest::Approx(140.0));
    CHECK(LeaderLeveling{}.lp_bound() == 0.0);
}

TEST_CASE(
    "peak_lower_bound: lp_bound rounded up to the minutes' divisor, and a class's lightest month") {
    // lp_bound 25, divisor 60: at least 60 (some month has a supervision).
    CHECK(tilsyn::peak_lower_bound(leader_of({{5, 60, run(1, 12)}})) == 60);
    // 7 x 30 minutes over 2 months: 105, rounded up to 120.
    CHECK(tilsyn::peak_lower_bound(leader_of({{7, 30, {4, 5}}})) == 120);
    // 240 fixed in both January and February, one of 60 in either: lp_bound 270, but wherever
    // it goes that month has 300.
    const LeaderLeveling tight = leader_of({{4, 60, {1}}, {4, 60, {2}}, {1, 60, {1, 2}}});
    CHECK(tight.lp_bound() == doctest::Approx(270.0));
    CHECK(tilsyn::peak_lower_bound(tight) == 300);
    CHECK(peak_after_leveling({{4, 60, {1}}, {4, 60, {2}}, {1, 60, {1, 2}}}) == 300);
}

TEST_CASE("pack_months: found, impossible, and the budget") {
    // Two of 90 and one of 60 in January or February: 150 fits (90 + 60, 90), 120 does not.
    const LeaderLeveling l = leader_of({{2, 90, {1, 2}}, {1, 60, {1, 2}}});
    const MonthPacking fits = tilsyn::pack_months(l, 150, 1000);
    REQUIRE(fits.outcome == MonthPacking::Outcome::found);
    REQUIRE(fits.counts.size() == 2);
    std::array<long long, 12> load{};
    for (std::size_t c = 0; c < 2; ++c) {
        CHECK(std::accumulate(fits.counts[c].begin(), fits.counts[c].end(), 0) ==
              static_cast<int>(l.classes[c].jobs.size()));
        for (std::size_t m = 0; m < 12; ++m) {
            if (!l.classes[c].allows(static_cast<int>(m))) CHECK(fits.counts[c][m] == 0);
            load[m] += static_cast<long long>(fits.counts[c][m]) * l.classes[c].minutes;
        }
    }
    CHECK(*std::max_element(load.begin(), load.end()) <= 150);
    CHECK(tilsyn::pack_months(l, 120, 1000).outcome == MonthPacking::Outcome::impossible);
    // Fixed supervisions above the peak: impossible at once.
    CHECK(tilsyn::pack_months(leader_of({{3, 60, {6}}}), 120, 1000).outcome ==
          MonthPacking::Outcome::impossible);
    // No budget, no answer.
    const MonthPacking none = tilsyn::pack_months(l, 150, 0);
    CHECK(none.outcome == MonthPacking::Outcome::undecided);
    CHECK(none.counts.empty());
}

// Two leaders from bench/workload_bench.sh, where GLPK proved the optimum and the local search
// (greedy, moves, swaps, ejection chains) stops one step above it; the exact search finds it.
TEST_CASE("level_months: GLPK's optimum where the local search stops above it") {
    // 15 areas, 3 leaders, seed 1, hours 1.5/1/0.5, half the cadences overridden, February and
    // August blacked out: January's fixed 240 minutes are the optimum.
    CHECK(peak_after_leveling({{1, 60, {1}},          {2, 90, {1}},
                               {1, 90, {2}},          {1, 90, {3}},
                               {2, 60, {1, 3}},       {1, 90, {4}},
                               {1, 60, {3, 4}},       {1, 90, {3, 4}},
                               {1, 90, {5}},          {1, 90, {6}},
                               {1, 60, {5, 6}},       {1, 90, {5, 6}},
                               {2, 60, {4, 5, 6}},    {1, 30, {1, 3, 4, 5, 6}},
                               {1, 60, {7}},          {3, 60, {7, 9}},
                               {1, 60, {9, 10}},      {1, 60, {11, 12}},
                               {3, 60, {10, 11, 12}}, {2, 30, {7, 9, 10, 11, 12}}}) == 240);
    // 10,000 areas, center 0, leader 8 (52 classes): a packing with 30 minutes to spare in four
    // months and none in the other eight; the exact search needs its restarts for it.
    const std::vector<int> year = run(1, 12);
    CHECK(peak_after_leveling({{6, 240, {1}},           {6, 240, {2}},        {2, 120, {1, 2}},
                               {2, 180, {1, 2}},        {1, 240, {1, 2}},     {6, 240, {3}},
                               {1, 90, {1, 2, 3}},      {13, 180, {1, 2, 3}}, {6, 240, {4}},
                               {2, 120, {3, 4}},        {2, 180, {3, 4}},     {1, 240, {3, 4}},
                               {1, 120, run(1, 4)},     {1, 150, run(1, 4)},  {1, 180, run(1, 4)},
                               {6, 240, {5}},           {6, 240, {6}},        {2, 120, {5, 6}},
                               {2, 180, {5, 6}},        {1, 240, {5, 6}},     {1, 90, {4, 5, 6}},
                               {13, 180, {4, 5, 6}},    {8, 120, run(1, 6)},  {1, 450, run(1, 6)},
                               {7, 240, {7}},           {7, 240, {8}},        {1, 120, {7, 8}},
                               {1, 180, {7, 8}},        {1, 120, run(5, 4)},  {1, 150, run(5, 4)},
                               {1, 180, run(5, 4)},     {7, 240, {9}},        {1, 90, {7, 8, 9}},
                               {14, 180, {7, 8, 9}},    {7, 240, {10}},       {1, 120, {9, 10}},
                               {1, 180, {9, 10}},       {7, 240, {11}},       {7, 240, {12}},
                               {1, 120, {11, 12}},      {1, 180, {11, 12}},   {1, 90, {10, 11, 12}},
                               {14, 180, {10, 11, 12}}, {1, 120, run(9, 4)},  {1, 150, run(9, 4)},
                               {1, 180, run(9, 4)},     {9, 120, run(7, 6)},  {1, 450, run(7, 6)},
                               {1, 120, year},          {2, 180, year},       {1, 210, year},
                               {2, 240, year}}) == 3150);
}
