#pragma once
// The report's two figures as inline SVG: the risk heat map of one axis and the year wheel.
// Both name areas by their number: the area's position in YearReview::areas, counted from 1,
// which is also the first column of the report's tables (the key from number to name).
// The SVG is meant to be inline in HTML, which gives it its namespace: no xmlns, so the report
// holds no URL at all.

#include "log/log_entry.h"
#include "report/year_review.h"

#include <ostream>

namespace tilsyn {

/// Likelihood (up) x consequence (across) on the policy's scales, every cell in the colour
/// its score gets, each area a numbered ring in the cell of its scores on `axis` in the
/// assessment in force on YearReview::colour_day; the ring has the area's colour then.
void write_heat_map_svg(std::ostream& out, const YearReview& review, const Rules& rules, Axis axis);

struct WheelLayout;

/// The year wheel's printed width, and the thinnest a track's tinted band may be on paper: a
/// ring thinner than 2 mm cannot be followed round the year by eye.
inline constexpr double wheel_width_mm = 166;
inline constexpr double wheel_min_band_mm = 2;

/// How many tracks one wheel holds with no band thinner than wheel_min_band_mm when printed at
/// wheel_width_mm (the argument for layout_wheels).
int wheel_track_capacity();

/// The year as a ring of twelve months, January at the top, clockwise; one track per area of
/// `wheel` (its first area outermost), each planned occurrence a mark at the middle of its
/// period, on a band tinted with the colour the period was planned in. The mark shows the
/// status; the tracks are numbered with the areas' numbers in the report.
void write_year_wheel_svg(std::ostream& out, const YearReview& review, const WheelLayout& wheel);

/// A mark of the year wheel on its own, for the legend.
void write_status_glyph_svg(std::ostream& out, Timeliness status, Colour colour);

/// "12.5" with one decimal and never "-0.0": SVG coordinates that are the same bytes every run.
std::string svg_number(double v);

}  // namespace tilsyn
