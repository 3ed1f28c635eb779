// The year wheel (årshjul) of the report (report_svg.h).
#include "report/report_palette.h"
#include "report/report_svg.h"

#include "report/html_text.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>

namespace tilsyn {

namespace {

constexpr double size = 780;
constexpr double cx = size / 2, cy = size / 2;
constexpr double outer = 300;  // the outermost track's outer edge
constexpr double inner = 96;   // the innermost track's inner edge; the year is written inside

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

void write_year_wheel_svg(std::ostream& out, const YearReview& review) {
    std::map<const Area*, int> track;
    for (std::size_t i = 0; i < review.areas.size(); ++i)
        track.emplace(review.areas[i].area, static_cast<int>(i));
    const int tracks = std::max<int>(1, static_cast<int>(review.areas.size()));
    const double w = (outer - inner) / tracks;
    const double mark_r = std::min(9.0, w * 0.42);
    auto edge = [&](int t) { return outer - t * w; };  // outer edge of track t

    out << fmt::format(
        "<svg class=\"wheel\" viewBox=\"0 0 {0} {0}\" "
        "role=\"img\" aria-label=\"Årshjul {1}\">\n",
        svg_number(size), review.year);
    // Period bands first, marks on top.
    for (const ReviewedOccurrence& ro : review.occurrences) {
        const Occurrence& o = *ro.occurrence;
        const int t = track.at(o.area);
        const double a0 = month_angle(o.period_start.month() - 1) + 0.6;
        const double a1 = month_angle(o.period_end.month()) - 0.6;
        out << fmt::format("<path class=\"band\" d=\"{}\" fill=\"{}\"/>\n",
                           band_path(edge(t + 1) + 0.5, edge(t) - 0.5, a0, a1),
                           colour_tint(o.rating().colour));
    }
    // Month and quarter lines, and a firmer ring between the centers' tracks.
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
    for (std::size_t i = 1; i < review.areas.size(); ++i)
        if (review.areas[i].center != review.areas[i - 1].center)
            out << fmt::format(
                "<circle class=\"center-ring\" cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"none\" "
                "stroke=\"#333\" stroke-width=\"1.6\"/>\n",
                svg_number(cx), svg_number(cy), svg_number(edge(static_cast<int>(i))));
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
        const int t = track.at(o.area);
        const double a =
            (month_angle(o.period_start.month() - 1) + month_angle(o.period_end.month())) / 2;
        const double r = edge(t) - w / 2;
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
    const double label = std::clamp(w * 0.8, 7.0, 12.0);
    for (std::size_t i = 0; i < review.areas.size(); ++i) {
        const double r = edge(static_cast<int>(i)) - w / 2;
        out << fmt::format(
            "<text class=\"track\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" "
            "font-size=\"{}\">{}</text>\n",
            svg_number(cx), svg_number(cy - r + label * 0.36), svg_number(label), i + 1);
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
