#include "plan/export/plan_formats.h"

#include "base/text.h"

#include <array>

namespace tilsyn {

namespace {

// Column widths chosen so that a row is 78 characters: readable in an 80-column terminal.
constexpr std::size_t w_area = 19, w_focus = 18, w_leader = 12;

std::string row(std::string_view day, std::string_view week, std::string_view colour,
                std::string_view area, std::string_view focus, std::string_view leader,
                std::string_view due) {
    std::string out;
    out += pad(day, 5) + " ";
    out += std::string(week.size() < 3 ? 3 - week.size() : 0, ' ') + std::string(week) + " ";
    out += pad(colour, 5) + " ";
    out += pad(fit(area, w_area), w_area) + " ";
    out += pad(fit(focus, w_focus), w_focus) + " ";
    out += pad(fit(leader, w_leader), w_leader) + " ";
    out += due;
    return out;
}

// RatingStep::source() starts with an ASCII word ("vurdering", "beslutning").
std::string capitalised(std::string s) {
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string count_tilsyn(std::size_t n) {
    return std::to_string(n) + " tilsyn";
}

// "Anne Krogh Bech" becomes "A. K. Bech" when it does not fit: the surname identifies.
std::string short_name(const std::string& name, std::size_t width) {
    if (utf8_width(name) <= width) return name;
    const auto last_space = name.rfind(' ');
    if (last_space == std::string::npos) return fit(name, width);
    std::string out;
    std::size_t start = 0;
    while (start < last_space) {
        const auto end = name.find(' ', start);
        if (end > start) {
            // Keep a whole UTF-8 letter as the initial ("Ø.", not a broken byte).
            std::size_t len = 1;
            while (start + len < end &&
                   (static_cast<unsigned char>(name[start + len]) & 0xC0) == 0x80)
                ++len;
            out += name.substr(start, len) + ". ";
        }
        start = end + 1;
    }
    return fit(out + name.substr(last_space + 1), width);
}

}  // namespace

void write_plan_table(std::ostream& out, const Plan& plan, const Rules& rules) {
    std::string title = "Tilsynsplan " + std::to_string(plan.year);
    for (const Center* c : selected_centers(rules, plan.filter)) title += "\n  " + c->name;
    if (plan.filter.leader) title += "\n  Leder: " + *plan.filter.leader;
    out << title << "\n";

    std::array<std::size_t, 3> per_colour{};
    std::size_t i = 0;
    const auto& occ = plan.occurrences;
    while (i < occ.size()) {
        const int month = occ[i].planned.month();
        std::size_t end = i;
        while (end < occ.size() && occ[end].planned.month() == month) ++end;
        out << "\n"
            << danish_month(month) << " " << plan.year << " (" << count_tilsyn(end - i) << ")\n";
        out << row("Dato", "Uge", "Farve", "Område", "Fokus", "Leder", "Frist") << "\n";
        for (; i < end; ++i) {
            const Occurrence& o = occ[i];
            ++per_colour[static_cast<std::size_t>(o.rating().colour)];
            const std::string day = std::string(danish_weekday_short(o.planned)) + " " +
                                    (o.planned.day() < 10 ? "0" : "") +
                                    std::to_string(o.planned.day());
            out << row(day, std::to_string(iso_week(o.planned)), colour_danish(o.rating().colour),
                       o.area->name, o.area->focus, short_name(o.leader().name, w_leader),
                       iso(o.due))
                << "\n";
        }
    }
    if (!plan.changes.empty()) {
        out << "\nFarveskift i " << plan.year << ":\n";
        for (const ColourChange& c : plan.changes)
            out << wrap(c.area->name + ": " + std::string(colour_danish(c.from)) + " -> " +
                            std::string(colour_danish(c.to)) + " fra " + danish_long(c.effective),
                        78, "  ")
                << wrap(capitalised(c.step->source()) + ": " + c.step->reason(), 78, "    ");
    }
    out << "\nI alt " << count_tilsyn(occ.size()) << ": " << per_colour[2] << " rød, "
        << per_colour[1] << " gul, " << per_colour[0] << " grøn\n";
}

}  // namespace tilsyn
