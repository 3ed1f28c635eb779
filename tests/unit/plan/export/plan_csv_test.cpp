// Unit tests for src/plan/export/plan_csv.cpp beyond the goldens: a plan of many areas, with texts
// that need quoting, has its header once and then one record per occurrence, in the plan's order,
// in either dialect.

#include <doctest/doctest.h>

#include "large_rules.h"
#include "plan/export/plan_formats.h"
#include "plan/plan.h"

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

// The records of a CSV text whose fields hold no line breaks (large_rules' do not).
std::vector<std::string_view> records(std::string_view text) {
    std::vector<std::string_view> out;
    for (std::size_t end = text.find("\r\n"); end != std::string_view::npos;
         end = text.find("\r\n")) {
        out.push_back(text.substr(0, end));
        text.remove_prefix(end + 2);
    }
    CHECK(text.empty());  // the last record ends with CRLF too
    return out;
}

}  // namespace

TEST_CASE("plan_csv: a plan of many areas has a record per occurrence, in order") {
    const tilsyn::Rules rules = tilsyn::test::large_rules(150);
    const tilsyn::Plan plan = tilsyn::test::plan_2027(rules);
    for (const auto dialect : {tilsyn::CsvDialect::rfc4180, tilsyn::CsvDialect::excel_da}) {
        const bool excel = dialect == tilsyn::CsvDialect::excel_da;
        INFO("dialect: " << (excel ? "excel-da" : "rfc4180"));
        std::ostringstream out;
        tilsyn::write_plan_csv(out, plan, rules, dialect);
        std::string_view text = out.view();
        const std::string_view bom = "\xEF\xBB\xBF";
        CHECK(text.starts_with(bom) == excel);
        if (excel) text.remove_prefix(bom.size());
        const std::vector<std::string_view> lines = records(text);
        REQUIRE(lines.size() == plan.occurrences.size() + 1);
        CHECK(lines[0].starts_with(excel ? "uid;center_id;center;" : "uid,center_id,center,"));
        const char separator = excel ? ';' : ',';
        for (std::size_t i = 0; i < plan.occurrences.size(); ++i) {
            INFO("occurrence " << i);
            const tilsyn::Occurrence& o = plan.occurrences[i];
            REQUIRE(lines[i + 1].starts_with(o.uid(rules.policy.uid_domain) + separator));
            // The area's name, quoted where it holds the separator (", med komma").
            const bool quoted = o.area->name.find(separator) != std::string::npos;
            REQUIRE(lines[i + 1].find(separator +
                                      (quoted ? "\"" + o.area->name + "\"" : o.area->name) +
                                      separator) != std::string_view::npos);
        }
    }
}
