#include "plan/day_placement.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace tilsyn {

namespace {

/// A day a supervision may be planned on, with its week (counted from the Monday on or before
/// 1 January, so a week across a month or the new year is one week) and its day of the year.
struct DayOption {
    Date date;
    std::size_t week;
    std::size_t day;
};

/// One supervision to place: its occurrence, its month and the days it may take.
struct Pick {
    std::size_t job;
    int month0;
    int minutes;
    const std::vector<DayOption>* options = nullptr;
    const DayOption* chosen = nullptr;
};

}  // namespace

void place_days(const PlanningDays& days, int year, const LeaderLeveling& leader,
                const std::vector<LevelingWindow>& windows, std::vector<Occurrence>& occurrences) {
    std::vector<Pick> picks;
    for (const LevelingClass& c : leader.classes)
        for (std::size_t m = 0, at = 0; m < 12; ++m)
            for (int n = 0; n < c.count[m]; ++n)
                picks.push_back({c.jobs[at++], static_cast<int>(m), c.minutes});
    // The order they choose in: the largest first, then by month, then in register order (a
    // leader's areas are all in one center).
    std::sort(picks.begin(), picks.end(), [&](const Pick& x, const Pick& y) {
        const Occurrence& a = occurrences[x.job];
        const Occurrence& b = occurrences[y.job];
        return std::make_tuple(-x.minutes, x.month0, a.area, a.period_start) <
               std::make_tuple(-y.minutes, y.month0, b.area, b.period_start);
    });

    const Date jan1(static_cast<unsigned short>(year), 1, 1);
    const Date first_monday =
        jan1 - boost::gregorian::days((jan1.day_of_week().as_number() + 6) % 7);
    // The plannable days of each part of a period that lies in one month, made once: a
    // leader's supervisions of one cadence share them.
    std::map<std::pair<Date, Date>, std::vector<DayOption>> options;
    auto options_of = [&](const Pick& p) -> const std::vector<DayOption>* {
        const LevelingWindow& w = windows[p.job];
        const Date month_start(static_cast<unsigned short>(year),
                               static_cast<unsigned short>(p.month0 + 1), 1);
        const Date from = std::max(w.first, month_start);
        const Date to = std::min(w.last, month_start.end_of_month());
        auto [it, fresh] = options.try_emplace({from, to});
        if (fresh)
            for (Date d : days.days_in(from, to))
                it->second.push_back({d, static_cast<std::size_t>((d - first_monday).days() / 7),
                                      static_cast<std::size_t>(d.day_of_year())});
        return &it->second;
    };

    std::vector<long long> week_load(54, 0);
    std::vector<int> day_count(367, 0);
    std::vector<std::vector<std::size_t>> in_week(54);  // picks by week, for the second pass
    // What a day is compared by: its week's minutes, then its supervisions.
    auto load_of = [&](const DayOption& d) {
        return std::make_pair(week_load[d.week], day_count[d.day]);
    };
    auto place = [&](std::size_t i, const DayOption& d) {
        week_load[d.week] += picks[i].minutes;
        ++day_count[d.day];
        in_week[d.week].push_back(i);
        picks[i].chosen = &d;
        occurrences[picks[i].job].planned = d.date;
    };
    for (std::size_t i = 0; i < picks.size(); ++i) {
        picks[i].options = options_of(picks[i]);
        // The month was chosen among those with a working day, so there is always an option;
        // min_element keeps the earliest of equals.
        place(i, *std::min_element(picks[i].options->begin(), picks[i].options->end(),
                                   [&](const DayOption& a, const DayOption& b) {
                                       return load_of(a) < load_of(b);
                                   }));
    }
    // Greedy choices can stack a week that a later choice would have avoided (a month's last
    // days and the next month's first share one): move a supervision out of the busiest week
    // to its lightest other option while that leaves both weeks below the peak.
    for (;;) {
        const long long peak = *std::max_element(week_load.begin(), week_load.end());
        bool moved = false;
        for (std::size_t w = 0; w < week_load.size() && !moved; ++w) {
            if (week_load[w] != peak) continue;
            for (std::size_t k = 0; k < in_week[w].size() && !moved; ++k) {
                const std::size_t i = in_week[w][k];
                const DayOption* best = nullptr;
                for (const DayOption& d : *picks[i].options)
                    if (d.week != w && week_load[d.week] + picks[i].minutes < peak &&
                        (!best || load_of(d) < load_of(*best)))
                        best = &d;
                if (!best) continue;
                week_load[w] -= picks[i].minutes;
                --day_count[picks[i].chosen->day];
                in_week[w].erase(in_week[w].begin() + static_cast<std::ptrdiff_t>(k));
                place(i, *best);
                moved = true;
            }
        }
        if (!moved) return;
    }
}

}  // namespace tilsyn
