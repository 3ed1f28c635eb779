#include "plan/export/plan_formats.h"

#include "plan/export/ical_writer.h"

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <optional>
#include <string>
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
    const Date day = r.working_days_before == 0
                         ? planned
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

// The leader is named as the register names them, however --leader picked them (id, name or
// e-mail): the name is what the calendar shows in the leader's list of calendars.
std::string calendar_name(const Plan& plan, const Rules& rules) {
    std::string name = rules.policy.calendar_name + " " + std::to_string(plan.year);
    const auto centers = selected_centers(rules, plan.filter);
    if (centers.size() == 1) name += " – " + centers.front()->name;
    if (plan.filter.leader) {
        std::vector<std::string> names;
        for (const Center* c : centers)
            for (const Leader& l : c->leaders)
                if (l.matches(*plan.filter.leader) &&
                    std::find(names.begin(), names.end(), l.name) == names.end())
                    names.push_back(l.name);
        for (const std::string& n : names) name += " – " + n;
    }
    return name;
}

// An iCalendar UTC date-time for a day: midnight UTC, which falls on the same day in Denmark.
std::string day_stamp(Date day) {
    return ical_date(day) + "T000000Z";
}

// What the leader reads in the event: the focus, the period, the reason and who is
// responsible, then how the colour or cadence was set when not by the scores.
std::string description(const Occurrence& o) {
    const Rating& rating = o.rating();
    const Leader& l = o.leader();
    std::string text;
    text.reserve(512);
    text.append("Fokus: ").append(o.area->focus);
    text.append("\nPeriode: ").append(o.period_name()).append(" (").append(iso(o.period_start));
    text.append(" til ").append(iso(o.period_end)).append(")\nFrist: ").append(danish_long(o.due));
    text.append("\nBegrundelse: ").append(o.step->reason());
    text.append("\nRisiko: ").append(colour_danish(rating.colour));
    text.append(" (sagsbehandling ").append(colour_danish(rating.sagsbehandling));
    text.append(", statsrefusion ").append(colour_danish(rating.statsrefusion)).append("), ");
    text.append(rating.cadence.danish())
        .append("\nAnsvarlig: ")
        .append(l.name)
        .append(" <")
        .append(l.email);
    text.append(">\nCenter: ").append(o.center->name);
    if (rating.colour_overridden)
        text.append("\nFarve fastsat manuelt: ").append(o.assessment().colour_override->reason);
    if (rating.decided) text.append("\nFarve efter ").append(o.step->source());
    if (rating.cadence_overridden)
        text.append("\nHyppighed fastsat manuelt: ")
            .append(o.assessment().cadence_override->reason);
    return text;
}

// A cancelled event still says what it was, so that the leader recognises what went away.
std::string cancelled_description(const Occurrence& o) {
    return "Aflyst " + danish_long(o.modified) +
           ": planen er ændret, og dette tilsyn indgår ikke længere i den (tilsyn history " +
           o.area->id + ")\n\n" + description(o);
}

// SEQUENCE and LAST-MODIFIED tell a calendar that has the event already whether this is a
// newer version of it (RFC 5545 3.8.7.4, RFC 5546 2.1.4); DTSTAMP, with METHOD present, is
// when this calendar was written.
void append_event(std::string& out, const Occurrence& o, const Policy& policy,
                  const WorkCalendar& calendar, const std::string& dtstamp, bool cancelled) {
    const std::string colour = ical_escape_text(colour_danish(o.rating().colour));
    const std::string name = ical_escape_text(o.area->name);
    out += "BEGIN:VEVENT\r\n";
    ical_line(out, "UID", o.uid(policy.uid_domain));
    ical_line(out, "DTSTAMP", dtstamp);
    ical_line(out, "LAST-MODIFIED", day_stamp(o.modified));
    ical_line(out, "SEQUENCE", std::to_string(o.sequence));
    ical_line(out, "STATUS", cancelled ? "CANCELLED" : "CONFIRMED");
    ical_line(out, "DTSTART;VALUE=DATE", ical_date(o.planned));
    ical_line(out, "DTEND;VALUE=DATE", ical_date(o.planned + boost::gregorian::days(1)));
    ical_line(
        out, "SUMMARY",
        std::string(cancelled ? "Aflyst: " : "") + "Ledelsestilsyn (" + colour + "): " + name);
    ical_line(out, "DESCRIPTION",
              ical_escape_text(cancelled ? cancelled_description(o) : description(o)));
    // The comma separates the two categories.
    ical_line(out, "CATEGORIES", "Ledelsestilsyn," + colour);
    // All-day supervisions should not mark the leader busy for the whole day.
    out += "TRANSP:TRANSPARENT\r\nX-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n";
    if (policy.reminder && !cancelled) {
        out += "BEGIN:VALARM\r\nACTION:DISPLAY\r\n";
        ical_line(out, "DESCRIPTION", "Ledelsestilsyn: " + name);
        ical_line(out, "TRIGGER", trigger(calendar, o.planned, *policy.reminder));
        out += "END:VALARM\r\n";
    }
    out += "END:VEVENT\r\n";
}

}  // namespace

namespace {

void write_calendar(std::ostream& out, const std::vector<const Plan*>& plans,
                    std::optional<int> refresh_hours, const Rules& rules,
                    const WorkCalendar& calendar, boost::posix_time::ptime dtstamp) {
    std::string text = "BEGIN:VCALENDAR\r\n";
    ical_line(text, "VERSION", "2.0");
    ical_line(text, "PRODID", "-//tilsyn//tilsyn " TILSYN_VERSION "//DA");
    ical_line(text, "CALSCALE", "GREGORIAN");
    ical_line(text, "METHOD", "PUBLISH");
    ical_line(text, "X-WR-CALNAME", ical_escape_text(calendar_name(*plans.front(), rules)));
    if (refresh_hours) {
        // RFC 7986's property, and the one Outlook reads for the same thing.
        const std::string every = "PT" + std::to_string(*refresh_hours) + "H";
        ical_line(text, "REFRESH-INTERVAL;VALUE=DURATION", every);
        ical_line(text, "X-PUBLISHED-TTL", every);
    }
    out << text;
    const std::string stamp = utc_stamp(dtstamp);
    for (const Plan* plan : plans)
        for (const Occurrence& o : plan->occurrences) {
            text.clear();
            append_event(text, o, rules.policy, calendar, stamp, false);
            out << text;
        }
    // What a change dropped stays in the calendar as cancelled: a calendar that imported or
    // subscribed to the earlier version removes or strikes it only when told so.
    for (const Plan* plan : plans)
        for (const Occurrence& o : plan->cancelled) {
            text.clear();
            append_event(text, o, rules.policy, calendar, stamp, true);
            out << text;
        }
    out << "END:VCALENDAR\r\n";
}

}  // namespace

void write_plan_ics(std::ostream& out, const Plan& plan, const Rules& rules,
                    const WorkCalendar& calendar, boost::posix_time::ptime dtstamp) {
    write_calendar(out, {&plan}, std::nullopt, rules, calendar, dtstamp);
}

void write_plan_ics(std::ostream& out, const IcsFeed& feed, const Rules& rules,
                    const WorkCalendar& calendar, boost::posix_time::ptime dtstamp) {
    write_calendar(out, feed.plans, feed.refresh_hours, rules, calendar, dtstamp);
}

}  // namespace tilsyn
