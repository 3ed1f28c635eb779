// An area of the risk register (/register/omraade/<area id>): its colour over time with the
// source and reason of each change, the same history `tilsyn history` prints (area_history).
#include "base/dates.h"
#include "log/area_history.h"
#include "web/layout.h"
#include "web/routes.h"

namespace tilsyn {

namespace {

Data event_data(const AreaHistoryEvent& e) {
    Data d;
    d.set("day", danish_long(e.day));
    d.set("day_iso", iso(e.day));
    if (e.rating) {
        d.set("has_rating", true);
        d.set("colour", std::string(colour_token(e.rating->colour)));
        d.set("colour_name", std::string(colour_danish(e.rating->colour)));
        d.set("cadence", e.rating->cadence.danish());
    }
    d.set("what", e.what);
    d.set("reason", e.reason);
    return d;
}

}  // namespace

Reply show_area(PageRequest& r) {
    const Inputs& in = r.snapshot.inputs;
    const auto [center, area] = in.rules.find_area(r.rest);
    if (!area) throw NotFound("Der er intet område med id \"" + r.rest + "\" i risikoregistret.");
    if (!r.scope.sees(*center, *area))
        throw Forbidden("Området " + area->name + " (" + area->id +
                        ") hører ikke til de områder, du har adgang til.");
    std::unique_ptr<Store> store = r.site.open_log();
    const AreaHistory h = area_history(in, store.get(), *center, *area, r.today);

    Data d;
    d.set("id", area->id);
    d.set("center_name", center->name);
    d.set("leader", center->leader_of(*area).name);
    d.set("focus", area->focus);
    d.set("has_focus", !area->focus.empty());
    d.set("today", danish_long(r.today));
    if (h.closed) {
        d.set("is_closed", true);
        d.set("closed", danish_long(area->closed->date));
    } else {
        d.set("open", true);
        d.set("colour", std::string(colour_token(h.in_force.colour)));
        d.set("colour_name", std::string(colour_danish(h.in_force.colour)));
        d.set("cadence", h.in_force.cadence.danish());
    }
    Data events = list();
    for (const AreaHistoryEvent& e : h.events) events.push_back(event_data(e));
    d.set("events", events);
    return page(r, "Historik for " + area->name, render("area.mustache", d));
}

}  // namespace tilsyn
