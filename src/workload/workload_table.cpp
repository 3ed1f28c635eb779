#include "workload/workload_formats.h"

#include "base/hours.h"

#include <fmt/format.h>

#include <cmath>

namespace tilsyn {

namespace {

/// Minutes as hours, or as supervisions when the policy has no hours (each then weighs 60).
std::string amount(const Workload& w, double minutes) {
    const auto m = std::llround(minutes);
    return w.hours ? hours_text(m) : hours_danish(m) + " tilsyn";
}

std::string month_name(int month0) {
    return std::string(danish_month(month0 + 1));
}

/// Pads UTF-8 text to a width in characters (Danish letters are two bytes, one column).
std::string pad(const std::string& text, std::size_t width) {
    std::size_t chars = 0;
    for (unsigned char c : text) chars += (c & 0xC0) != 0x80;
    return text + std::string(width > chars ? width - chars : 0, ' ');
}

void write_leader(std::ostream& out, const Workload& w, const WorkloadRow& row) {
    out << row.leader->name << " (" << row.leader->id << ")";
    if (row.capacity_minutes)
        out << ", kapacitet " << hours_text(*row.capacity_minutes) << " pr. måned";
    out << "\n  " << pad("Måned", 11) << fmt::format("{:>7}", "Tilsyn");
    if (w.hours) out << fmt::format("{:>9}", "Timer");
    out << "   Travleste uge\n";
    std::string over;
    for (int m = 0; m < 12; ++m) {
        const WorkloadCell& c = row.months[static_cast<std::size_t>(m)];
        const bool above = row.capacity_minutes && c.minutes > *row.capacity_minutes;
        std::string line = "  " + pad(month_name(m), 11) + fmt::format("{:>7}", c.supervisions);
        if (w.hours) line += fmt::format("{:>9}", hours_danish(c.minutes));
        line += above ? " ! " : "   ";
        if (const auto week = row.peak_week_in(m)) {
            const WorkloadCell& wc = row.weeks.at(*week);
            line += "uge " + std::to_string(week->second) + ": " +
                    (w.hours ? hours_text(wc.minutes) : std::to_string(wc.supervisions));
        }
        out << line.substr(0, line.find_last_not_of(' ') + 1) << '\n';
        if (above) over += (over.empty() ? "" : ", ") + month_name(m);
    }
    out << "  " << pad("I alt", 11) << fmt::format("{:>7}", row.year.supervisions);
    if (w.hours) out << fmt::format("{:>9}", hours_danish(row.year.minutes));
    out << '\n';
    const int peak = row.peak_month();
    out << "  Travleste måned: "
        << amount(w, static_cast<double>(row.months[static_cast<std::size_t>(peak)].minutes))
        << " (" << month_name(peak) << ")\n";
    if (row.bounds) {
        out << "  Nedre grænse:    " << amount(w, row.bounds->mean) << " ("
            << amount(w, static_cast<double>(row.year.minutes)) << " / "
            << row.bounds->available_months << " måneder)";
        if (std::llround(row.bounds->lp) > std::llround(row.bounds->mean))
            out << ", LP-grænse " << amount(w, row.bounds->lp);
        out << '\n';
    }
    if (const auto week = row.peak_week())
        out << "  Travleste uge:   " << amount(w, static_cast<double>(row.weeks.at(*week).minutes))
            << " (uge " << week->second << ", " << week->first << ")\n";
    if (!over.empty()) out << "  Over kapaciteten i " << over << "\n";
}

}  // namespace

void write_workload_table(std::ostream& out, const Workload& w, const Rules& rules) {
    out << "Arbejdsbyrde " << w.year << (w.leveled ? " (udjævnet)" : " (ikke udjævnet)") << '\n';
    if (w.hours) {
        const auto& m = *rules.policy.workload.minutes;
        out << "Timer pr. tilsyn: rød " << hours_text(m[static_cast<std::size_t>(Colour::red)])
            << ", gul " << hours_text(m[static_cast<std::size_t>(Colour::yellow)]) << ", grøn "
            << hours_text(m[static_cast<std::size_t>(Colour::green)])
            << " (områder kan have deres egne)\n";
    } else {
        out << "Politikken har ingen timer pr. tilsyn ([workload] hours): byrden tælles i "
               "tilsyn.\n";
    }
    for (const WorkloadRow& c : w.centers) {
        out << '\n' << c.center->name << '\n';
        for (const WorkloadRow& row : w.leaders) {
            if (row.center != c.center) continue;
            out << '\n';
            write_leader(out, w, row);
        }
    }
}

}  // namespace tilsyn
