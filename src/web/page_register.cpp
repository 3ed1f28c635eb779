// Risikoregistret: the areas in the user's scope as rated today (the register's assessments
// with the log's decisions), grouped by center, the two heat maps of the report, and the open
// re-rating proposals with their evidence, as `tilsyn rerate` lists them. Read-only.
#include "base/dates.h"
#include "log/rerating.h"
#include "report/report_svg.h"
#include "web/layout.h"
#include "web/routes.h"
#include "web/scoped_year.h"

#include <map>
#include <sstream>

namespace tilsyn {

namespace {

Data area_row(const Rules& rules, const DecisionsByArea& decisions, const Center& center,
              const Area& area, std::optional<int> number, Date today) {
    const RatingTimeline timeline(rules.policy, area, decisions_of(&decisions, area));
    const RatingStep& step = timeline.on(today);
    const Assessment& a = *step.assessment;
    Data d;
    if (number) d.set("number", std::to_string(*number));
    d.set("id", area.id);
    d.set("name", area.name);
    d.set("leader", center.leader_of(area).name);
    d.set("colour", std::string(colour_token(step.rating.colour)));
    d.set("colour_name", std::string(colour_danish(step.rating.colour)));
    if (area.closed && today >= area.closed->date)
        d.set("cadence", "lukket " + danish_long(area.closed->date));
    else
        d.set("cadence", step.rating.cadence.danish());
    d.set("s_likelihood", std::to_string(a.sagsbehandling.likelihood));
    d.set("s_consequence", std::to_string(a.sagsbehandling.consequence));
    d.set("r_likelihood", std::to_string(a.statsrefusion.likelihood));
    d.set("r_consequence", std::to_string(a.statsrefusion.consequence));
    d.set("reason", step.reason());
    d.set("source", step.source());
    return d;
}

Data proposal_data(const Proposal& p) {
    Data d;
    d.set("id", p.area->id);
    d.set("name", p.area->name);
    d.set("center_name", p.center->name);
    d.set("from", std::string(colour_token(p.from)));
    d.set("from_name", std::string(colour_danish(p.from)));
    d.set("to", std::string(colour_token(p.to)));
    d.set("to_name", std::string(colour_danish(p.to)));
    d.set("rule", p.rule_text);
    Data evidence = list();
    for (const std::string& line : p.evidence) evidence.push_back(Data("text", line));
    d.set("evidence", evidence);
    return d;
}

}  // namespace

Reply show_register(PageRequest& r) {
    const Inputs& in = r.snapshot.inputs;
    const int year = r.today.year();
    std::unique_ptr<Store> store = r.site.open_log();

    // The heat maps are the report's, of this year as of today; they number the areas by their
    // place in the review, and the tables give the same numbers.
    std::optional<ScopedYear> y;
    std::map<const Area*, int> numbers;
    if (has_plan(r.snapshot, r.scope, year)) {
        y.emplace(r.snapshot, r.scope, store.get(), year, r.today);
        const auto& areas = y->review().areas;
        for (std::size_t i = 0; i < areas.size(); ++i)
            numbers.emplace(areas[i].area, static_cast<int>(i) + 1);
    }

    Data d;
    d.set("today", danish_long(r.today));
    d.set("has_numbers", !numbers.empty());
    Data centers = list();
    for (const Center* c : r.scope.centers(in.rules)) {
        Data rows = list();
        for (const Area& a : c->areas) {
            if (!r.scope.sees(*c, a)) continue;
            const auto n = numbers.find(&a);
            rows.push_back(area_row(in.rules, in.decisions, *c, a,
                                    n == numbers.end() ? std::nullopt : std::optional(n->second),
                                    r.today));
        }
        Data cd;
        cd.set("id", c->id);
        cd.set("name", c->name);
        cd.set("count", std::to_string(rows.list_value().size()));
        cd.set("areas", rows);
        centers.push_back(cd);
    }
    d.set("centers", centers);

    if (y) {
        std::ostringstream s, st;
        write_heat_map_svg(s, y->review(), in.rules, Axis::sagsbehandling);
        write_heat_map_svg(st, y->review(), in.rules, Axis::statsrefusion);
        d.set("heat_sagsbehandling", s.str());
        d.set("heat_statsrefusion", st.str());
        d.set("colour_day", danish_long(y->review().colour_day));
    }

    Data proposals = list();
    for (const Proposal& p : RerateInput(in.rules, store.get()).propose_all(r.today))
        if (r.scope.sees(*p.center, *p.area)) proposals.push_back(proposal_data(p));
    d.set("has_proposals", !proposals.is_empty_list());
    d.set("proposal_count", std::to_string(proposals.list_value().size()));
    d.set("proposals", proposals);
    return page(r, "Risikoregistret", render("register.mustache", d));
}

}  // namespace tilsyn
