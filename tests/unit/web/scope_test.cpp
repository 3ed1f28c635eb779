#include "web/scope.h"

#include "log/planning_inputs.h"

#include <doctest/doctest.h>

#include <algorithm>

using namespace tilsyn;

namespace {

const Inputs& bundled() {
    static const Inputs in = load_inputs(TILSYN_SOURCE_DIR "/rules", nullptr);
    return in;
}

User user(Role role, std::string email = {}, std::vector<std::string> centers = {}) {
    User u;
    u.login = "x";
    u.name = "X";
    u.role = role;
    u.email = std::move(email);
    u.centers = std::move(centers);
    return u;
}

}  // namespace

TEST_CASE("a leader sees the areas whose leader has their e-mail, in any letter case") {
    const Rules& rules = bundled().rules;
    const Scope s = Scope::of(user(Role::leder, "AKB@Lejre.example"), rules);
    int seen = 0;
    for (const Center& c : rules.centers)
        for (const Area& a : c.areas) {
            const bool own = c.leader_of(a).email == "akb@lejre.example";
            CHECK(s.sees(c, a) == own);
            seen += own;
        }
    CHECK(seen > 0);
    CHECK_FALSE(s.everything());
    const PlanFilter f = s.filter(rules);
    CHECK(f.leader == std::optional<std::string>("akb@lejre.example"));

    Plan plan = leveled_plan(bundled(), 2027, {});
    const std::size_t all = plan.occurrences.size();
    s.keep(plan);
    CHECK(!plan.occurrences.empty());
    CHECK(plan.occurrences.size() < all);
    CHECK(std::all_of(plan.occurrences.begin(), plan.occurrences.end(),
                      [](const Occurrence& o) { return o.leader().email == "akb@lejre.example"; }));
}

TEST_CASE("a center manager sees their centers, the auditor all, the administrator nothing") {
    const Rules& rules = bundled().rules;
    const Scope chef = Scope::of(user(Role::centerchef, {}, {"jc"}), rules);
    for (const Center& c : rules.centers) CHECK(chef.sees(c) == (c.id == "jc"));
    CHECK(chef.centers(rules).size() == 1);

    const Scope auditor = Scope::of(user(Role::revisor), rules);
    CHECK(auditor.everything());
    CHECK(auditor.centers(rules).size() == rules.centers.size());

    const Scope admin = Scope::of(user(Role::admin, "kdo@lejre.example"), rules);
    CHECK(admin.nothing());
    CHECK(admin.centers(rules).empty());
    for (const Center& c : rules.centers) CHECK_FALSE(admin.sees(c));
}
