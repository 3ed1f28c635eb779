#include "plan_formats.h"

#include "chunked_output.h"
#include "huge_pages.h"
#include "ical_writer.h"

#include <boost/date_time/posix_time/posix_time_types.hpp>

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <exception>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <thread>
#include <tuple>
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

// What depends only on the period and its planned day, shared by every area with that
// period: a plan has a few dozen distinct periods and hundreds of thousands of events.
struct PeriodText {
    std::string uid_suffix;   ///< "-2027-M03@domain", after the area id
    std::string dates;        ///< the DTSTAMP, DTSTART and DTEND lines
    std::string description;  ///< escaped "Periode: ...\nFrist: ...\n"
    std::string close;        ///< the alarm's TRIGGER and END:VALARM, if any, and END:VEVENT
};

PeriodText period_text(const Occurrence& o, const WorkCalendar& calendar, const Policy& policy,
                       const std::string& dtstamp) {
    PeriodText t;
    t.uid_suffix = o.uid_suffix(policy.uid_domain);
    ical_line(t.dates, "DTSTAMP", dtstamp);
    ical_line(t.dates, "DTSTART;VALUE=DATE", ical_date(o.planned));
    ical_line(t.dates, "DTEND;VALUE=DATE", ical_date(o.planned + boost::gregorian::days(1)));
    t.description = ical_escape_text("Periode: " + o.period_name() + " (" + iso(o.period_start) +
                                     " til " + iso(o.period_end) + ")\nFrist: " + danish_long(o.due) + "\n");
    if (policy.reminder) {
        ical_line(t.close, "TRIGGER", trigger(calendar, o.planned, *policy.reminder));
        t.close += "END:VALARM\r\n";
    }
    t.close += "END:VEVENT\r\n";
    return t;
}

// Everything period_text reads: the period's dates (which give its cadence and slot, and so
// its code and name: periods are whole months aligned on the year) and the planned day.
// Made from the occurrence alone, without following its rating step into memory that a plan
// in date order visits in no particular order.
using PeriodKey = std::tuple<long, long, long>;
PeriodKey period_key(const Occurrence& o) {
    return {day_key(o.period_start), day_key(o.period_end), day_key(o.planned)};
}

// The period texts met on one planned day. A day has a handful of periods (one per cadence
// in use), and the occurrences come day by day with areas of different cadences side by
// side, so the one looked for is found among these few for far less than in the plan's map
// of hundreds: in date order, 600,000 events change period some 226,000 times.
class DayPeriods {
public:
    /// The text kept for the key, else the one `look_up` returns, kept from then on. A key of
    /// another day forgets the last day's.
    template <class LookUp>
    const PeriodText& find(const PeriodKey& key, LookUp look_up) {
        if (std::get<2>(key) != day_) {
            seen_.clear();
            day_ = std::get<2>(key);
        }
        for (const auto& [k, text] : seen_)
            if (k == key) return *text;
        const PeriodText& text = look_up();
        seen_.emplace_back(key, &text);
        return text;
    }

private:
    long day_ = LONG_MIN;
    std::vector<std::pair<PeriodKey, const PeriodText*>> seen_;
};

// An area's texts under one rating step, escaped, and where its shared parts are: an area
// is supervised up to twelve times a year, and escaping its texts once instead of at every
// event is most of what formatting a large calendar saves. A step's entry in an arena is
// this header and then its texts, so that an event reads one place: the events come in date
// order, which visits the areas in no order at all, and each place is a wait on memory.
struct StepText {
    std::uint32_t id = 0, name = 0, focus = 0, reason = 0, notes = 0;  ///< the texts' lengths, in turn
    std::uint32_t tail = 0;  ///< in the part's tails: "\nRisiko: ...\nAnsvarlig: ...\nCenter: ..."
    Colour colour = Colour::green;
    std::uint8_t part = 0;  ///< which thread prepared it, into its own arena and tails
};

// The period and step texts of every event, prepared before the events are formatted on
// several threads, which then only read them.
class EventTexts {
public:
    EventTexts(const Plan& plan, const Rules& rules, const WorkCalendar& calendar, const std::string& dtstamp);

    const PeriodText& period(const Occurrence& o) const { return periods_.find(period_key(o))->second; }
    /// Where the occurrence's step entry starts: its StepText, then its texts.
    const char* entry(const Occurrence& o) const {
        const auto i = static_cast<std::size_t>(o.step - plan_.steps.data());
        if (i >= steps_.size()) throw std::logic_error("plan_ics: an occurrence's rating step is not the plan's");
        return parts_[steps_[i] >> offset_bits].arena.data() + (steps_[i] & offset_mask);
    }
    /// The step's entry in `steps_`, for fetching it ahead.
    const std::uint64_t* slot(const Occurrence& o) const { return steps_.data() + (o.step - plan_.steps.data()); }
    std::string_view tail(const StepText& st) const { return parts_[st.part].tails[st.tail]; }

private:
    // What a description's tail is made of: the rating, the leader and the center.
    using TailKey = std::tuple<Colour, Colour, Colour, int, const Leader*, const Center*>;
    // What one thread prepares the steps of a run of areas into.
    struct Part {
        std::string arena;
        std::vector<std::string> tails;
        std::map<TailKey, std::uint32_t> tail_ids;

        std::uint32_t add(std::string_view text) {  // escaped; returns its length
            const std::size_t before = arena.size();
            append_ical_escaped(arena, text);
            return static_cast<std::uint32_t>(arena.size() - before);
        }
    };
    // Appends the step's entry to the part's arena; returns where it starts there.
    std::size_t prepare(const PlannedArea& pa, const RatingStep& step, std::uint8_t part);

    // A step's entry: the part that holds it in the top byte, its offset in the rest.
    static constexpr int offset_bits = 56;
    static constexpr std::uint64_t offset_mask = (std::uint64_t{1} << offset_bits) - 1;

    const Plan& plan_;
    std::map<PeriodKey, PeriodText> periods_;
    std::vector<std::uint64_t> steps_;  // per plan step: 8 bytes each, so the table stays in the cache
    std::vector<Part> parts_;
};

EventTexts::EventTexts(const Plan& plan, const Rules& rules, const WorkCalendar& calendar,
                       const std::string& dtstamp)
    : plan_(plan) {
    steps_.resize(plan.steps.size());
    // The steps are prepared area by area in register order, where one area's texts lie near
    // the next one's, by a thread per processor (one for a small plan), each into its own
    // part; meanwhile this thread makes the period texts.
    constexpr std::size_t areas_per_thread = 4096;
    const std::size_t threads = std::clamp<std::size_t>(
        plan.areas.size() / areas_per_thread, 1, std::min(255u, std::max(1u, std::thread::hardware_concurrency())));
    parts_.resize(threads);
    std::vector<std::exception_ptr> errors(threads);
    {
        std::vector<std::jthread> pool;
        for (std::size_t p = 0; p < threads; ++p)
            pool.emplace_back([&, p] {
                try {
                    const std::size_t begin = plan.areas.size() * p / threads;
                    const std::size_t end = plan.areas.size() * (p + 1) / threads;
                    // Room for the texts as they are before escaping, plus a sixteenth for the
                    // escapes and the rare notes: an arena grown by doubling would copy itself
                    // and touch twice the memory.
                    std::size_t bytes = 0;
                    for (std::size_t a = begin; a < end; ++a) {
                        const PlannedArea& pa = plan.areas[a];
                        for (std::size_t s = pa.first_step; s < pa.first_step + pa.step_count; ++s)
                            bytes += sizeof(StepText) + pa.area->id.size() + pa.area->name.size() +
                                     pa.area->focus.size() + plan.steps[s].reason().size();
                    }
                    // The events read the entries in no particular order; on huge pages,
                    // those reads miss the TLB far less.
                    reserve_on_huge_pages(parts_[p].arena, bytes + bytes / 16);
                    for (std::size_t a = begin; a < end; ++a) {
                        const PlannedArea& pa = plan.areas[a];
                        for (std::size_t s = pa.first_step; s < pa.first_step + pa.step_count; ++s)
                            steps_[s] = std::uint64_t{p} << offset_bits |
                                        prepare(pa, plan.steps[s], static_cast<std::uint8_t>(p));
                    }
                } catch (...) {
                    errors[p] = std::current_exception();
                }
            });
        DayPeriods seen;
        for (const Occurrence& o : plan.occurrences) {
            const PeriodKey key = period_key(o);
            seen.find(key, [&]() -> const PeriodText& {
                auto p = periods_.try_emplace(key);
                if (p.second) p.first->second = period_text(o, calendar, rules.policy, dtstamp);
                return p.first->second;
            });
        }
    }
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
}

std::size_t EventTexts::prepare(const PlannedArea& pa, const RatingStep& step, std::uint8_t part) {
    Part& to = parts_[part];
    const Area& a = *pa.area;
    const Rating& rating = step.rating;
    StepText t;
    t.part = part;
    // The header's room first, filled in once the texts' lengths are known.
    const std::size_t at = to.arena.size();
    to.arena.append(sizeof t, '\0');
    t.id = to.add(a.id);
    t.name = to.add(a.name);
    t.focus = to.add(a.focus);
    t.reason = to.add(step.reason());
    std::string notes;
    if (rating.colour_overridden) notes += "\nFarve fastsat manuelt: " + step.assessment->colour_override->reason;
    if (rating.decided) notes += "\nFarve efter " + step.source();
    if (rating.cadence_overridden) notes += "\nHyppighed fastsat manuelt: " + step.assessment->cadence_override->reason;
    t.notes = to.add(notes);
    t.colour = rating.colour;

    const Leader& l = pa.center->leader_of(a);
    const TailKey key{rating.colour, rating.sagsbehandling, rating.statsrefusion, rating.cadence.months(), &l, pa.center};
    const auto id = to.tail_ids.try_emplace(key, static_cast<std::uint32_t>(to.tails.size()));
    if (id.second) {
        to.tails.push_back(ical_escape_text(
            std::string("\nRisiko: ").append(colour_danish(rating.colour))
                .append(" (sagsbehandling ").append(colour_danish(rating.sagsbehandling))
                .append(", statsrefusion ").append(colour_danish(rating.statsrefusion)).append("), ")
                .append(rating.cadence.danish()).append("\nAnsvarlig: ").append(l.name).append(" <")
                .append(l.email).append(">\nCenter: ").append(pa.center->name)));
    }
    t.tail = id.first->second;
    std::memcpy(to.arena.data() + at, &t, sizeof t);
    return at;
}

// The lines that depend on the colour alone.
struct ColourText {
    std::string summary;  ///< escaped "Ledelsestilsyn (rød): ", the summary before the name
    std::string middle;   ///< CATEGORIES to the alarm's DESCRIPTION, or to END:VEVENT's line
};

ColourText colour_text(Colour c, bool reminder) {
    ColourText t;
    const std::string colour = ical_escape_text(colour_danish(c));
    t.summary = "Ledelsestilsyn (" + colour + "): ";
    // The comma separates the two categories; the colour is escaped like any text.
    ical_line(t.middle, "CATEGORIES", "Ledelsestilsyn," + colour);
    // All-day supervisions should not mark the leader busy for the whole day.
    t.middle += "TRANSP:TRANSPARENT\r\nX-MICROSOFT-CDO-BUSYSTATUS:FREE\r\n";
    if (reminder) t.middle += "BEGIN:VALARM\r\nACTION:DISPLAY\r\n";
    return t;
}

// An event from its prepared texts: a few copies of bytes, folded as they go, into room made
// once for the whole event.
void write_event(ByteBuffer& buf, const EventTexts& texts, const PeriodText& pt, const char* entry,
                 const std::array<ColourText, 3>& colours, bool reminder) {
    StepText st;
    std::memcpy(&st, entry, sizeof st);
    const ColourText& ct = colours[static_cast<std::size_t>(st.colour)];
    const char* from = entry + sizeof st;
    auto next = [&from](std::uint32_t length) {
        const std::string_view text(from, length);
        from += length;
        return text;
    };
    const std::string_view id = next(st.id), name = next(st.name), focus = next(st.focus),
                           reason = next(st.reason), notes = next(st.notes), tail = texts.tail(st);
    static constexpr std::string_view begin = "BEGIN:VEVENT\r\n", uid = "UID", summary = "SUMMARY",
                                      description = "DESCRIPTION", focus_label = "Fokus: ", line_break = "\\n",
                                      reason_label = "Begrundelse: ", alarm_label = "Ledelsestilsyn: ";
    const std::size_t room =
        begin.size() + IcalLine::room(uid.size() + 1 + id.size() + pt.uid_suffix.size()) + pt.dates.size() +
        IcalLine::room(summary.size() + 1 + ct.summary.size() + name.size()) +
        IcalLine::room(description.size() + 1 + focus_label.size() + focus.size() + line_break.size() +
                       pt.description.size() + reason_label.size() + reason.size() + tail.size() + notes.size()) +
        ct.middle.size() + (reminder ? IcalLine::room(description.size() + 1 + alarm_label.size() + name.size()) : 0) +
        pt.close.size();
    char* at = buf.room(room);
    auto copy = [&at](std::string_view bytes) {  // never empty here
        std::memcpy(at, bytes.data(), bytes.size());
        at += bytes.size();
    };
    copy(begin);
    IcalLine(at, uid).escaped(id).escaped(pt.uid_suffix).end();
    copy(pt.dates);
    IcalLine(at, summary).escaped(ct.summary).escaped(name).end();
    IcalLine(at, description)
        .escaped(focus_label).escaped(focus).escaped(line_break).escaped(pt.description)
        .escaped(reason_label).escaped(reason).escaped(tail).escaped(notes).end();
    copy(ct.middle);
    if (reminder) IcalLine(at, description).escaped(alarm_label).escaped(name).end();
    copy(pt.close);
    buf.advance_to(at);
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

    const bool reminder = rules.policy.reminder.has_value();
    const EventTexts texts(plan, rules, calendar, utc_stamp(dtstamp));
    const std::array<ColourText, 3> colours{  // indexed by the colour's value
                                            colour_text(Colour::green, reminder),
                                            colour_text(Colour::yellow, reminder),
                                            colour_text(Colour::red, reminder)};
    // 2,048 events are about 1.6 MB of text: large enough that handing chunks between threads
    // costs nothing, small enough that the chunks in flight stay a few percent of the plan.
    write_chunked(out, plan.occurrences.size(), 2048, [&](ByteBuffer& buf, std::size_t begin, std::size_t end) {
        DayPeriods near;
        for (std::size_t i = begin; i < end; ++i) {
            const Occurrence& o = plan.occurrences[i];
            // The entries of events a little ahead are fetched into the cache while these are
            // written: where each starts is in a table small enough to be there already.
            if (i + 16 < end) __builtin_prefetch(texts.slot(plan.occurrences[i + 16]));
            if (i + 8 < end) {
                const char* ahead = texts.entry(plan.occurrences[i + 8]);
                for (int line = 0; line < 3; ++line) __builtin_prefetch(ahead + 64 * line);
            }
            const PeriodText& period =
                near.find(period_key(o), [&]() -> const PeriodText& { return texts.period(o); });
            write_event(buf, texts, period, texts.entry(o), colours, reminder);
        }
    });
    static constexpr std::string_view tail = "END:VCALENDAR\r\n";
    out.write(tail.data(), static_cast<std::streamsize>(tail.size()));
}

}  // namespace tilsyn
