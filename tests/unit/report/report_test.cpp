// Unit tests for the report's pieces: escaping (html_text), SVG numbers, the workload figures
// and, through write_report_html, that register text is escaped and the output deterministic.
// Rules are a small register written to a temporary directory; there is no log.

#include <doctest/doctest.h>

#include "large_rules.h"
#include "review_support.h"
#include "test_support.h"

#include "report/html_text.h"
#include "report/report_html.h"
#include "report/report_svg.h"
#include "rules/rules_loader.h"
#include "workload/workload.h"

#include <sstream>
#include <string>

namespace {

using tilsyn::Date;
using tilsyn::test::TempDir;

// One center, two leaders; red (monthly), yellow (quarterly) and green (half-yearly) areas.
// Names hold markup characters on purpose.
constexpr const char* register_toml = R"(
id = "bu"
name = "Børn & unge <18>"
[[leaders]]
id = "aa"
name = "Anna \"A\" Andersen"
email = "aa@test.example"
[[leaders]]
id = "bb"
name = "Bent Berg"
email = "bb@test.example"
[[areas]]
id = "bu-rod"
name = "Rød <script>alert(1)</script>"
kind = "målgruppe"
leader = "aa"
focus = "F"
  [[areas.assessments]]
  date = 2026-10-01
  sagsbehandling = { likelihood = 5, consequence = 4 }
  statsrefusion = { likelihood = 1, consequence = 1 }
  reason = "R & D"
[[areas]]
id = "bu-gul"
name = "Gul"
kind = "ydelsestype"
leader = "bb"
focus = "F"
  [[areas.assessments]]
  date = 2026-10-01
  sagsbehandling = { likelihood = 2, consequence = 4 }
  statsrefusion = { likelihood = 1, consequence = 1 }
  reason = "R"
[[areas]]
id = "bu-groen"
name = "Grøn"
kind = "ydelsestype"
leader = "bb"
focus = "F"
  [[areas.assessments]]
  date = 2026-10-01
  sagsbehandling = { likelihood = 1, consequence = 1 }
  statsrefusion = { likelihood = 1, consequence = 2 }
  reason = "R"
)";

struct Fixture {
    TempDir dir{"tilsyn-report"};
    tilsyn::Rules rules;
    Fixture() {
        dir.write("center.toml", register_toml);
        rules = tilsyn::load_rules(dir.path.string());
    }
    tilsyn::test::ReviewOf review(Date today, const tilsyn::PlanFilter& filter = {}) const {
        const tilsyn::WorkCalendar calendar(rules.policy.closing_days);
        return tilsyn::test::review_of(rules, calendar, nullptr, 2027, today, filter);
    }
};

std::string report(const Fixture& f, Date today) {
    std::ostringstream out;
    tilsyn::write_report_html(out, *f.review(today), f.rules, {today, std::nullopt, 0});
    return out.str();
}

std::size_t count(const std::string& s, const std::string& what) {
    std::size_t n = 0;
    for (auto at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
    return n;
}

}  // namespace

TEST_CASE("html_escape: the five markup characters, and nothing else") {
    CHECK(tilsyn::html_escape("a & b <c> \"d\" 'e'") ==
          "a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;");
    CHECK(tilsyn::html_escape("Børn § 27") == "Børn § 27");
    CHECK(tilsyn::html_escape("") == "");
}

TEST_CASE("svg_number: one decimal, no trailing .0, never -0") {
    CHECK(tilsyn::svg_number(12.0) == "12");
    CHECK(tilsyn::svg_number(2.06) == "2.1");
    CHECK(tilsyn::svg_number(-0.01) == "0");
    CHECK(tilsyn::svg_number(-3.25) == "-3.2");
}

TEST_CASE("workload: supervisions per leader per month, leveled month, with sums") {
    const Fixture f;
    const auto review = f.review(Date(2027, 4, 15));
    const tilsyn::Workload w = tilsyn::review_workload(*review, f.rules.policy);
    CHECK(w.leveled);
    CHECK_FALSE(w.hours);
    REQUIRE(w.leaders.size() == 2);
    CHECK(w.leaders[0].leader->id == "aa");
    CHECK(w.leaders[0].year.supervisions == 12);  // red: monthly
    for (const auto& m : w.leaders[0].months) CHECK(m.supervisions == 1);
    CHECK(w.leaders[1].leader->id == "bb");
    CHECK(w.leaders[1].year.supervisions == 6);  // yellow 4 + green 2
    // Leveled: Q1 in January, so H1 goes to the lightest month of its half, February.
    CHECK(w.leaders[1].months[0].supervisions == 1);
    CHECK(w.leaders[1].months[1].supervisions == 1);
    CHECK(w.leaders[1].months[2].supervisions == 0);
    CHECK(w.leaders[1].months[6].supervisions == 1);  // July: Q3
    CHECK(w.leaders[1].months[7].supervisions == 1);  // August: H2
    REQUIRE(w.centers.size() == 1);
    CHECK(w.centers[0].year.supervisions == 18);
    CHECK(w.total.year.supervisions == 18);
    CHECK(w.total.months[0].supervisions == 2);
    CHECK(static_cast<int>(review->occurrences.size()) == w.total.year.supervisions);
}

TEST_CASE("workload: a leader filter keeps that leader's row only") {
    const Fixture f;
    tilsyn::PlanFilter filter;
    filter.leader = "bb";
    const tilsyn::Workload w =
        tilsyn::review_workload(*f.review(Date(2027, 4, 15), filter), f.rules.policy);
    REQUIRE(w.leaders.size() == 1);
    CHECK(w.leaders[0].leader->id == "bb");
    CHECK(w.total.year.supervisions == 6);
}

TEST_CASE("report: register text is escaped everywhere, and no URL or script gets in") {
    const Fixture f;
    const std::string html = report(f, Date(2027, 4, 15));
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("http") == std::string::npos);
    CHECK(html.find("Rød &lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("Børn &amp; unge &lt;18&gt;") != std::string::npos);
    CHECK(html.find("Anna &quot;A&quot; Andersen") != std::string::npos);
    CHECK(html.find("<18>") == std::string::npos);
}

TEST_CASE("report: one wheel mark per occurrence; statuses as of the day; the same bytes twice") {
    const Fixture f;
    const std::string html = report(f, Date(2027, 4, 15));
    CHECK(count(html, "class=\"mark\"") == 18);
    // Nothing recorded: every period due before 15 April is missing (January-March for the
    // red area, Q1 for the yellow), the rest pending.
    CHECK(count(html, "data-status=\"missing\"") == 4);
    CHECK(count(html, "data-status=\"pending\"") == 14);
    CHECK(count(html, "class=\"heat-area\"") == 6);  // 3 areas x 2 axes
    CHECK(html.starts_with("<!DOCTYPE html>\n<html lang=\"da\">"));
    CHECK(html == report(f, Date(2027, 4, 15)));
}

TEST_CASE("report: 60 areas get several wheels, none over its capacity, every mark once") {
    const tilsyn::Rules rules = tilsyn::test::large_rules(30);
    const tilsyn::WorkCalendar calendar(rules.policy.closing_days);
    const auto review = tilsyn::test::review_of(rules, calendar, nullptr, 2027, Date(2027, 6, 15));
    std::ostringstream out;
    tilsyn::write_report_html(out, *review, rules, {Date(2027, 6, 15), std::nullopt, 0});
    const std::string html = out.str();
    const auto cap = static_cast<std::size_t>(tilsyn::wheel_track_capacity());
    const std::size_t wheels = count(html, "<svg class=\"wheel\"");
    CHECK(wheels >= (60 + cap - 1) / cap);
    CHECK(count(html, "class=\"mark\"") == review->occurrences.size());
    CHECK(count(html, "<text class=\"track\"") == 60);
    CHECK(count(html, "<figure class=\"wheel-page\">") == wheels);
}
