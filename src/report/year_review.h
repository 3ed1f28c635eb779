#pragma once
// A year looked back on: the plan (with the log's decisions) set against what the log says
// was done. Every planned occurrence is on time, late, missing or not yet due; every area
// gets its measurement points (cases, error rates, material findings, amounts). The auditor's
// pack and the HTML report are both written from this one analysis.

#include "log/log_entry.h"
#include "log/registration.h"
#include "plan/plan.h"
#include "rules/rules_loader.h"
#include "workload/workload.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tilsyn {

class Store;

enum class Timeliness {
    on_time,  ///< performed on or before the due date   (rettidig)
    late,     ///< performed after the due date           (forsinket)
    missing,  ///< due date passed, nothing recorded      (mangler)
    pending,  ///< not yet due, nothing recorded          (planlagt)
};
std::string_view timeliness_name(Timeliness t);  ///< "on-time", "late", "missing", "pending"
std::string_view timeliness_danish(
    Timeliness t);  ///< "rettidig", "forsinket", "mangler", "planlagt"

struct ReviewedOccurrence {
    const Occurrence* occurrence = nullptr;  ///< into YearReview::plan
    Timeliness status = Timeliness::pending;
    std::optional<std::int64_t> supervision;  ///< the live log entry that fulfils it
    std::optional<Date> performed;
    /// When that supervision was recorded, and whether late (docs/rules.md, "Late
    /// registration"). A late registration leaves the status as it is: the supervision was
    /// done when it was done.
    std::optional<Registration> registration;
};

/// Counts of occurrences by status. The rates count only what is due: on time + late + missing.
/// Registered late and imported count the performed ones (on time or late) by how they were
/// registered, beside the status.
struct TimelinessCount {
    int on_time = 0;
    int late = 0;
    int missing = 0;
    int pending = 0;
    int registered_late = 0;  ///< registreret sent
    int imported = 0;         ///< brought in by `tilsyn import`
    void add(Timeliness t);
    void add(const ReviewedOccurrence& o);
    int planned() const { return on_time + late + missing + pending; }
    int due() const { return on_time + late + missing; }
    /// Share of the due occurrences performed on time, in per mille (nullopt when none is due).
    std::optional<int> on_time_permille() const;
};

/// Figures that add up over supervisions, and over areas (the report's totals).
struct Measures {
    int supervisions = 0;
    int ad_hoc = 0;
    std::int64_t cases = 0;
    std::int64_t errors_sagsbehandling = 0;
    std::int64_t errors_statsrefusion = 0;
    int findings = 0;
    int material_findings = 0;  ///< væsentlige fund
    /// The findings' amounts without their sign: how much money the errors concern, too much
    /// and too little paid alike. Sums are held at the int64 limits (base/arithmetic.h).
    std::int64_t amount_sagsbehandling_ore = 0;
    std::int64_t amount_statsrefusion_ore = 0;
    void add(const Measures& other);
};

/// One area's year in figures: its live supervisions performed in the year (ad hoc included)
/// and their findings.
struct AreaMeasures : Measures {
    const Center* center = nullptr;
    const Area* area = nullptr;
    TimelinessCount timeliness;
    Colour colour_start = Colour::green;  ///< in force on 1 January
    Colour colour_end = Colour::green;    ///< in force on 31 December (or as of today)
};

/// A decision about an area taken in the year, withdrawn or not (the auditor sees them all).
struct ReviewedDecision {
    std::int64_t seq = 0;
    DecisionEntry decision;
    bool withdrawn = false;
};

struct YearReview {
    YearReview(const Plan& p, const DecisionsByArea& d) : plan(p), decisions(d) {}

    const Plan& plan;                  ///< the year's plan, as the command made it
    const DecisionsByArea& decisions;  ///< the decisions the plan was made with
    int year = 0;
    Date as_of;       ///< "today": what is due is judged against this day
    Date colour_day;  ///< the day AreaMeasures::colour_end is taken: 31 December,
                      ///< or as_of when earlier (never before 1 January)
    std::vector<ReviewedOccurrence> occurrences;      ///< the plan's occurrences, in plan order
    std::vector<AreaMeasures> areas;                  ///< register order
    std::vector<ReviewedDecision> decisions_in_year;  ///< log order
    int register_within = 0;  ///< the policy's [timeliness] register_within, in working days
    TimelinessCount total;
    std::map<std::string, TimelinessCount> by_leader;  ///< by "center/leader id"
    std::map<std::string, TimelinessCount> by_center;  ///< by center id
};

/// The year of `plan` (with the filter it was made with) set against the log: `plan` and the
/// `decisions` it was made with must outlive the review. `store` may be null (nothing recorded
/// yet). Throws InputError when the year has no plan: every selected area's first assessment is
/// dated after the year ends.
YearReview review_year(const Rules& rules, const Plan& plan, const DecisionsByArea& decisions,
                       Store* store, Date today);

/// The workload of the reviewed occurrences, as the report shows it.
Workload review_workload(const YearReview& review, const Policy& policy);

}  // namespace tilsyn
