// Unit tests for layout_wheels: which areas share a year wheel, and that no wheel holds more
// tracks than it may.

#include <doctest/doctest.h>

#include "report/report_svg.h"
#include "report/wheel_layout.h"

#include <set>
#include <stdexcept>
#include <vector>

namespace {

using tilsyn::AreaMeasures;
using tilsyn::Center;

// Centers with leaders "l0", "l1", ..., and areas given per center as the leader of each.
struct Org {
    std::vector<Center> centers;
    std::vector<std::vector<tilsyn::Area>> areas;
    std::vector<AreaMeasures> measures;

    Org(const Org&) = delete;
    explicit Org(const std::vector<std::vector<std::size_t>>& leader_of_area) {
        centers.resize(leader_of_area.size());
        areas.resize(leader_of_area.size());
        for (std::size_t c = 0; c < leader_of_area.size(); ++c) {
            centers[c].id = "c" + std::to_string(c);
            centers[c].name = "Center " + std::to_string(c);
            for (std::size_t l = 0; l < 3; ++l)
                centers[c].leaders.push_back({"l" + std::to_string(l), "Leder " + std::to_string(l),
                                              "l@x.example", std::nullopt});
            for (const std::size_t l : leader_of_area[c]) {
                tilsyn::Area a;
                a.id = centers[c].id + "-a" + std::to_string(areas[c].size());
                a.leader = l;
                areas[c].push_back(a);
            }
        }
        for (std::size_t c = 0; c < centers.size(); ++c)
            for (const tilsyn::Area& a : areas[c]) {
                AreaMeasures m;
                m.center = &centers[c];
                m.area = &a;
                measures.push_back(m);
            }
    }
};

std::vector<std::size_t> sizes(const std::vector<tilsyn::WheelLayout>& wheels) {
    std::vector<std::size_t> out;
    for (const auto& w : wheels) out.push_back(w.tracks());
    return out;
}

// Every area on exactly one wheel, and no wheel over `cap`.
void check_partition(const Org& org, const std::vector<tilsyn::WheelLayout>& wheels,
                     std::size_t cap) {
    std::multiset<std::size_t> seen;
    for (const auto& w : wheels) {
        CHECK(w.tracks() <= cap);
        CHECK(w.tracks() > 0);
        for (const auto& g : w.groups) seen.insert(g.areas.begin(), g.areas.end());
    }
    CHECK(seen.size() == org.measures.size());
    for (std::size_t i = 0; i < org.measures.size(); ++i) CHECK(seen.count(i) == 1);
}

}  // namespace

TEST_CASE("layout_wheels: everything on one wheel when it fits, centers separated") {
    const Org org({{0, 1, 0}, {2, 2}});
    const auto wheels = tilsyn::layout_wheels(org.measures, 5);
    REQUIRE(wheels.size() == 1);
    REQUIRE(wheels[0].groups.size() == 2);
    CHECK(wheels[0].groups[0].leader == nullptr);
    CHECK(wheels[0].groups[0].areas == std::vector<std::size_t>{0, 1, 2});
    CHECK(wheels[0].groups[1].areas == std::vector<std::size_t>{3, 4});
    CHECK(tilsyn::wheel_group_title(wheels[0].groups[1]) == "Center 1");
}

TEST_CASE("layout_wheels: neighbouring centers share a wheel while they fit") {
    const Org org({{0, 0, 0}, {0, 0}, {0, 0, 0}, {0}});
    const auto wheels = tilsyn::layout_wheels(org.measures, 5);
    CHECK(sizes(wheels) == std::vector<std::size_t>{5, 4});
    check_partition(org, wheels, 5);
}

TEST_CASE("layout_wheels: a center too big is split by leader, a leader too big in equal parts") {
    // Center 0: leader 0 has 2 areas, leader 1 has 7 (over 4: parts of 4 and 3), leader 2 none.
    const Org org({{1, 0, 1, 1, 1, 0, 1, 1, 1}});
    const auto wheels = tilsyn::layout_wheels(org.measures, 4);
    check_partition(org, wheels, 4);
    REQUIRE(wheels.size() == 3);
    CHECK(wheels[0].groups.size() == 1);
    CHECK(wheels[0].groups[0].leader == &org.centers[0].leaders[0]);
    CHECK(wheels[0].groups[0].areas == std::vector<std::size_t>{1, 5});
    CHECK(tilsyn::wheel_group_title(wheels[0].groups[0]) == "Center 0, leder Leder 0");
    CHECK(wheels[1].groups[0].areas == std::vector<std::size_t>{0, 2, 3, 4});
    CHECK(wheels[2].groups[0].areas == std::vector<std::size_t>{6, 7, 8});
    CHECK(tilsyn::wheel_group_title(wheels[2].groups[0]) == "Center 0, leder Leder 1, del 2 af 2");
}

TEST_CASE("layout_wheels: 60 and 200 areas at the printed capacity") {
    const auto cap = static_cast<std::size_t>(tilsyn::wheel_track_capacity());
    // The capacity keeps a band at 2 mm or more: (300 - 70) units of 780 over 166 mm.
    CHECK(cap >= 15);
    CHECK(230.0 / static_cast<double>(cap) - 1 >= 2 * 780 / 166.0);
    for (const int n : {60, 200}) {
        std::vector<std::vector<std::size_t>> centers(n == 60 ? 2 : 4);
        for (int i = 0; i < n; ++i) centers[i % centers.size()].push_back(i % 3);
        const Org org(centers);
        const auto wheels = tilsyn::layout_wheels(org.measures, static_cast<int>(cap));
        check_partition(org, wheels, cap);
        CHECK(wheels.size() >= (n + cap - 1) / cap);
    }
}

TEST_CASE("layout_wheels: refuses a wheel without room") {
    const Org org(std::vector<std::vector<std::size_t>>{{0}});
    CHECK_THROWS_AS(tilsyn::layout_wheels(org.measures, 0), std::invalid_argument);
    CHECK(tilsyn::layout_wheels({}, 3).empty());
}
