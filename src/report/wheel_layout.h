#pragma once
// Which areas share a year wheel. One wheel holds a limited number of tracks, or its rings get
// too thin to read on paper (report_svg.h says how many fit). A report with more areas gets
// several wheels, cut where the organisation is cut: by center, a center too big for one wheel
// by leader, and a leader too big for one wheel in equal parts. Neighbouring groups that fit
// together share a wheel, so a report of many small centers does not become a page per center.

#include "report/year_review.h"

#include <cstddef>
#include <string>
#include <vector>

namespace tilsyn {

/// Areas of one center that a wheel shows together: the whole center, one leader's areas, or
/// one part of them.
struct WheelGroup {
    const Center* center = nullptr;
    const Leader* leader = nullptr;  ///< null when the group is the whole center
    int part = 1;                    ///< 1..parts when a leader's areas are split
    int parts = 1;
    std::vector<std::size_t> areas;  ///< indices into YearReview::areas, in register order
};

/// One wheel: its groups, outermost first.
struct WheelLayout {
    std::vector<WheelGroup> groups;
    std::size_t tracks() const;
};

/// The wheels for `areas` (YearReview::areas, grouped by center as it is), none with more than
/// `max_tracks` tracks. Every area is on exactly one wheel. Throws std::invalid_argument when
/// max_tracks < 1.
std::vector<WheelLayout> layout_wheels(const std::vector<AreaMeasures>& areas, int max_tracks);

/// "Center for Job og Social", "Center for Job og Social, leder Anne Krogh Bech",
/// "…, leder Anne Krogh Bech, del 1 af 2": plain text, not escaped.
std::string wheel_group_title(const WheelGroup& group);

}  // namespace tilsyn
