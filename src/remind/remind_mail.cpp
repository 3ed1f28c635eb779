// One e-mail per leader: the leader's part of the digest, with a Danish subject that says at
// a glance whether anything is overdue.
#include "remind/remind_formats.h"

namespace tilsyn {

namespace {

std::string subject(const LeaderReminders& l, const Reminders& r) {
    std::string s = "Ledelsestilsyn: ";
    if (!l.overdue.empty())
        s += std::to_string(l.overdue.size()) +
             (l.overdue.size() == 1 ? " forfaldent tilsyn" : " forfaldne tilsyn");
    if (!l.due_soon.empty())
        s += (l.overdue.empty() ? "" : ", ") + std::to_string(l.due_soon.size()) +
             " med frist senest " + danish_long(r.horizon);
    return s;
}

std::string body(const LeaderReminders& l, const Reminders& r) {
    std::string b = "Kære " + l.name + "\n\n";
    b += "Her er dine ledelsestilsyn pr. " + danish_long(r.today) + " (" + l.center_name + "):\n\n";
    b += leader_reminder_lines(l, r);
    b += "\nNår et tilsyn er udført, registreres det med `tilsyn record`, så det ikke længere\n"
         "står som forfaldent.\n\n"
         "Denne besked er sendt automatisk af tilsyn.\n";
    return b;
}

}  // namespace

std::vector<MailMessage> reminder_mails(const Reminders& r, const MailSettings& settings) {
    std::vector<MailMessage> out;
    for (const LeaderReminders& l : r.leaders) {
        MailMessage m;
        m.from_name = settings.from_name;
        m.from_address = settings.from_address;
        m.to_name = l.name;
        m.to_address = l.email;
        m.subject = subject(l, r);
        // The same leader on the same day gets the same Message-ID, so a run repeated by
        // mistake is recognisable as a duplicate.
        m.message_id =
            "remind-" + iso(r.today) + "-" + l.center + "-" + l.leader + "@" + settings.domain;
        m.date = settings.now;
        m.body = body(l, r);
        out.push_back(std::move(m));
    }
    return out;
}

}  // namespace tilsyn
