// The year wheel (årshjul) of the report (report_svg.h).
#include "report/report_palette.h"
#include "report/report_svg.h"

#include "report/html_text.h"
#include "report/wheel_layout.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

namespace tilsyn {

namespace {

constexpr double size = 780;
constexpr double cx = size / 2, cy = size / 2;
constexpr double outer = 300;      // the outermost track's outer edge
constexpr double inner_most = 70;  // the tracks end here at the least; the year is written inside
constexpr double gap = 0.5;        // white between two tracks' bands, on each side
// A wheel of few areas keeps its tracks this wide instead of filling the ring, so that its
// marks have the size of every other wheel's and the rings do not look like a diagram of shares.
constexpr double widest_track = 24;

// The SVG's units per printed millimetre: the wheel is printed at wheel_width_mm whatever the
// reader's screen, so a track's printed thickness follows from the number of tracks alone.
constexpr double units_per_mm = size / wheel_width_mm;

double track_width(std::size_t tracks) {
    return std::min(widest_track,
                    (outer - inner_most) / static_cast<double>(std::max<std::size_t>(1, tracks)));
}

// Every month takes a twelfth of the ring whatever its length: the wheel is read by month,
// and equal months keep a period's mark in the same place for every area.
double month_angle(double months_from_january) {
    return months_from_january * 30.0;
}

double day_angle(Date d) {
    const int days = boost::gregorian::gregorian_calendar::end_of_month_day(d.year(), d.month());
    return month_angle(d.month() - 1 + (d.day() - 1.0) / days);
}

// Degrees clockwise from twelve o'clock to SVG coordinates (y grows downwards).
double px(double r, double deg) {
    return cx + r * std::sin(deg * std::numbers::pi / 180);
}
double py(double r, double deg) {
    return cy - r * std::cos(deg * std::numbers::pi / 180);
}

std::string band_path(double r0, double r1, double a0, double a1) {
    const int large = a1 - a0 > 180 ? 1 : 0;
    return fmt::format("M{} {}A{} {} 0 {} 1 {} {}L{} {}A{} {} 0 {} 0 {} {}Z",
                       svg_number(px(r1, a0)), svg_number(py(r1, a0)), svg_number(r1),
                       svg_number(r1), large, svg_number(px(r1, a1)), svg_number(py(r1, a1)),
                       svg_number(px(r0, a1)), svg_number(py(r0, a1)), svg_number(r0),
                       svg_number(r0), large, svg_number(px(r0, a0)), svg_number(py(r0, a0)));
}

// One occurrence's glyph: outline when planned, filled when done on time, filled with a black
// core when done late, a dark red cross when missing. The same glyphs make the legend.
void write_glyph(std::ostream& out, Timeliness status, Colour colour, double x, double y,
                 double r) {
    const std::string_view strong = colour_strong(colour);
    const std::string c =
        fmt::format("cx=\"{}\" cy=\"{}\" r=\"{}\"", svg_number(x), svg_number(y), svg_number(r));
    switch (status) {
        case Timeliness::pending:
            out << fmt::format("<circle {} fill=\"#fff\" stroke=\"{}\" stroke-width=\"{}\"/>", c,
                               strong, svg_number(std::max(1.0, r / 3.5)));
            break;
        case Timeliness::on_time:
            out << fmt::format("<circle {} fill=\"{}\" stroke=\"#222\" stroke-width=\"0.6\"/>", c,
                               strong);
            break;
        case Timeliness::late:
            out << fmt::format(
                "<circle {} fill=\"{}\" stroke=\"#000\" stroke-width=\"1\"/>"
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#000\"/>",
                c, strong, svg_number(x), svg_number(y), svg_number(r * 0.45));
            break;
        case Timeliness::missing: {
            const double d = r * 0.62;
            out << fmt::format(
                "<circle {} fill=\"#fff\" stroke=\"{}\" stroke-width=\"1.2\"/>"
                "<path d=\"M{} {}L{} {}M{} {}L{} {}\" stroke=\"{}\" stroke-width=\"{}\"/>",
                c, alert_colour, svg_number(x - d), svg_number(y - d), svg_number(x + d),
                svg_number(y + d), svg_number(x - d), svg_number(y + d), svg_number(x + d),
                svg_number(y - d), alert_colour, svg_number(std::max(1.2, r / 3)));
            break;
        }
    }
}

void write_mark(std::ostream& out, const ReviewedOccurrence& ro, double x, double y, double r) {
    const Occurrence& o = *ro.occurrence;
    std::string title = html_escape(o.area->name) + ", " + o.period_name() + ": " +
                        std::string(timeliness_danish(ro.status));
    if (ro.performed && ro.registration)
        title += " (udført " + iso(*ro.performed) + ", registreret " +
                 iso(ro.registration->recorded) +
                 (ro.registration->status == RegistrationStatus::timely
                      ? std::string()
                      : ", " + std::string(registration_danish(ro.registration->status))) +
                 ")";
    else if (ro.performed)
        title += " (udført " + iso(*ro.performed) + ")";
    else
        title += " (frist " + iso(o.due) + ")";
    out << fmt::format(
        "<g class=\"mark\" data-area=\"{}\" data-period=\"{}\" "
        "data-status=\"{}\"><title>{}</title>",
        html_escape(o.area->id), o.period_code(), timeliness_name(ro.status), title);
    write_glyph(out, ro.status, o.rating().colour, x, y, r);
    out << "</g>\n";
}

}  // namespace

int wheel_track_capacity() {
    // The tinted band of a track is its width less the white gaps either side. A browser may
    // print the wheel a few tenths of a per cent smaller than asked (it lays out in whole
    // pixels), and coordinates are written to a tenth of a unit: the layout aims at a tenth of
    // a millimetre more than the promise, so that the promise holds on paper.
    constexpr double print_tolerance_mm = 0.1;
    const double thinnest = (wheel_min_band_mm + print_tolerance_mm) * units_per_mm + 2 * gap;
    return static_cast<int>((outer - inner_most) / thinnest);
}

void write_year_wheel_svg(std::ostream& out, const YearReview& review, const WheelLayout& wheel) {
    // Tracks in the wheel's order, outermost first; an area's number stays its number in the
    // report (its position in YearReview::areas), whichever wheel it is on.
    std::map<const Area*, int> track;
    std::vector<std::size_t> numbers;
    std::vector<int> group_edges;  // tracks where a group after the first begins
    for (const WheelGroup& g : wheel.groups) {
        if (!numbers.empty()) group_edges.push_back(static_cast<int>(numbers.size()));
        for (const std::size_t i : g.areas) {
            track.emplace(review.areas[i].area, static_cast<int>(numbers.size()));
            numbers.push_back(i + 1);
        }
    }
    const double w = track_width(numbers.size());
    const double inner = outer - w * static_cast<double>(numbers.size());
    const double mark_r = std::min(9.0, w * 0.42);
    auto edge = [&](int t) { return outer - t * w; };  // outer edge of track t

    std::string label = fmt::format("Årshjul {}: ", review.year);
    for (std::size_t i = 0; i < wheel.groups.size(); ++i)
        label += (i ? "; " : "") + wheel_group_title(wheel.groups[i]);
    // The printed size is fixed in millimetres (see units_per_mm); the stylesheet only lets a
    // narrower screen shrink it.
    out << fmt::format(
        "<svg class=\"wheel\" viewBox=\"0 0 {0} {0}\" width=\"{1}mm\" height=\"{1}mm\" "
        "role=\"img\" aria-label=\"{2}\">\n",
        svg_number(size), svg_number(wheel_width_mm), html_escape(label));
    // Period bands first, marks on top.
    for (const ReviewedOccurrence& ro : review.occurrences) {
        const Occurrence& o = *ro.occurrence;
        const auto t = track.find(o.area);
        if (t == track.end()) continue;  // on another wheel
        const double a0 = month_angle(o.period_start.month() - 1) + 0.6;
        const double a1 = month_angle(o.period_end.month()) - 0.6;
        out << fmt::format("<path class=\"band\" d=\"{}\" fill=\"{}\"/>\n",
                           band_path(edge(t->second + 1) + gap, edge(t->second) - gap, a0, a1),
                           colour_tint(o.rating().colour));
    }
    // Month and quarter lines, and a firmer ring between the groups (centers or leaders).
    for (int m = 0; m < 12; ++m) {
        const double a = month_angle(m);
        out << fmt::format(
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"{}\"/>\n",
            svg_number(px(inner - 4, a)), svg_number(py(inner - 4, a)),
            svg_number(px(outer + 8, a)), svg_number(py(outer + 8, a)),
            m % 3 == 0 ? "#555" : "#bbb", m % 3 == 0 ? "1.2" : "0.6");
    }
    out << fmt::format(
        "<circle cx=\"{0}\" cy=\"{1}\" r=\"{2}\" fill=\"none\" stroke=\"#555\" stroke-width=\"1\"/>"
        "<circle cx=\"{0}\" cy=\"{1}\" r=\"{3}\" fill=\"none\" stroke=\"#555\" "
        "stroke-width=\"1\"/>\n",
        svg_number(cx), svg_number(cy), svg_number(outer), svg_number(inner));
    for (const int t : group_edges)
        out << fmt::format(
            "<circle class=\"group-ring\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" "
            "stroke=\"#333\" stroke-width=\"1.6\"/>\n",
            svg_number(cx), svg_number(cy), svg_number(edge(t)));
    // Today, when it falls in the year: marks before it are judged, marks after it not yet.
    if (review.as_of.year() == review.year) {
        const double a = day_angle(review.as_of);
        out << fmt::format(
            "<line class=\"today\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#1f4e9a\" "
            "stroke-width=\"1.6\" stroke-dasharray=\"5 3\"/>\n",
            svg_number(px(inner - 8, a)), svg_number(py(inner - 8, a)),
            svg_number(px(outer + 10, a)), svg_number(py(outer + 10, a)));
    }
    for (const ReviewedOccurrence& ro : review.occurrences) {
        const Occurrence& o = *ro.occurrence;
        const auto t = track.find(o.area);
        if (t == track.end()) continue;
        const double a =
            (month_angle(o.period_start.month() - 1) + month_angle(o.period_end.month())) / 2;
        const double r = edge(t->second) - w / 2;
        write_mark(out, ro, px(r, a), py(r, a), mark_r);
    }
    // Month names outside the ring, upright, at the middle of each month; on the sides they
    // start (or end) at the ring so that a long name never runs into it.
    for (int m = 1; m <= 12; ++m) {
        const double a = month_angle(m - 0.5);
        const double side = std::sin(a * std::numbers::pi / 180);
        const char* anchor = side > 0.3 ? "start" : side < -0.3 ? "end" : "middle";
        const double r = outer + (std::abs(side) > 0.3 ? 12 : 22);
        out << fmt::format("<text class=\"month\" x=\"{}\" y=\"{}\" text-anchor=\"{}\">{}</text>\n",
                           svg_number(px(r, a)), svg_number(py(r, a) + 5), anchor, danish_month(m));
    }
    // Track numbers on the line between December and January, where no mark sits.
    const double font = std::clamp(w * 0.8, 7.0, 12.0);
    for (std::size_t t = 0; t < numbers.size(); ++t) {
        const double r = edge(static_cast<int>(t)) - w / 2;
        out << fmt::format(
            "<text class=\"track\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" "
            "font-size=\"{}\">{}</text>\n",
            svg_number(cx), svg_number(cy - r + font * 0.36), svg_number(font), numbers[t]);
    }
    out << fmt::format(
        "<text class=\"wheel-year\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
        svg_number(cx), svg_number(cy + 12), review.year);
    out << "</svg>\n";
}

void write_status_glyph_svg(std::ostream& out, Timeliness status, Colour colour) {
    out << "<svg class=\"glyph\" viewBox=\"0 0 20 20\" aria-hidden=\"true\">";
    write_glyph(out, status, colour, 10, 10, 7);
    out << "</svg>";
}

}  // namespace tilsyn
