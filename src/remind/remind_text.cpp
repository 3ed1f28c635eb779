// The reminder digest: what cron mails each morning, one block per leader.
#include "remind/remind_formats.h"

#include "base/text.h"

namespace tilsyn {

namespace {

constexpr std::size_t width = 80;
constexpr std::size_t label_width = 12;  // "forfaldent", "frist"
constexpr std::size_t when_width = 28;   // "2027-02-26 (146 dage over)"
constexpr std::size_t colour_width = 6;

/// "2027-02-26 (146 dage over)", appended; returns its width (it is ASCII but for "i dag").
void when_to(std::string& out, const ReminderItem& item, Date today) {
    const long diff = (item.due - today).days();
    const std::size_t start = out.size();
    out += iso(item.due);
    out += " (";
    if (diff < 0)
        out.append(std::to_string(-diff)).append(diff == -1 ? " dag over" : " dage over");
    else if (diff == 0)
        out += "i dag";
    else if (diff == 1)
        out += "i morgen";
    else
        out.append("om ").append(std::to_string(diff)).append(" dage");
    out += ')';
    const std::size_t w = out.size() - start;
    if (w < when_width) out.append(when_width - w, ' ');
}

// Thousands of items on a bad morning: each is appended to the one output buffer, the common
// case without a temporary string.
void item_lines(std::string& out, const ReminderItem& item, std::string_view label, Date today) {
    const std::string_view indent = "              ";  // 2 + label_width
    static_assert(2 + label_width == 14);
    const std::size_t head_start = out.size();
    out += "  ";
    pad_to(out, label, label_width);
    when_to(out, item, today);
    pad_to(out, colour_danish(item.colour), colour_width);
    const std::size_t head_width = utf8_width(std::string_view(out).substr(head_start));
    // The area's name goes on the first line; whatever does not fit wraps under the label.
    if (item.area_name.size() + head_width <= width && !item.area_name.empty() &&
        item.area_name.front() != ' ' && item.area_name.back() != ' ' &&
        item.area_name.find("  ") == std::string::npos) {
        out.append(item.area_name).push_back('\n');
    } else {
        const std::string head = out.substr(head_start);
        out.resize(head_start);
        const std::string name = wrap(item.area_name, width - head_width, "");
        std::size_t start = 0;
        for (std::size_t end; (end = name.find('\n', start)) != std::string::npos;
             start = end + 1) {
            out.append(start == 0 ? std::string_view(head) : indent);
            out.append(name, start, end - start + 1);
        }
    }
    std::string line;
    line.reserve(item.period.size() + item.area.size() + 4);
    line.append(item.period).append(" · ").append(item.area);
    wrap_to(out, line, width, indent);
    if (!item.focus.empty()) {
        line.assign("Fokus: ").append(item.focus);
        wrap_to(out, line, width, indent);
    }
}

std::string counts(const LeaderReminders& l, const Reminders& r) {
    std::string out;
    if (!l.overdue.empty())
        out += std::to_string(l.overdue.size()) +
               (l.overdue.size() == 1 ? " forfaldent" : " forfaldne");
    if (!l.due_soon.empty())
        out += (out.empty() ? "" : ", ") + std::to_string(l.due_soon.size()) +
               " med frist senest " + danish_long(r.horizon);
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
        out << "\n"
            << wrap(l.name + " <" + l.email + ">", width, "") << wrap(l.center_name, width, "");
        out << leader_reminder_lines(l, r);
    }
}

}  // namespace tilsyn
