// Unit tests for src/rules/policy.{h,cpp}: the [timeliness] table (its default, its value and
// its range, reported at file:line:col). The other tables are covered by the goldens and the
// bad-input corpus.

#include <doctest/doctest.h>

#include "rules/diagnostics.h"
#include "rules/policy.h"

#include <string>

namespace {

struct Read {
    tilsyn::Policy policy;
    tilsyn::Diagnostics diags;
};

Read read(const std::string& text) {
    Read r;
    r.policy = tilsyn::read_policy("policy.toml", text, r.diags);
    return r;
}

std::string first_problem(const tilsyn::Diagnostics& diags) {
    if (diags.empty()) return "";
    const auto& d = diags.items().front();
    return d.place.file + ":" + std::to_string(d.place.line) + ":" +
           std::to_string(d.place.column) + ": " + d.message;
}

}  // namespace

TEST_CASE("policy: [timeliness] register_within defaults to 5 working days") {
    const Read r = read("");
    CHECK(r.diags.empty());
    CHECK(r.policy.timeliness.register_within == 5);
}

TEST_CASE("policy: [timeliness] register_within takes 0 to 60 working days") {
    CHECK(read("[timeliness]\nregister_within = 0\n").policy.timeliness.register_within == 0);
    CHECK(read("[timeliness]\nregister_within = 10\n").policy.timeliness.register_within == 10);
    CHECK(read("[timeliness]\nregister_within = 60\n").policy.timeliness.register_within == 60);
}

TEST_CASE("policy: [timeliness] register_within out of range or of the wrong type is refused") {
    {
        const Read r = read("[timeliness]\nregister_within = 61\n");
        CHECK(first_problem(r.diags) ==
              "policy.toml:2:19: 'register_within' must be a whole number from 0 to 60, got 61");
        CHECK(r.policy.timeliness.register_within == 5);
    }
    {
        const Read r = read("[timeliness]\nregister_within = -1\n");
        CHECK(first_problem(r.diags) ==
              "policy.toml:2:19: 'register_within' must be a whole number from 0 to 60, got -1");
    }
    {
        const Read r = read("[timeliness]\nregister_within = \"5\"\n");
        CHECK(first_problem(r.diags) ==
              "policy.toml:2:19: 'register_within' must be a whole number from 0 to 60, not a "
              "string");
    }
    {
        const Read r = read("[timeliness]\nregister_within = 5\nlate = true\n");
        CHECK(
            first_problem(r.diags).starts_with("policy.toml:3:1: unknown key 'late' in "
                                               "[timeliness]"));
    }
}
