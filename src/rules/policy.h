#pragma once
// The municipality's policy: scales, how scores become colours, the cadence of each colour,
// extra closing days and calendar-export settings. Defaults are documented in docs/rules.md.

#include "rules/cadence.h"
#include "rules/colour.h"
#include "rules/diagnostics.h"
#include "rules/sample_size.h"
#include "rules/work_calendar.h"

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tilsyn {

struct Scale {
    int min = 1;
    int max = 5;
    bool contains(std::int64_t v) const { return v >= min && v <= max; }
};

enum class RatingMethod { product, sum };

/// A VALARM: at hour:minute local time, a number of working days before the supervision.
struct Reminder {
    int hour = 9;
    int minute = 0;
    int working_days_before = 1;
};

/// How findings re-rate an area (docs/rules.md, [rerating]). Rates are compared exactly, in
/// whole percent: errors * 100 > raise_above_percent * cases.
struct RerateRules {
    int raise_above_percent = 10;  ///< a supervision above this on either axis: one colour up
    bool material_to_red = true;   ///< a væsentlig finding: red at once
    int lower_below_percent = 5;   ///< below this on both axes ...
    int lower_after = 3;           ///< ... in this many consecutive supervisions: one colour down
};

/// What `tilsyn remind` reports and how it mails it (docs/rules.md, [reminders]).
struct RemindRules {
    int within = 5;             ///< "due soon": due within this many working days
    std::optional<Date> since;  ///< overdue supervisions are looked for from this day on
    std::string from;           ///< the sender's address; "" means tilsyn@<uid_domain>
    std::string sendmail = "/usr/sbin/sendmail -t -oi";  ///< run by /bin/sh for --send
};

/// When a supervision counts as registered late (docs/rules.md, [timeliness]): recorded in the
/// log more than `register_within` working days after the day it was performed. A late
/// registration does not make the supervision late; it is shown beside its timeliness.
struct TimelinessRules {
    static constexpr int max_register_within = 60;
    int register_within = 5;  ///< working days
};

/// How many cases a supervision reviews (docs/sampling.md, [sampling]).
struct SamplingRules {
    enum class Method { fixed, attribute };
    Method method = Method::fixed;
    std::array<int, 3> fixed{5, 10, 15};  ///< cases per supervision, by colour (green, yellow, red)
    AttributePlan attribute;              ///< confidence 95 %, tolerable 5 %, expected 1 %

    int fixed_of(Colour c) const { return fixed[static_cast<std::size_t>(c)]; }
};

/// A day of the year, "MM-DD".
struct MonthDay {
    int month = 1;
    int day = 1;
};

/// When no supervision is planned: holiday weeks and spans of days (docs/rules.md, [blackout]).
/// When a new area's supervision starts (docs/rules.md, "When an area starts"). An area exists
/// from its first assessment: its first period is the first that begins on or after that day,
/// or, when `running_period` is set, the period running on that day if at least
/// `min_working_days` of its working days lie on or after it.
struct StartRules {
    bool running_period = false;
    int min_working_days = 10;
};

/// A supervision is planned on a working day outside the blackout when its period has one;
/// its due date stays the period's last working day.
struct BlackoutRules {
    std::vector<int> iso_weeks{28, 29, 30, 31};  ///< summer holidays
    struct Span {
        MonthDay from;
        MonthDay to;  ///< inclusive; before `from` when the span crosses the new year
    };
    std::vector<Span> spans{{{12, 22}, {1, 2}}};  ///< Christmas and New Year
    bool contains(Date d) const;
};

/// What a supervision costs the leader (docs/rules.md, [workload]). Kept in whole minutes so
/// that sums are exact.
struct WorkloadRules {
    // A supervision of more than a working month (about 160 hours) is a typo; a capacity above
    // every hour of a 31-day month too.
    static constexpr int max_supervision_hours = 160;
    static constexpr int max_capacity_hours = 744;

    /// Minutes per supervision by colour (green, yellow, red); without them the workload is
    /// counted and leveled in supervisions.
    std::optional<std::array<int, 3>> minutes;
    std::optional<int>
        capacity_minutes;  ///< per leader per month, unless the register says otherwise

    bool has_hours() const { return minutes.has_value(); }
    /// A supervision's weight in leveling: its minutes, or 60 when the policy counts supervisions.
    int minutes_of(Colour c) const {
        return minutes ? (*minutes)[static_cast<std::size_t>(c)] : 60;
    }
};

struct Policy {
    std::string source;  ///< the file it came from, or "" for built-in defaults
    Scale likelihood;
    Scale consequence;
    RatingMethod method = RatingMethod::product;
    int red_from = 15;
    int yellow_from = 6;
    std::array<Cadence, 3> cadence{Cadence::every(6), Cadence::every(3), Cadence::every(1)};
    std::vector<ClosingDayRule> closing_days{{std::nullopt, 12, 24, "Juleaftensdag"},
                                             {std::nullopt, 12, 31, "Nytårsaftensdag"}};
    std::string calendar_name = "Ledelsestilsyn";
    std::string uid_domain = "tilsyn.invalid";
    std::optional<Reminder> reminder;
    RerateRules rerating;
    RemindRules remind;
    TimelinessRules timeliness;
    StartRules start;
    SamplingRules sampling;
    WorkloadRules workload;
    BlackoutRules blackout;

    /// The reminders' sender: [reminders] from, else tilsyn@ the calendar's UID domain.
    std::string sender() const {
        return remind.from.empty() ? "tilsyn@" + uid_domain : remind.from;
    }

    const Cadence& cadence_of(Colour c) const { return cadence[static_cast<std::size_t>(c)]; }
};

/// Reads policy.toml from the bytes of `file`, already read; problems are added to diags and
/// the default is kept for that key.
Policy read_policy(const std::string& file, std::string_view text, Diagnostics& diags);

}  // namespace tilsyn
