#include "plan_formats.h"

#include "ical_writer.h"

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <fmt/core.h>

#include <future>
#include <map>
#include <optional>
#include <vector>

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

// What depends only on the period and its dates, shared by every area with that period:
// a plan has a few dozen distinct periods and hundreds of thousands of events.
struct PeriodText {
    std::string uid_suffix;   ///< "-2027-M03@domain", after the area id
    std::string description;  ///< escaped "Periode: ...\nFrist: ...\n"
    std::string dtstart;
    std::string dtend;
    std::string trigger;
};

PeriodText period_text(const Occurrence& o, const WorkCalendar& calendar, const Policy& policy) {
    PeriodText t;
    t.uid_suffix = o.uid_suffix(policy.uid_domain);
    t.description = ical_escape_text("Periode: " + o.period_name() + " (" + iso(o.period_start) +
                                     " til " + iso(o.period_end) + ")\nFrist: " + danish_long(o.due) + "\n");
    t.dtstart = ical_date(o.planned);
    t.dtend = ical_date(o.planned + boost::gregorian::days(1));
    if (policy.reminder) t.trigger = trigger(calendar, o.planned, *policy.reminder);
    return t;
}

// Everything period_text reads: the period's dates (which give its cadence and slot, and so
// its code and name: periods are whole months aligned on the year) and the planned day.
// Made from the occurrence alone, without following its rating step into memory that a plan
// in date order visits in no particular order.
using PeriodKey = std::tuple<long, long, long>;
PeriodKey period_key(const Occurrence& o) {
    return {o.period_start.julian_day(), o.period_end.julian_day(), o.planned.julian_day()};
}

// Each line is escaped and folded straight into the output buffer, piece by piece. The
// constant labels are written already escaped (`\n`, `\,`), so that only the register's
// texts are scanned for characters to escape, 600,000 times over in a large plan.
void write_event(std::string& buf, const Occurrence& o, const PeriodText& pt, const Rules& rules,
                 const std::string& dtstamp) {
    const Area& a = *o.area;
    const Leader& l = o.leader();
    const Rating& rating = o.rating();
    const std::string_view colour = colour_danish(rating.colour);
    buf += "BEGIN:VEVENT\r\n";
    IcalLine(buf, "UID").escaped(a.id).escaped(pt.uid_suffix).end();
    ical_line(buf, "DTSTAMP", dtstamp);
    ical_line(buf, "DTSTART;VALUE=DATE", pt.dtstart);
    ical_line(buf, "DTEND;VALUE=DATE", pt.dtend);
    IcalLine(buf, "SUMMARY").escaped("Ledelsestilsyn (").text(colour).escaped("): ").text(a.name).end();

    IcalLine description(buf, "DESCRIPTION");
    description.escaped("Fokus: ").text(a.focus).escaped("\\n").escaped(pt.description);
    description.escaped("Begrundelse: ").text(o.step->reason());
    description.escaped("\\nRisiko: ").text(colour).escaped(" (sagsbehandling ").text(colour_danish(rating.sagsbehandling));
    description.escaped("\\, statsrefusion ").text(colour_danish(rating.statsrefusion)).escaped(")\\, ");
    description.text(rating.cadence.danish());
    description.escaped("\\nAnsvarlig: ").text(l.name).escaped(" <").text(l.email).escaped(">");
    description.escaped("\\nCenter: ").text(o.center->name);
    if (rating.colour_overridden)
        description.escaped("\\nFarve fastsat manuelt: ").text(o.assessment().colour_override->reason);
    if (rating.decided) description.escaped("\\nFarve efter ").text(o.step->source());
    if (rating.cadence_overridden)
        description.escaped("\\nHyppighed fastsat manuelt: ").text(o.assessment().cadence_override->reason);
    description.end();

    // The comma separates the two categories; the colour is escaped like any text.
    IcalLine(buf, "CATEGORIES").escaped("Ledelsestilsyn,").text(colour).end();
    // All-day supervisions should not mark the leader busy for the whole day.
    buf += "TRANSP:TRANSPARENT\r\nX-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n";
    if (rules.policy.reminder) {
        buf += "BEGIN:VALARM\r\nACTION:DISPLAY\r\n";
        IcalLine(buf, "DESCRIPTION").escaped("Ledelsestilsyn: ").text(a.name).end();
        ical_line(buf, "TRIGGER", pt.trigger);
        buf += "END:VALARM\r\n";
    }
    buf += "END:VEVENT\r\n";
}

// Events come in date order, so each belongs to another area, whose texts lie somewhere in
// a register of 100,000 areas: reading them waits on memory more than formatting them costs.
// Loading them a few events ahead, in two steps (the area and its rating step first, then the
// texts they point to), lets the wait overlap with formatting the events before.
void prefetch_area(const Occurrence& o) {
    const char* area = reinterpret_cast<const char*>(o.area);
    for (std::size_t line = 0; line < sizeof(Area); line += 64) __builtin_prefetch(area + line);
    __builtin_prefetch(o.step);
}

void prefetch_texts(const Occurrence& o) {
    __builtin_prefetch(o.area->name.data());
    __builtin_prefetch(o.area->focus.data());
    __builtin_prefetch(o.step->assessment);
    __builtin_prefetch(o.step->reason().data());
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

    // Period texts are prepared first, single-threaded; the events are then formatted in
    // chunks by two workers (reading the texts only) and written in plan order.
    std::map<PeriodKey, PeriodText> by_period;
    std::vector<const PeriodText*> text_of;  // per occurrence, so the workers look nothing up
    text_of.reserve(plan.occurrences.size());
    std::optional<PeriodKey> last;
    for (const Occurrence& o : plan.occurrences) {
        // In date order, neighbours mostly share a period and day: look up only on a change.
        const PeriodKey key = period_key(o);
        if (key != last) {
            auto p = by_period.try_emplace(key);
            if (p.second) p.first->second = period_text(o, calendar, rules.policy);
            text_of.push_back(&p.first->second);
            last = key;
        } else {
            text_of.push_back(text_of.back());
        }
    }
    const std::string stamp = utc_stamp(dtstamp);
    auto format_chunk = [&](std::size_t begin, std::size_t end) {
        std::string buf;
        buf.reserve((end - begin) * 900);
        for (std::size_t i = begin; i < end; ++i) {
            if (i + 16 < end) prefetch_area(plan.occurrences[i + 16]);
            if (i + 8 < end) prefetch_texts(plan.occurrences[i + 8]);
            write_event(buf, plan.occurrences[i], *text_of[i], rules, stamp);
        }
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
