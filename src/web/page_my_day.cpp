// Min dag: what `remind` would mail the user this morning, within their scope: overdue and
// due soon, per leader (a leader sees only their own).
#include "base/dates.h"
#include "remind/due_now.h"
#include "web/layout.h"
#include "web/routes.h"

namespace tilsyn {

namespace {

Data item_data(const ReminderItem& item) {
    Data d;
    d.set("area", item.area);
    d.set("area_name", item.area_name);
    d.set("colour", std::string(colour_token(item.colour)));
    d.set("colour_name", std::string(colour_danish(item.colour)));
    d.set("focus", item.focus);
    d.set("period", item.period);
    d.set("planned", danish_long(item.planned));
    d.set("planned_iso", iso(item.planned));
    d.set("due", danish_long(item.due));
    d.set("due_iso", iso(item.due));
    return d;
}

Data items_data(const std::vector<ReminderItem>& items, const PageRequest& r) {
    Data out = list();
    for (const ReminderItem& item : items)
        if (r.scope.sees_area(r.snapshot.inputs.rules, item.area)) out.push_back(item_data(item));
    return out;
}

}  // namespace

Reply show_my_day(PageRequest& r) {
    const std::shared_ptr<const Reminders> due = r.snapshot.due.on(r.today, [&r] {
        std::unique_ptr<Store> store = r.site.open_log();
        DueQuery query{r.today, std::nullopt, std::nullopt, std::nullopt};
        return reminders_due(r.snapshot.inputs, store.get(), query);
    });
    const Reminders& reminders = *due;

    Data d;
    d.set("today", danish_long(r.today));
    d.set("within", std::to_string(reminders.within));
    d.set("horizon", danish_long(reminders.horizon));
    Data leaders = list();
    int overdue = 0;
    int soon = 0;
    for (const LeaderReminders& l : reminders.leaders) {
        Data od = items_data(l.overdue, r);
        Data sd = items_data(l.due_soon, r);
        if (od.is_empty_list() && sd.is_empty_list()) continue;
        Data ld;
        ld.set("name", l.name);
        ld.set("center_name", l.center_name);
        ld.set("id", l.center + "-" + l.leader);
        if (!od.is_empty_list()) {
            overdue += static_cast<int>(od.list_value().size());
            ld.set("overdue", od);
            ld.set("has_overdue", true);
        }
        if (!sd.is_empty_list()) {
            soon += static_cast<int>(sd.list_value().size());
            ld.set("due_soon", sd);
            ld.set("has_due_soon", true);
        }
        leaders.push_back(ld);
    }
    d.set("leaders", leaders);
    d.set("nothing", overdue + soon == 0);
    d.set("overdue_count", std::to_string(overdue));
    d.set("soon_count", std::to_string(soon));
    return page(r, "Min dag", render("my_day.mustache", d));
}

}  // namespace tilsyn
