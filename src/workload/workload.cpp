#include "workload/workload.h"

#include "base/hours.h"

#include <boost/date_time/gregorian/gregorian.hpp>

#include <algorithm>

namespace tilsyn {

namespace bg = boost::gregorian;

void WorkloadCell::add(const Occurrence& o) {
    ++supervisions;
    minutes += o.minutes;
}

void WorkloadCell::add(const WorkloadCell& other) {
    supervisions += other.supervisions;
    minutes += other.minutes;
}

namespace {

/// ISO 8601 (week-year, week): the week-year is the year of the week's Thursday.
std::pair<int, int> iso_week_of(Date d) {
    const int from_monday = (d.day_of_week().as_number() + 6) % 7;
    const Date thursday = d + bg::days(3 - from_monday);
    return {thursday.year(), iso_week(d)};
}

bool heavier(const WorkloadCell& a, const WorkloadCell& b) {
    return std::tie(a.minutes, a.supervisions) > std::tie(b.minutes, b.supervisions);
}

}  // namespace

Workload workload_of(const std::vector<const Occurrence*>& occurrences,
                     const std::vector<const Center*>& centers, int year, bool hours,
                     bool leveled) {
    Workload w;
    w.year = year;
    w.hours = hours;
    w.leveled = leveled;
    std::set<const Leader*> busy;
    for (const Occurrence* o : occurrences) busy.insert(&o->leader());
    std::map<const Leader*, std::size_t> row_of;
    for (const Center* c : centers) {
        const std::size_t before = w.leaders.size();
        for (const Leader& l : c->leaders) {
            if (!busy.count(&l)) continue;
            row_of.emplace(&l, w.leaders.size());
            w.leaders.push_back({c, &l, {}, {}, {}, {}, {}, {}});
        }
        // A center with nothing planned for the selected leaders (--leader of another center)
        // would only be an empty heading.
        if (w.leaders.size() > before) w.centers.push_back({c, nullptr, {}, {}, {}, {}, {}, {}});
    }
    for (const Occurrence* o : occurrences) {
        WorkloadRow& row = w.leaders[row_of.at(&o->leader())];
        row.months[static_cast<std::size_t>(o->planned.month() - 1)].add(*o);
        row.weeks[iso_week_of(o->planned)].add(*o);
        row.weeks_of_month[static_cast<std::size_t>(o->planned.month() - 1)].insert(
            iso_week_of(o->planned));
        row.year.add(*o);
    }
    for (const WorkloadRow& row : w.leaders)
        for (WorkloadRow* sum :
             {&*std::find_if(w.centers.begin(), w.centers.end(),
                             [&](const WorkloadRow& c) { return c.center == row.center; }),
              &w.total}) {
            for (std::size_t m = 0; m < 12; ++m) sum->months[m].add(row.months[m]);
            for (const auto& [week, cell] : row.weeks) sum->weeks[week].add(cell);
            for (std::size_t m = 0; m < 12; ++m)
                sum->weeks_of_month[m].insert(row.weeks_of_month[m].begin(),
                                              row.weeks_of_month[m].end());
            sum->year.add(row.year);
        }
    return w;
}

int WorkloadRow::peak_month() const {
    std::size_t best = 0;
    for (std::size_t m = 1; m < 12; ++m)
        if (heavier(months[m], months[best])) best = m;
    return static_cast<int>(best);
}

std::optional<std::pair<int, int>> WorkloadRow::peak_week() const {
    std::optional<std::pair<int, int>> best;
    for (const auto& [week, cell] : weeks)
        if (!best || heavier(cell, weeks.at(*best))) best = week;
    return best;
}

std::optional<std::pair<int, int>> WorkloadRow::peak_week_in(int month0) const {
    std::optional<std::pair<int, int>> best;
    for (const auto& week : weeks_of_month[static_cast<std::size_t>(month0)])
        if (!best || heavier(weeks.at(week), weeks.at(*best))) best = week;
    return best;
}

namespace {

// The warning is a message on standard error, which tilsyn writes in English throughout; the
// workload table it points to has the same figures in Danish.
std::string month_name(int month) {
    return boost::gregorian::greg_month(static_cast<unsigned short>(month)).as_long_string();
}

std::string hours_in_english(long long minutes) {
    return hours_plain(minutes) + (minutes == 60 ? " hour" : " hours");
}

}  // namespace

std::vector<CapacityExcess> capacity_excesses(const Workload& w) {
    std::vector<CapacityExcess> out;
    for (const WorkloadRow& row : w.leaders) {
        if (!row.capacity_minutes) continue;
        CapacityExcess e{&row, {}, row.peak_month()};
        for (int m = 0; m < 12; ++m)
            if (row.months[static_cast<std::size_t>(m)].minutes > *row.capacity_minutes)
                e.months.push_back(m);
        if (!e.months.empty()) out.push_back(std::move(e));
    }
    return out;
}

std::vector<std::string> capacity_warnings(const Workload& w) {
    std::vector<std::string> out;
    for (const CapacityExcess& e : capacity_excesses(w)) {
        const WorkloadRow& row = *e.row;
        std::string months;
        for (std::size_t i = 0; i < e.months.size(); ++i)
            months += std::string(i ? ", " : "") + month_name(e.months[i] + 1);
        out.push_back(row.leader->name + " (" + row.leader->id +
                      ") has more than the capacity of " + hours_in_english(*row.capacity_minutes) +
                      " planned in " + months + " (at most " +
                      hours_in_english(row.months[static_cast<std::size_t>(e.peak)].minutes) +
                      ", in " + month_name(e.peak + 1) + ")");
    }
    return out;
}

std::string week_code(std::pair<int, int> week) {
    return std::to_string(week.first) + "-W" + (week.second < 10 ? "0" : "") +
           std::to_string(week.second);
}

Date week_monday(std::pair<int, int> week) {
    // 4 January is always in week 1.
    const Date jan4(static_cast<unsigned short>(week.first), 1, 4);
    const Date monday1 = jan4 - bg::days((jan4.day_of_week().as_number() + 6) % 7);
    return monday1 + bg::days(7 * (week.second - 1));
}

Workload plan_workload(const Plan& plan, const Rules& rules, const WorkCalendar& calendar) {
    std::vector<const Occurrence*> occurrences;
    for (const Occurrence& o : plan.occurrences) occurrences.push_back(&o);
    Workload w = workload_of(occurrences, selected_centers(rules, plan.filter), plan.year,
                             rules.policy.workload.has_hours(), plan.leveled);
    const PlanningDays days(calendar, rules.policy.blackout);
    const LevelingProblem problem = leveling_problem(days, plan.year, plan.occurrences);
    for (WorkloadRow& row : w.leaders) {
        for (const LeaderLeveling& l : problem.leaders)
            if (l.leader == row.leader) {
                const int months = l.available_months();
                row.bounds =
                    WorkloadBounds{months, static_cast<double>(l.total()) / months, l.lp_bound()};
            }
        row.capacity_minutes = row.leader->capacity_minutes
                                   ? row.leader->capacity_minutes
                                   : rules.policy.workload.capacity_minutes;
    }
    return w;
}

}  // namespace tilsyn
