#pragma once
// The reminders' output formats: a text digest (remind_text.cpp), JSON (remind_json.cpp) and
// one e-mail per leader (remind_mail.cpp). docs/formats.md documents them.

#include "remind/mail_message.h"
#include "remind/reminders.h"

#include <ostream>
#include <string>
#include <vector>

namespace tilsyn {

/// Every leader's reminders, in Danish, 80 columns. Writes nothing when there are none
/// (cron mails any output).
void write_reminders_text(std::ostream& out, const Reminders& r);
/// One leader's lines of the digest (what the text format and the mail body share).
std::string leader_reminder_lines(const LeaderReminders& l, const Reminders& r);

/// One document, also when there is nothing to remind of (machine readers want a document).
void write_reminders_json(std::ostream& out, const Reminders& r);

struct MailSettings {
    std::string from_name;     ///< the policy's calendar name, "Ledelsestilsyn"
    std::string from_address;  ///< Policy::sender()
    std::string domain;        ///< for Message-IDs: the policy's uid_domain
    boost::posix_time::ptime now;
};
/// One message per leader, in the order of r.leaders.
std::vector<MailMessage> reminder_mails(const Reminders& r, const MailSettings& settings);

}  // namespace tilsyn
