#include "plan_formats.h"

#include "ical_writer.h"

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <fmt/core.h>

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

void write_event(std::string& buf, const Occurrence& o, const Rules& rules,
                 const WorkCalendar& calendar, const std::string& dtstamp) {
    const Area& a = *o.area;
    const Leader& l = o.leader();
    const std::string colour(colour_danish(o.rating.colour));
    const std::string summary = "Ledelsestilsyn (" + colour + "): " + a.name;
    std::string description = "Fokus: " + a.focus + "\nBegrundelse: " + o.assessment->reason +
                              "\nRisiko: " + colour + " (sagsbehandling " +
                              std::string(colour_danish(o.rating.sagsbehandling)) +
                              ", statsrefusion " + std::string(colour_danish(o.rating.statsrefusion)) +
                              "), " + o.rating.cadence.danish() + "\nPeriode: " + o.period_name() +
                              " (" + iso(o.period_start) + " til " + iso(o.period_end) + ")" +
                              "\nFrist: " + danish_long(o.due) + "\nAnsvarlig: " + l.name + " <" +
                              l.email + ">\nCenter: " + o.center->name;
    if (o.rating.colour_overridden)
        description += "\nFarve fastsat manuelt: " + o.assessment->colour_override->reason;
    if (o.rating.cadence_overridden)
        description += "\nHyppighed fastsat manuelt: " + o.assessment->cadence_override->reason;

    buf += "BEGIN:VEVENT\r\n";
    ical_line(buf, "UID", o.uid(rules.policy.uid_domain));
    ical_line(buf, "DTSTAMP", dtstamp);
    ical_line(buf, "DTSTART;VALUE=DATE", ical_date(o.planned));
    ical_line(buf, "DTEND;VALUE=DATE", ical_date(o.planned + boost::gregorian::days(1)));
    ical_line(buf, "SUMMARY", ical_escape_text(summary));
    ical_line(buf, "DESCRIPTION", ical_escape_text(description));
    ical_line(buf, "CATEGORIES", "Ledelsestilsyn," + ical_escape_text(colour));
    // All-day supervisions should not mark the leader busy for the whole day.
    ical_line(buf, "TRANSP", "TRANSPARENT");
    ical_line(buf, "X-MICROSOFT-CDO-BUSYSTATUS", "FREE");
    if (const auto& r = rules.policy.reminder) {
        buf += "BEGIN:VALARM\r\n";
        ical_line(buf, "ACTION", "DISPLAY");
        ical_line(buf, "DESCRIPTION", ical_escape_text("Ledelsestilsyn: " + a.name));
        ical_line(buf, "TRIGGER", trigger(calendar, o.planned, *r));
        buf += "END:VALARM\r\n";
    }
    buf += "END:VEVENT\r\n";
}

}  // namespace

void write_plan_ics(std::ostream& out, const Plan& plan, const Rules& rules,
                    const WorkCalendar& calendar, boost::posix_time::ptime dtstamp) {
    std::string buf;
    buf += "BEGIN:VCALENDAR\r\n";
    ical_line(buf, "VERSION", "2.0");
    ical_line(buf, "PRODID", "-//tilsyn//tilsyn " TILSYN_VERSION "//DA");
    ical_line(buf, "CALSCALE", "GREGORIAN");
    ical_line(buf, "METHOD", "PUBLISH");
    ical_line(buf, "X-WR-CALNAME", ical_escape_text(calendar_name(plan, rules)));
    const std::string stamp = utc_stamp(dtstamp);
    // Flushed in large chunks: one write per event would dominate the time for big plans.
    constexpr std::size_t chunk = 1 << 20;
    for (const Occurrence& o : plan.occurrences) {
        write_event(buf, o, rules, calendar, stamp);
        if (buf.size() >= chunk) {
            out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
            buf.clear();
        }
    }
    buf += "END:VCALENDAR\r\n";
    out.write(buf.data(), static_cast<std::streamsize>(buf.size()));
}

}  // namespace tilsyn
