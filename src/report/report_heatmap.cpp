// The risk heat map of one axis (report_svg.h).
#include "report/report_palette.h"
#include "report/report_svg.h"

#include "report/html_text.h"
#include "rules/rating.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <vector>

namespace tilsyn {

std::string svg_number(double v) {
    std::string s = fmt::format("{:.1f}", v);
    if (s == "-0.0") s = "0.0";
    if (s.size() > 2 && s.ends_with(".0")) s.resize(s.size() - 2);
    return s;
}

namespace {

constexpr double plot = 300;  // the grid's side; cells are square
constexpr double left = 46;   // room for the likelihood title and ticks
constexpr double top = 6;
constexpr double bottom = 40;  // room for the consequence ticks and title
constexpr double right = 6;

struct Placed {
    int number;
    const AreaMeasures* m;
};

}  // namespace

void write_heat_map_svg(std::ostream& out, const YearReview& review, const Rules& rules,
                        Axis axis) {
    const Policy& policy = rules.policy;
    const int lmin = policy.likelihood.min, lmax = policy.likelihood.max;
    const int cmin = policy.consequence.min, cmax = policy.consequence.max;
    const int rows = lmax - lmin + 1, cols = cmax - cmin + 1;
    const double cell = plot / std::max(rows, cols);
    const double width = left + cols * cell + right, height = top + rows * cell + bottom;

    // Areas by cell, in report order, from the assessment under the rating in force on the
    // colour day (a decision changes the colour, not the scores).
    std::map<std::pair<int, int>, std::vector<Placed>> in_cell;
    for (std::size_t i = 0; i < review.areas.size(); ++i) {
        const AreaMeasures& m = review.areas[i];
        const RatingTimeline timeline(policy, *m.area, decisions_of(&review.decisions, *m.area));
        const Assessment& a = *timeline.on(review.colour_day).assessment;
        const AxisScore& s = axis == Axis::sagsbehandling ? a.sagsbehandling : a.statsrefusion;
        in_cell[{s.likelihood, s.consequence}].push_back({static_cast<int>(i) + 1, &m});
    }

    const std::string axis_title =
        axis == Axis::sagsbehandling ? "Sagsbehandling" : "Statsrefusion";
    out << "<svg class=\"heatmap\" data-axis=\"" << axis_name(axis) << "\" viewBox=\"0 0 "
        << svg_number(width) << ' ' << svg_number(height)
        << "\" role=\"img\" aria-label=\"Risikokort, " << axis_title << "\">\n";
    for (int l = lmin; l <= lmax; ++l)
        for (int c = cmin; c <= cmax; ++c) {
            const double x = left + (c - cmin) * cell, y = top + (lmax - l) * cell;
            const AxisScore score{l, c};
            out << fmt::format(
                "<rect class=\"cell\" data-l=\"{}\" data-c=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" "
                "height=\"{}\" fill=\"{}\" stroke=\"#fff\" "
                "stroke-width=\"2\"/><text class=\"score\" x=\"{}\" y=\"{}\" "
                "text-anchor=\"end\">{}</text>\n",
                l, c, svg_number(x), svg_number(y), svg_number(cell), svg_number(cell),
                colour_tint(axis_colour(policy, score)), svg_number(x + cell - 4),
                svg_number(y + cell - 4), axis_score(policy, score));
        }
    // Ticks and the two axis titles.
    for (int c = cmin; c <= cmax; ++c)
        out << fmt::format(
            "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>\n",
            svg_number(left + (c - cmin + 0.5) * cell), svg_number(top + rows * cell + 14), c);
    for (int l = lmin; l <= lmax; ++l)
        out << fmt::format("<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n",
                           svg_number(left - 6), svg_number(top + (lmax - l + 0.5) * cell + 4), l);
    out << fmt::format(
        "<text class=\"axis-title\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">Konsekvens</text>\n",
        svg_number(left + cols * cell / 2), svg_number(top + rows * cell + 32));
    out << fmt::format(
        "<text class=\"axis-title\" x=\"{0}\" y=\"{1}\" text-anchor=\"middle\" "
        "transform=\"rotate(-90 {0} {1})\">"
        "Sandsynlighed</text>\n",
        svg_number(16), svg_number(top + rows * cell / 2));

    // The areas of a cell in a small grid, as many columns as rows, so a crowded cell shrinks
    // its rings instead of spilling into the next cell.
    for (const auto& [where, areas] : in_cell) {
        const auto [l, c] = where;
        const double x0 = left + (c - cmin) * cell, y0 = top + (lmax - l) * cell;
        const int per_row =
            static_cast<int>(std::ceil(std::sqrt(static_cast<double>(areas.size()))));
        const int lines = (static_cast<int>(areas.size()) + per_row - 1) / per_row;
        const double pitch = (cell - 10) / per_row;
        const double r = std::min(12.0, pitch / 2 - 1);
        for (std::size_t k = 0; k < areas.size(); ++k) {
            const int col = static_cast<int>(k) % per_row, line = static_cast<int>(k) / per_row;
            const double cx = x0 + 5 + pitch * (col + 0.5);
            const double cy = y0 + cell / 2 + pitch * (line - (lines - 1) / 2.0);
            const AreaMeasures& m = *areas[k].m;
            out << fmt::format(
                "<g class=\"heat-area\" data-area=\"{}\" data-l=\"{}\" data-c=\"{}\"><title>{}: {} "
                "({})</title>"
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"#fff\" stroke=\"{}\" "
                "stroke-width=\"{}\"/>"
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"{}\">{}</text></g>\n",
                html_escape(m.area->id), l, c, areas[k].number, html_escape(m.area->name),
                colour_danish(m.colour_end), svg_number(cx), svg_number(cy), svg_number(r),
                colour_strong(m.colour_end), svg_number(std::max(1.5, r / 4)), svg_number(cx),
                svg_number(cy + r * 0.38), svg_number(r * 1.05), areas[k].number);
        }
    }
    out << "</svg>\n";
}

}  // namespace tilsyn
