// The reminder digest: what cron mails each morning, one block per leader.
#include "remind_formats.h"

#include "text.h"

namespace tilsyn {

namespace {

constexpr std::size_t width = 80;
constexpr std::size_t label_width = 12;  // "forfaldent", "frist"
constexpr std::size_t when_width = 28;   // "2027-02-26 (146 dage over)"
constexpr std::size_t colour_width = 6;

std::string days(long n) { return std::to_string(n) + (n == 1 ? " dag" : " dage"); }

std::string when(const ReminderItem& item, Date today) {
    const long diff = (item.due - today).days();
    std::string relative;
    if (diff < 0) relative = days(-diff) + " over";
    else if (diff == 0) relative = "i dag";
    else if (diff == 1) relative = "i morgen";
    else relative = "om " + days(diff);
    return iso(item.due) + " (" + relative + ")";
}

void item_lines(std::string& out, const ReminderItem& item, std::string_view label, Date today) {
    const std::string indent(2 + label_width, ' ');
    const std::string head = "  " + pad(label, label_width) + pad(when(item, today), when_width) +
                             pad(colour_danish(item.colour), colour_width);
    // The area's name goes on the first line; whatever does not fit wraps under the label.
    const std::string name = wrap(item.area_name, width - utf8_width(head), "");
    std::size_t start = 0;
    for (std::size_t end; (end = name.find('\n', start)) != std::string::npos; start = end + 1)
        out += (start == 0 ? head : indent) + name.substr(start, end - start + 1);
    out += wrap(item.period + " · " + item.area, width, indent);
    if (!item.focus.empty()) out += wrap("Fokus: " + item.focus, width, indent);
}

std::string counts(const LeaderReminders& l, const Reminders& r) {
    std::string out;
    if (!l.overdue.empty()) out += std::to_string(l.overdue.size()) + (l.overdue.size() == 1 ? " forfaldent" : " forfaldne");
    if (!l.due_soon.empty())
        out += (out.empty() ? "" : ", ") + std::to_string(l.due_soon.size()) + " med frist senest " + danish_long(r.horizon);
    return out;
}

}  // namespace

std::string leader_reminder_lines(const LeaderReminders& l, const Reminders& r) {
    std::string out = "  " + counts(l, r) + "\n\n";
    for (const ReminderItem& item : l.overdue) item_lines(out, item, "forfaldent", r.today);
    for (const ReminderItem& item : l.due_soon) item_lines(out, item, "frist", r.today);
    return out;
}

void write_reminders_text(std::ostream& out, const Reminders& r) {
    if (r.empty()) return;
    std::size_t overdue = 0, soon = 0;
    for (const LeaderReminders& l : r.leaders) {
        overdue += l.overdue.size();
        soon += l.due_soon.size();
    }
    out << "Ledelsestilsyn pr. " << danish_long(r.today) << "\n";
    std::string counted;
    if (overdue) counted = std::to_string(overdue) + (overdue == 1 ? " forfaldent" : " forfaldne");
    if (soon)
        counted += (counted.empty() ? "" : ", ") + std::to_string(soon) + " med frist senest " +
                   danish_long(r.horizon) + " (om " + std::to_string(r.within) + " arbejdsdage)";
    out << wrap(counted, width, "");
    for (const LeaderReminders& l : r.leaders) {
        out << "\n" << wrap(l.name + " <" + l.email + ">", width, "") << wrap(l.center_name, width, "");
        out << leader_reminder_lines(l, r);
    }
}

}  // namespace tilsyn
