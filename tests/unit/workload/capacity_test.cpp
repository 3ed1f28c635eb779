// Unit tests for the months above a leader's capacity (src/workload/workload.cpp):
// capacity_excesses, which the web server's workload page shows, and capacity_warnings, the
// sentences `tilsyn plan` prints from it.

#include <doctest/doctest.h>

#include "workload/workload.h"

namespace {

using namespace tilsyn;

WorkloadRow row_of(const Center& c, std::size_t leader, std::optional<int> capacity) {
    WorkloadRow row;
    row.center = &c;
    row.leader = &c.leaders[leader];
    row.capacity_minutes = capacity;
    return row;
}

}  // namespace

TEST_CASE("workload: capacity_excesses names each leader's months above their capacity") {
    Center c;
    c.id = "bc";
    c.leaders = {{"ahl", "Anne Holm", "ahl@test.example", {}},
                 {"bo", "Bo Lund", "bo@test.example", {}},
                 {"cj", "Carl Juhl", "cj@test.example", {}}};
    Workload w;
    w.hours = true;
    w.leaders.push_back(row_of(c, 0, 600));
    w.leaders[0].months[2].minutes = 700;             // March: over
    w.leaders[0].months[5].minutes = 900;             // June: over, the peak
    w.leaders[0].months[7].minutes = 600;             // August: at the capacity, not over
    w.leaders.push_back(row_of(c, 1, std::nullopt));  // no capacity: never over
    w.leaders[1].months[0].minutes = 5000;
    w.leaders.push_back(row_of(c, 2, 600));
    w.leaders[2].months[4].minutes = 601;

    const std::vector<CapacityExcess> over = capacity_excesses(w);
    REQUIRE(over.size() == 2);
    CHECK(over[0].row == &w.leaders[0]);
    CHECK(over[0].months == std::vector<int>{2, 5});
    CHECK(over[0].peak == 5);
    CHECK(over[1].row == &w.leaders[2]);
    CHECK(over[1].months == std::vector<int>{4});

    const std::vector<std::string> warnings = capacity_warnings(w);
    REQUIRE(warnings.size() == 2);
    CHECK(warnings[0] ==
          "Anne Holm (ahl) has more than the capacity of 10 hours planned in March, June (at "
          "most 15 hours, in June)");
    CHECK(warnings[1] ==
          "Carl Juhl (cj) has more than the capacity of 10 hours planned in May (at most 10.02 "
          "hours, in May)");
}
