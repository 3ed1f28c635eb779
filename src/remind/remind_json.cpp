#include "remind/remind_formats.h"

#include <nlohmann/json.hpp>

namespace tilsyn {

namespace {

using Json = nlohmann::ordered_json;

Json item_json(const ReminderItem& item, Date today) {
    return Json{{"area_id", item.area},
                {"area", item.area_name},
                {"colour", colour_token(item.colour)},
                {"focus", item.focus},
                {"occurrence", item.occurrence},
                {"period", item.period},
                {"planned_date", iso(item.planned)},
                {"due_date", iso(item.due)},
                {"days_overdue", std::max(0L, (today - item.due).days())},
                {"days_left", std::max(0L, (item.due - today).days())}};
}

}  // namespace

void write_reminders_json(std::ostream& out, const Reminders& r) {
    Json leaders = Json::array();
    for (const LeaderReminders& l : r.leaders) {
        Json overdue = Json::array();
        for (const ReminderItem& item : l.overdue) overdue.push_back(item_json(item, r.today));
        Json soon = Json::array();
        for (const ReminderItem& item : l.due_soon) soon.push_back(item_json(item, r.today));
        leaders.push_back(Json{{"center_id", l.center},
                               {"center", l.center_name},
                               {"leader_id", l.leader},
                               {"leader", l.name},
                               {"leader_email", l.email},
                               {"overdue", std::move(overdue)},
                               {"due_soon", std::move(soon)}});
    }
    const Json doc{{"format", "tilsyn-reminders"},   {"format_version", 1},
                   {"today", iso(r.today)},          {"within_working_days", r.within},
                   {"due_until", iso(r.horizon)},    {"overdue_since", iso(r.since)},
                   {"any_overdue", r.any_overdue()}, {"leaders", std::move(leaders)}};
    out << doc.dump(2) << "\n";
}

}  // namespace tilsyn
