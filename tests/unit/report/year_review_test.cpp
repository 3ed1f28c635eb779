// Unit tests for src/report/year_review.{h,cpp}: the plan set against a real Store. An occurrence
// is on time when performed on or before its due date (the due date itself included), late when
// performed after it, missing when its due date is before today and nothing fulfils it, and
// pending while its due date is today or later. Ad hoc supervisions count in the measurement
// points but fulfil nothing; withdrawn supervisions (and their findings) count nowhere; a
// decision taken mid-year changes the cadence from the next period; the rates count only what
// is due; a year before every assessment has no plan.

#include <doctest/doctest.h>

#include "review_support.h"
#include "test_support.h"

#include "base/error.h"
#include "log/store.h"
#include "report/year_review.h"
#include "report/year_review_csv.h"
#include "rules/work_calendar.h"

#include <algorithm>
#include <limits>
#include <string>
#include <vector>

namespace {

using namespace tilsyn;
using tilsyn::test::TempDir;

using tilsyn::test::ymd;

constexpr AxisScore green_score{1, 2};   // 2
constexpr AxisScore yellow_score{2, 3};  // 6
constexpr AxisScore red_score{3, 5};     // 15

Area make_area(std::string id, AxisScore score, std::size_t leader,
               Date assessed = ymd(2026, 10, 1)) {
    Area a;
    a.id = std::move(id);
    a.name = a.id;
    a.leader = leader;
    a.focus = "fokus";
    Assessment as;
    as.date = assessed;
    as.sagsbehandling = score;
    as.statsrefusion = green_score;
    as.reason = "registret";
    a.assessments.push_back(as);
    return a;
}

/// Center "bc": a red area (leader ahl), a yellow and a green one (leader bsn); center "jc":
/// one yellow area (leader kp).
Rules make_rules() {
    Rules rules;
    rules.dir = "regler";
    Center bc;
    bc.id = "bc";
    bc.name = "Borgercenter";
    bc.source = "regler/bc.toml";
    bc.leaders.push_back({"ahl", "Anne Holm", "ahl@test.example", {}});
    bc.leaders.push_back({"bsn", "Bo Søndergaard", "bsn@test.example", {}});
    bc.areas.push_back(make_area("bc-red", red_score, 0));
    bc.areas.push_back(make_area("bc-yellow", yellow_score, 1));
    bc.areas.push_back(make_area("bc-green", green_score, 1));
    rules.centers.push_back(std::move(bc));
    Center jc;
    jc.id = "jc";
    jc.name = "Jobcenter";
    jc.source = "regler/jc.toml";
    jc.leaders.push_back({"kp", "Karen Pedersen", "kp@test.example", {}});
    jc.areas.push_back(make_area("jc-yellow", yellow_score, 0));
    rules.centers.push_back(std::move(jc));
    return rules;
}

const char* center_of(const std::string& area) {
    return area.starts_with("jc") ? "jc" : "bc";
}

/// A findings log in a throw-away directory.
struct Log {
    TempDir dir{"tilsyn-review"};
    Store store{(dir.path / "tilsyn.db").string(), Store::Mode::create};

    std::int64_t supervise(const std::string& area, Date performed,
                           std::optional<std::string> occurrence, std::int64_t cases = 10,
                           std::int64_t errors_s = 0, std::int64_t errors_r = 0,
                           std::vector<FindingEntry> findings = {}) {
        std::int64_t seq = 0;
        tilsyn::test::write(store, "2028-01-10T12:00:00Z", [&](Store::Writer& w) {
            SupervisionEntry s;
            s.area = area;
            s.center = center_of(area);
            s.leader = "ahl";
            s.performed = performed;
            s.occurrence = std::move(occurrence);
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

    /// A supervision of `area` for `occurrence` recorded at `recorded_at`, maybe imported.
    std::int64_t supervise_at(const std::string& area, Date performed, std::string occurrence,
                              const std::string& recorded_at, bool imported = false) {
        std::int64_t seq = 0;
        tilsyn::test::write(store, recorded_at, [&](Store::Writer& w) {
            SupervisionEntry s;
            s.area = area;
            s.center = center_of(area);
            s.leader = "ahl";
            s.performed = performed;
            s.occurrence = std::move(occurrence);
            s.cases = 10;
            seq = w.append(s, imported);
        });
        return seq;
    }

    std::int64_t decide(const std::string& area, Date day, Verdict verdict, Colour from,
                        Colour to) {
        std::int64_t seq = 0;
        tilsyn::test::write(store, "2028-01-10T12:00:00Z", [&](Store::Writer& w) {
            DecisionEntry d;
            d.area = area;
            d.decided = day;
            d.verdict = verdict;
            d.from = from;
            d.to = to;
            d.rule = verdict == Verdict::set ? "manual" : "error-rate";
            d.reason = "besluttet";
            d.by = "Chef";
            seq = w.append(d);
        });
        return seq;
    }

    std::int64_t withdraw(std::int64_t target, Date day) {
        std::int64_t seq = 0;
        tilsyn::test::write(store, "2028-01-10T12:00:00Z", [&](Store::Writer& w) {
            seq = w.append(CorrectionEntry{target, day, "fejl"});
        });
        return seq;
    }
};

FindingEntry finding(Axis axis, Severity severity, std::optional<std::int64_t> ore) {
    FindingEntry f;
    f.case_ref = "2027-000001";
    f.axis = axis;
    f.category = "kategori";
    f.severity = severity;
    f.amount_ore = ore;
    f.description = "beskrivelse";
    return f;
}

const ReviewedOccurrence& occurrence(const YearReview& r, const std::string& area,
                                     const std::string& period) {
    const auto found =
        std::find_if(r.occurrences.begin(), r.occurrences.end(), [&](const ReviewedOccurrence& o) {
            return o.occurrence->area->id == area && o.occurrence->period_code() == period;
        });
    REQUIRE_MESSAGE(found != r.occurrences.end(), area << " " << period << " is not in the plan");
    return *found;
}

const AreaMeasures& measures(const YearReview& r, const std::string& area) {
    const auto found = std::find_if(r.areas.begin(), r.areas.end(),
                                    [&](const AreaMeasures& m) { return m.area->id == area; });
    REQUIRE(found != r.areas.end());
    return *found;
}

std::vector<std::string> periods_of(const YearReview& r, const std::string& area) {
    std::vector<std::string> out;
    for (const ReviewedOccurrence& o : r.occurrences)
        if (o.occurrence->area->id == area) out.push_back(o.occurrence->period_code());
    return out;
}

const WorkCalendar calendar;

}  // namespace

TEST_CASE(
    "year_review: on time up to and including the due date, late the day after, pending while due "
    "today") {
    const Rules rules = make_rules();
    Log log;
    // 2027-M01 is due Friday 29 January, 2027-M02 Friday 26 February, 2027-M03 Wednesday 31 March.
    const auto on_due_day = log.supervise("bc-red", ymd(2027, 1, 29), "2027-M01");
    const auto day_after = log.supervise("bc-red", ymd(2027, 3, 1), "2027-M02");

    const auto r = tilsyn::test::review_of(rules, calendar, &log.store, 2027, ymd(2027, 3, 31));
    const ReviewedOccurrence& m01 = occurrence(*r, "bc-red", "2027-M01");
    CHECK(m01.occurrence->due == ymd(2027, 1, 29));
    CHECK(m01.status == Timeliness::on_time);
    CHECK(m01.supervision == on_due_day);
    CHECK(m01.performed == ymd(2027, 1, 29));
    const ReviewedOccurrence& m02 = occurrence(*r, "bc-red", "2027-M02");
    CHECK(m02.occurrence->due == ymd(2027, 2, 26));
    CHECK(m02.status == Timeliness::late);
    CHECK(m02.supervision == day_after);
    // Due today: not yet missing.
    const ReviewedOccurrence& m03 = occurrence(*r, "bc-red", "2027-M03");
    CHECK(m03.occurrence->due == ymd(2027, 3, 31));
    CHECK(m03.status == Timeliness::pending);
    CHECK_FALSE(m03.supervision);
    CHECK(occurrence(*r, "bc-yellow", "2027-Q1").status == Timeliness::pending);

    // Rates count only what is due: one on time of two due, the rest pending.
    const AreaMeasures& red = measures(*r, "bc-red");
    CHECK(red.timeliness.on_time == 1);
    CHECK(red.timeliness.late == 1);
    CHECK(red.timeliness.missing == 0);
    CHECK(red.timeliness.pending == 10);
    CHECK(red.timeliness.due() == 2);
    CHECK(red.timeliness.on_time_permille() == 500);
    CHECK(r->by_leader.at("bc/ahl").on_time_permille() == 500);
    CHECK(r->by_leader.at("bc/bsn").due() == 0);
    CHECK_FALSE(r->by_leader.at("bc/bsn").on_time_permille());
    CHECK(r->by_center.at("bc").planned() == 12 + 4 + 2);
    CHECK(r->by_center.at("jc").planned() == 4);
    CHECK(r->total.planned() == 22);
    CHECK(r->total.on_time_permille() == 500);

    SUBCASE("the day after the due date, nothing recorded is missing") {
        const auto next =
            tilsyn::test::review_of(rules, calendar, &log.store, 2027, ymd(2027, 4, 1));
        CHECK(occurrence(*next, "bc-red", "2027-M03").status == Timeliness::missing);
        CHECK(occurrence(*next, "bc-yellow", "2027-Q1").status == Timeliness::missing);
        CHECK(occurrence(*next, "bc-red", "2027-M04").status == Timeliness::pending);
        CHECK(next->total.due() == 5);  // M01-M03, bc-yellow and jc-yellow Q1
        CHECK(next->total.on_time_permille() == 200);
        CHECK(next->by_center.at("jc").missing == 1);
    }
}

TEST_CASE("year_review: ad hoc supervisions count in the measures but fulfil nothing") {
    const Rules rules = make_rules();
    Log log;
    log.supervise("bc-red", ymd(2027, 2, 10), std::nullopt, 8, 2, 1,
                  {finding(Axis::statsrefusion, Severity::vaesentlig, 1250050),
                   finding(Axis::sagsbehandling, Severity::mindre, 30000),
                   finding(Axis::sagsbehandling, Severity::mindre, std::nullopt)});
    log.supervise("bc-red", ymd(2027, 1, 12), "2027-M01", 4, 1, 0);

    const auto r = tilsyn::test::review_of(rules, calendar, &log.store, 2027, ymd(2027, 3, 1));
    CHECK(occurrence(*r, "bc-red", "2027-M01").status == Timeliness::on_time);
    CHECK(occurrence(*r, "bc-red", "2027-M02").status == Timeliness::missing);
    const AreaMeasures& red = measures(*r, "bc-red");
    CHECK(red.supervisions == 2);
    CHECK(red.ad_hoc == 1);
    CHECK(red.cases == 12);
    CHECK(red.errors_sagsbehandling == 3);
    CHECK(red.errors_statsrefusion == 1);
    CHECK(red.findings == 3);
    CHECK(red.material_findings == 1);
    CHECK(red.amount_statsrefusion_ore == 1250050);
    CHECK(red.amount_sagsbehandling_ore == 30000);
    CHECK(rate_permille(red.errors_sagsbehandling, red.cases) == 250);
    CHECK(rate_permille(red.errors_statsrefusion, red.cases) == 83);  // 83.33 per mille
    CHECK(measures(*r, "bc-yellow").supervisions == 0);
    CHECK_FALSE(rate_permille(0, 0));
}

TEST_CASE("year_review: a withdrawn supervision fulfils nothing and its findings count nowhere") {
    const Rules rules = make_rules();
    Log log;
    const auto wrong = log.supervise("bc-red", ymd(2027, 1, 12), "2027-M01", 10, 5, 0,
                                     {finding(Axis::sagsbehandling, Severity::vaesentlig, 50000)});
    log.withdraw(wrong, ymd(2027, 1, 13));

    const auto r = tilsyn::test::review_of(rules, calendar, &log.store, 2027, ymd(2027, 2, 1));
    CHECK(occurrence(*r, "bc-red", "2027-M01").status == Timeliness::missing);
    const AreaMeasures& red = measures(*r, "bc-red");
    CHECK(red.supervisions == 0);
    CHECK(red.cases == 0);
    CHECK(red.findings == 0);
    CHECK(red.material_findings == 0);
    CHECK(red.amount_sagsbehandling_ore == 0);

    SUBCASE("recorded again, the occurrence is fulfilled by the new entry") {
        const auto again = log.supervise("bc-red", ymd(2027, 1, 14), "2027-M01");
        const auto r2 = tilsyn::test::review_of(rules, calendar, &log.store, 2027, ymd(2027, 2, 1));
        CHECK(occurrence(*r2, "bc-red", "2027-M01").status == Timeliness::on_time);
        CHECK(occurrence(*r2, "bc-red", "2027-M01").supervision == again);
        CHECK(measures(*r2, "bc-red").supervisions == 1);
    }
}

TEST_CASE("year_review: a decision mid-year changes the cadence from the next period") {
    const Rules rules = make_rules();
    Log log;
    log.supervise("bc-yellow", ymd(2027, 2, 3), "2027-Q1", 8, 3, 0);
    const auto accepted =
        log.decide("bc-yellow", ymd(2027, 3, 15), Verdict::accept, Colour::yellow, Colour::red);
    const auto rejected =
        log.decide("bc-green", ymd(2027, 5, 3), Verdict::reject, Colour::green, Colour::yellow);
    const auto withdrawn =
        log.decide("bc-green", ymd(2027, 6, 1), Verdict::set, Colour::green, Colour::red);
    log.withdraw(withdrawn, ymd(2027, 6, 2));
    log.decide("bc-red", ymd(2026, 12, 1), Verdict::reject, Colour::red,
               Colour::yellow);  // last year
    log.supervise("bc-yellow", ymd(2027, 4, 30), "2027-M04");

    const auto r = tilsyn::test::review_of(rules, calendar, &log.store, 2027, ymd(2028, 1, 10));
    // Q1 had started when the decision was taken; monthly from April.
    CHECK(periods_of(*r, "bc-yellow") ==
          std::vector<std::string>{"2027-Q1", "2027-M04", "2027-M05", "2027-M06", "2027-M07",
                                   "2027-M08", "2027-M09", "2027-M10", "2027-M11", "2027-M12"});
    CHECK(occurrence(*r, "bc-yellow", "2027-Q1").occurrence->rating().colour == Colour::yellow);
    CHECK(occurrence(*r, "bc-yellow", "2027-M04").occurrence->rating().colour == Colour::red);
    CHECK(occurrence(*r, "bc-yellow", "2027-Q1").status == Timeliness::on_time);
    CHECK(occurrence(*r, "bc-yellow", "2027-M04").status == Timeliness::on_time);
    CHECK(occurrence(*r, "bc-yellow", "2027-M05").status == Timeliness::missing);
    const AreaMeasures& yellow = measures(*r, "bc-yellow");
    CHECK(yellow.colour_start == Colour::yellow);
    CHECK(yellow.colour_end == Colour::red);
    CHECK(yellow.timeliness.planned() == 10);
    // The withdrawn decision changes nothing.
    CHECK(periods_of(*r, "bc-green") == std::vector<std::string>{"2027-H1", "2027-H2"});
    CHECK(measures(*r, "bc-green").colour_end == Colour::green);

    // The year's decisions in log order, withdrawn ones marked; last year's left out.
    REQUIRE(r->decisions_in_year.size() == 3);
    CHECK(r->decisions_in_year[0].seq == accepted);
    CHECK_FALSE(r->decisions_in_year[0].withdrawn);
    CHECK(r->decisions_in_year[1].seq == rejected);
    CHECK_FALSE(r->decisions_in_year[1].withdrawn);
    CHECK(r->decisions_in_year[2].seq == withdrawn);
    CHECK(r->decisions_in_year[2].withdrawn);

    SUBCASE("as of a day before the year ends, the colour at the end is today's") {
        const auto mid =
            tilsyn::test::review_of(rules, calendar, &log.store, 2027, ymd(2027, 3, 14));
        CHECK(measures(*mid, "bc-yellow").colour_end == Colour::yellow);
    }
}

TEST_CASE("year_review: the center filter keeps its areas only") {
    const Rules rules = make_rules();
    Log log;
    log.supervise("bc-red", ymd(2027, 1, 12), "2027-M01");
    PlanFilter filter;
    filter.center = "jc";
    const auto r =
        tilsyn::test::review_of(rules, calendar, &log.store, 2027, ymd(2027, 12, 31), filter);
    REQUIRE(r->areas.size() == 1);
    CHECK(r->areas[0].area->id == "jc-yellow");
    CHECK(r->total.planned() == 4);
    CHECK(r->by_center.count("bc") == 0);
    CHECK(r->areas[0].supervisions == 0);

    filter.center = "nowhere";
    CHECK_THROWS_AS(
        tilsyn::test::review_of(rules, calendar, &log.store, 2027, ymd(2027, 12, 31), filter),
        InputError);
}

TEST_CASE("year_review: without a log everything past due is missing") {
    const Rules rules = make_rules();
    const auto r = tilsyn::test::review_of(rules, calendar, nullptr, 2027, ymd(2027, 7, 1));
    CHECK(r->total.on_time == 0);
    CHECK(r->total.missing == 6 + 2 + 1 + 2);  // M01-M06, Q1-Q2 twice, H1
    CHECK(r->total.on_time_permille() == 0);
    CHECK(r->decisions_in_year.empty());
}

TEST_CASE("year_review: a year before every assessment has no plan") {
    const Rules rules = make_rules();
    try {
        (void)tilsyn::test::review_of(rules, calendar, nullptr, 2020, ymd(2027, 3, 1));
        FAIL("expected an InputError");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()) ==
              "there is no plan for 2020: the earliest assessment in the register is dated "
              "2026-10-01 (regler/bc.toml)");
    }
    // The year the first assessment falls in has a plan.
    CHECK_NOTHROW((void)tilsyn::test::review_of(rules, calendar, nullptr, 2026, ymd(2027, 3, 1)));
}

TEST_CASE("year_review: per mille as text and as a plain percentage") {
    CHECK(permille_text(125) == "12,5 %");
    CHECK(permille_text(1000) == "100,0 %");
    CHECK(permille_text(std::nullopt) == "-");
    CHECK(percent_plain(875) == "87.5");
    CHECK(percent_plain(5) == "0.5");
    CHECK(percent_plain(std::nullopt) == "");
    CHECK(rate_permille(1, 8) == 125);
    CHECK(rate_permille(1, 3) == 333);
    CHECK(rate_permille(2, 3) == 667);  // rounded half up
    TimelinessCount t;
    t.add(Timeliness::on_time);
    t.add(Timeliness::on_time);
    t.add(Timeliness::late);
    t.add(Timeliness::pending);
    CHECK(t.planned() == 4);
    CHECK(t.due() == 3);
    CHECK(t.on_time_permille() == 667);
}

TEST_CASE("Measures::add: figures from an old log are summed held at their limit, signs dropped") {
    constexpr std::int64_t max64 = std::numeric_limits<std::int64_t>::max();
    Measures total;
    Measures huge;
    huge.cases = max64;
    huge.errors_sagsbehandling = max64;
    huge.amount_statsrefusion_ore = max64;
    total.add(huge);
    total.add(huge);
    CHECK(total.cases == max64);
    CHECK(total.errors_sagsbehandling == max64);
    CHECK(total.amount_statsrefusion_ore == max64);
}

TEST_CASE("year_review: too little paid adds to the amount as too much paid does") {
    const Rules rules = make_rules();
    Log log;
    log.supervise("bc-red", ymd(2027, 1, 12), "2027-M01", 4, 2, 0,
                  {finding(Axis::sagsbehandling, Severity::mindre, 30000),
                   finding(Axis::sagsbehandling, Severity::mindre, -120000)});
    const auto r = tilsyn::test::review_of(rules, calendar, &log.store, 2027, ymd(2027, 3, 1));
    CHECK(measures(*r, "bc-red").amount_sagsbehandling_ore == 150000);
}

TEST_CASE("year_review: a late registration is flagged and counted, and leaves the status be") {
    Rules rules = make_rules();
    Log log;
    // Tuesday 12 January, recorded Tuesday 19 January: 5 working days, the default limit.
    log.supervise_at("bc-red", ymd(2027, 1, 12), "2027-M01", "2027-01-19T10:00:00Z");
    // Wednesday 10 February, recorded Thursday 18 February: 6 working days, late.
    log.supervise_at("bc-red", ymd(2027, 2, 10), "2027-M02", "2027-02-18T10:00:00Z");
    // After the due date (31 March), recorded the same evening: late, registered on time.
    log.supervise_at("bc-red", ymd(2027, 4, 5), "2027-M03", "2027-04-05T21:30:00Z");
    // Imported in December: never late.
    log.supervise_at("bc-red", ymd(2027, 4, 12), "2027-M04", "2027-12-01T09:00:00Z", true);

    const auto r = tilsyn::test::review_of(rules, calendar, &log.store, 2027, ymd(2027, 12, 2));
    CHECK(r->register_within == 5);
    const ReviewedOccurrence& jan = occurrence(*r, "bc-red", "2027-M01");
    REQUIRE(jan.registration);
    CHECK(jan.status == Timeliness::on_time);
    CHECK(jan.registration->recorded == ymd(2027, 1, 19));
    CHECK(jan.registration->working_days == 5);
    CHECK(jan.registration->status == RegistrationStatus::timely);
    const ReviewedOccurrence& feb = occurrence(*r, "bc-red", "2027-M02");
    REQUIRE(feb.registration);
    CHECK(feb.status == Timeliness::on_time);  // done on time, only written down late
    CHECK(feb.registration->working_days == 6);
    CHECK(feb.registration->status == RegistrationStatus::late);
    const ReviewedOccurrence& mar = occurrence(*r, "bc-red", "2027-M03");
    REQUIRE(mar.registration);
    CHECK(mar.status == Timeliness::late);
    CHECK(mar.registration->status == RegistrationStatus::timely);
    const ReviewedOccurrence& apr = occurrence(*r, "bc-red", "2027-M04");
    REQUIRE(apr.registration);
    CHECK(apr.registration->status == RegistrationStatus::imported);
    CHECK_FALSE(apr.registration->working_days);
    CHECK_FALSE(occurrence(*r, "bc-red", "2027-M05").registration);

    const TimelinessCount& red = measures(*r, "bc-red").timeliness;
    CHECK(red.on_time == 3);
    CHECK(red.late == 1);
    CHECK(red.registered_late == 1);
    CHECK(red.imported == 1);
    CHECK(r->total.registered_late == 1);
    CHECK(r->total.imported == 1);
    CHECK(r->by_leader.at("bc/ahl").registered_late == 1);
    CHECK(r->by_center.at("bc").imported == 1);

    // A stricter policy: recorded on a later working day at all is late.
    rules.policy.timeliness.register_within = 0;
    const auto strict =
        tilsyn::test::review_of(rules, calendar, &log.store, 2027, ymd(2027, 12, 2));
    CHECK(strict->total.registered_late == 2);
    CHECK(occurrence(*strict, "bc-red", "2027-M04").registration->status ==
          RegistrationStatus::imported);
}
