#include "plan_formats.h"

#include "ical_writer.h"

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <fmt/core.h>

#include <future>
#include <map>
#include <thread>
#include <unordered_map>

namespace tilsyn {

namespace {

std::string utc_stamp(boost::posix_time::ptime t) {
    const auto d = t.date();
    const auto tod = t.time_of_day();
    return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", static_cast<int>(d.year()),
                       static_cast<int>(d.month()), static_cast<int>(d.day()), tod.hours(),
                       tod.minutes(), tod.seconds());
}

// A trigger relative to an all-day event's start (local midnight), so the alarm rings at the
// same wall-clock time whatever the time zone and summer time.
std::string trigger(const WorkCalendar& calendar, Date planned, const Reminder& r) {
    const Date day = r.working_days_before == 0 ? planned
                                                : calendar.working_days_before(planned, r.working_days_before);
    const long minutes = (planned - day).days() * 1440L - (r.hour * 60L + r.minute);
    const long abs = minutes < 0 ? -minutes : minutes;
    std::string out = minutes > 0 ? "-P" : "P";
    const long days = abs / 1440, hours = abs % 1440 / 60, mins = abs % 60;
    if (days) out += std::to_string(days) + "D";
    if (hours || mins || !days) {
        out += "T";
        if (hours || !mins) out += std::to_string(hours) + "H";
        if (mins) out += std::to_string(mins) + "M";
    }
    return out;
}

std::string calendar_name(const Plan& plan, const Rules& rules) {
    std::string name = rules.policy.calendar_name + " " + std::to_string(plan.year);
    const auto centers = selected_centers(rules, plan.filter);
    if (centers.size() == 1) name += " – " + centers.front()->name;
    if (plan.filter.leader) name += " – " + *plan.filter.leader;
    return name;
}

// What an event says that depends only on the area's assessment: worked out once per
// assessment, not once per event (an area has up to twelve events a year).
struct AssessmentText {
    std::string summary;      ///< escaped SUMMARY value
    std::string description;  ///< escaped DESCRIPTION tail, after the period lines
    std::string alarm;        ///< escaped VALARM DESCRIPTION value
    std::string category;     ///< escaped CATEGORIES value
};

// What depends only on the period and its dates, shared by every area with that period.
struct PeriodText {
    std::string description;  ///< escaped "Periode: ...\nFrist: ...\n"
    std::string dtstart;
    std::string dtend;
    std::string trigger;
};

AssessmentText assessment_text(const Occurrence& o) {
    const Area& a = *o.area;
    const Leader& l = o.leader();
    const std::string colour(colour_danish(o.rating.colour));
    std::string description = "Begrundelse: " + o.assessment->reason + "\nRisiko: " + colour +
                              " (sagsbehandling " + std::string(colour_danish(o.rating.sagsbehandling)) +
                              ", statsrefusion " + std::string(colour_danish(o.rating.statsrefusion)) +
                              "), " + o.rating.cadence.danish() + "\nAnsvarlig: " + l.name + " <" +
                              l.email + ">\nCenter: " + o.center->name;
    if (o.rating.colour_overridden)
        description += "\nFarve fastsat manuelt: " + o.assessment->colour_override->reason;
    if (o.rating.cadence_overridden)
        description += "\nHyppighed fastsat manuelt: " + o.assessment->cadence_override->reason;
    AssessmentText t;
    t.summary = ical_escape_text("Ledelsestilsyn (" + colour + "): " + a.name);
    t.description = ical_escape_text(description);
    t.alarm = ical_escape_text("Ledelsestilsyn: " + a.name);
    t.category = "Ledelsestilsyn," + ical_escape_text(colour);
    return t;
}

PeriodText period_text(const Occurrence& o, const WorkCalendar& calendar, const Policy& policy) {
    PeriodText t;
    t.description = ical_escape_text("Periode: " + o.period_name() + " (" + iso(o.period_start) +
                                     " til " + iso(o.period_end) + ")\nFrist: " + danish_long(o.due) + "\n");
    t.dtstart = ical_date(o.planned);
    t.dtend = ical_date(o.planned + boost::gregorian::days(1));
    if (policy.reminder) t.trigger = trigger(calendar, o.planned, *policy.reminder);
    return t;
}

using PeriodKey = std::tuple<long, long, long>;  // period start, period end, planned (julian days)
PeriodKey period_key(const Occurrence& o) {
    return {o.period_start.julian_day(), o.period_end.julian_day(), o.planned.julian_day()};
}

struct EventTexts {
    const AssessmentText* assessment = nullptr;
    const PeriodText* period = nullptr;
};

void write_event(std::string& buf, std::string& scratch, const Occurrence& o, const EventTexts& texts,
                 const Rules& rules, const std::string& dtstamp) {
    const AssessmentText& at = *texts.assessment;
    const PeriodText& pt = *texts.period;
    buf += "BEGIN:VEVENT\r\n";
    ical_line(buf, "UID", o.uid(rules.policy.uid_domain));
    ical_line(buf, "DTSTAMP", dtstamp);
    ical_line(buf, "DTSTART;VALUE=DATE", pt.dtstart);
    ical_line(buf, "DTEND;VALUE=DATE", pt.dtend);
    ical_line(buf, "SUMMARY", at.summary);
    scratch.assign("Fokus: ");
    ical_escape_text_to(scratch, o.area->focus);
    scratch.append("\\n").append(pt.description).append(at.description);
    ical_line(buf, "DESCRIPTION", scratch);
    ical_line(buf, "CATEGORIES", at.category);
    // All-day supervisions should not mark the leader busy for the whole day.
    buf += "TRANSP:TRANSPARENT\r\nX-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n";
    if (rules.policy.reminder) {
        buf += "BEGIN:VALARM\r\nACTION:DISPLAY\r\n";
        ical_line(buf, "DESCRIPTION", at.alarm);
        ical_line(buf, "TRIGGER", pt.trigger);
        buf += "END:VALARM\r\n";
    }
    buf += "END:VEVENT\r\n";
}

}  // namespace

void write_plan_ics(std::ostream& out, const Plan& plan, const Rules& rules,
                    const WorkCalendar& calendar, boost::posix_time::ptime dtstamp) {
    std::string head = "BEGIN:VCALENDAR\r\n";
    ical_line(head, "VERSION", "2.0");
    ical_line(head, "PRODID", "-//tilsyn//tilsyn " TILSYN_VERSION "//DA");
    ical_line(head, "CALSCALE", "GREGORIAN");
    ical_line(head, "METHOD", "PUBLISH");
    ical_line(head, "X-WR-CALNAME", ical_escape_text(calendar_name(plan, rules)));
    out.write(head.data(), static_cast<std::streamsize>(head.size()));

    // Texts shared between events are prepared first, single-threaded; the events are then
    // formatted in chunks by two workers and written in plan order.
    std::unordered_map<const Assessment*, AssessmentText> by_assessment(plan.occurrences.size() / 4);
    std::map<PeriodKey, PeriodText> by_period;
    std::vector<EventTexts> texts;
    texts.reserve(plan.occurrences.size());
    for (const Occurrence& o : plan.occurrences) {
        auto a = by_assessment.try_emplace(o.assessment);
        if (a.second) a.first->second = assessment_text(o);
        auto p = by_period.try_emplace(period_key(o));
        if (p.second) p.first->second = period_text(o, calendar, rules.policy);
        texts.push_back({&a.first->second, &p.first->second});
    }
    const std::string stamp = utc_stamp(dtstamp);
    auto format_chunk = [&](std::size_t begin, std::size_t end) {
        std::string buf, scratch;
        buf.reserve((end - begin) * 900);
        for (std::size_t i = begin; i < end; ++i) write_event(buf, scratch, plan.occurrences[i], texts[i], rules, stamp);
        return buf;
    };
    constexpr std::size_t chunk = 8192;
    const std::size_t n = plan.occurrences.size();
    std::future<std::string> next;
    for (std::size_t begin = 0; begin < n; begin += 2 * chunk) {
        const std::size_t mid = std::min(n, begin + chunk), end = std::min(n, begin + 2 * chunk);
        if (mid < end) next = std::async(std::launch::async, format_chunk, mid, end);
        const std::string first = format_chunk(begin, mid);
        out.write(first.data(), static_cast<std::streamsize>(first.size()));
        if (mid < end) {
            const std::string second = next.get();
            out.write(second.data(), static_cast<std::streamsize>(second.size()));
        }
    }
    static constexpr std::string_view tail = "END:VCALENDAR\r\n";
    out.write(tail.data(), static_cast<std::streamsize>(tail.size()));
}

}  // namespace tilsyn
