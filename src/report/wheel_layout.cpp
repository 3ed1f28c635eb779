#include "report/wheel_layout.h"

#include <fmt/format.h>

#include <stdexcept>

namespace tilsyn {

namespace {

// Splits n into k parts that differ by at most one, larger first: two wheels of 12 and 11
// read better than one of 22 and one of 1.
std::vector<std::size_t> equal_parts(std::size_t n, std::size_t k) {
    std::vector<std::size_t> sizes(k, n / k);
    for (std::size_t i = 0; i < n % k; ++i) ++sizes[i];
    return sizes;
}

// The groups of one center: the center whole when it fits, else one per leader (in the
// center's order of leaders), a leader that does not fit in equal parts.
void add_center_groups(std::vector<WheelGroup>& groups, const std::vector<AreaMeasures>& areas,
                       std::size_t first, std::size_t last, std::size_t max_tracks) {
    const Center* center = areas[first].center;
    if (last - first <= max_tracks) {
        WheelGroup g{center, nullptr, 1, 1, {}};
        for (std::size_t i = first; i < last; ++i) g.areas.push_back(i);
        groups.push_back(std::move(g));
        return;
    }
    for (std::size_t l = 0; l < center->leaders.size(); ++l) {
        std::vector<std::size_t> mine;
        for (std::size_t i = first; i < last; ++i)
            if (areas[i].area->leader == l) mine.push_back(i);
        if (mine.empty()) continue;
        const std::size_t k = (mine.size() + max_tracks - 1) / max_tracks;
        std::size_t at = 0;
        int part = 1;
        for (const std::size_t size : equal_parts(mine.size(), k)) {
            WheelGroup g{center, &center->leaders[l], part++, static_cast<int>(k), {}};
            g.areas.assign(mine.begin() + static_cast<std::ptrdiff_t>(at),
                           mine.begin() + static_cast<std::ptrdiff_t>(at + size));
            at += size;
            groups.push_back(std::move(g));
        }
    }
}

}  // namespace

std::size_t WheelLayout::tracks() const {
    std::size_t n = 0;
    for (const WheelGroup& g : groups) n += g.areas.size();
    return n;
}

std::vector<WheelLayout> layout_wheels(const std::vector<AreaMeasures>& areas, int max_tracks) {
    if (max_tracks < 1) throw std::invalid_argument("a year wheel needs room for one track");
    const auto cap = static_cast<std::size_t>(max_tracks);
    std::vector<WheelGroup> groups;
    for (std::size_t first = 0; first < areas.size();) {
        std::size_t last = first + 1;
        while (last < areas.size() && areas[last].center == areas[first].center) ++last;
        add_center_groups(groups, areas, first, last, cap);
        first = last;
    }
    // Neighbours share a wheel while they fit: the order of the report stays the order of the
    // wheels, and no group is ever cut between two wheels.
    std::vector<WheelLayout> wheels;
    for (WheelGroup& g : groups) {
        if (wheels.empty() || wheels.back().tracks() + g.areas.size() > cap) wheels.emplace_back();
        wheels.back().groups.push_back(std::move(g));
    }
    return wheels;
}

std::string wheel_group_title(const WheelGroup& group) {
    std::string title = group.center->name;
    if (group.leader) title += ", leder " + group.leader->name;
    if (group.parts > 1) title += fmt::format(", del {} af {}", group.part, group.parts);
    return title;
}

}  // namespace tilsyn
