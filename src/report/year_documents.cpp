#include "report/year_documents.h"

#include "report/audit_pack.h"
#include "report/report_html.h"
#include "report/year_review.h"

#include <algorithm>

namespace tilsyn {

namespace {

// The plan was kept to the scope already; the per-area figures and the decisions are taken
// from the registers, so they are kept to it here.
void keep_areas(YearReview& review, const Rules& rules, const AreaScope& scope) {
    std::erase_if(review.areas, [&](const AreaMeasures& m) { return !scope(*m.center, *m.area); });
    std::erase_if(review.decisions_in_year, [&](const ReviewedDecision& d) {
        const auto [center, area] = rules.find_area(d.decision.area);
        return !area || !scope(*center, *area);
    });
}

}  // namespace

void write_year_report(std::ostream& out, const Inputs& in, const Plan& plan, Store* store,
                       const std::optional<Store::Verification>& chain, Date today,
                       const AreaScope& scope) {
    ReportInfo info;
    info.generated = today;
    if (chain) {
        info.log_head = chain->head;
        info.log_entries = chain->count;
    }
    YearReview review = review_year(in.rules, plan, in.decisions, store, today);
    if (scope) keep_areas(review, in.rules, scope);
    write_report_html(out, review, in.rules, info);
}

std::vector<std::string> write_year_audit_pack(const AuditPackRequest& request, const Inputs& in,
                                               const Plan& plan, Store* store,
                                               const std::optional<Store::Verification>& chain) {
    std::vector<LogEntry> entries;
    if (store) entries = store->entries();
    const YearReview review = review_year(in.rules, plan, in.decisions, store, request.today);
    const RegistrationRule rule(in.calendar, in.rules.policy.timeliness.register_within);
    const std::vector<LogRow> log = list_log(entries, rule);
    const AuditPack pack{in.rules, review, log, chain, request.center, request.dialect};
    return write_audit_pack(request.dir, request.flag, pack);
}

}  // namespace tilsyn
