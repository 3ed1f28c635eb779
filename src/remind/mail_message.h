#pragma once
// An RFC 5322 e-mail in UTF-8 (RFC 2045 MIME headers, RFC 2047 encoded words for non-ASCII
// names and subjects), and the mbox stream that holds several of them.

#include <boost/date_time/posix_time/ptime.hpp>

#include <ostream>
#include <string>

namespace tilsyn {

struct MailMessage {
    std::string from_name;
    std::string from_address;
    std::string to_name;
    std::string to_address;
    std::string subject;
    std::string message_id;         ///< without angle brackets: "remind-2027-03-25-akb@lejre.dk"
    boost::posix_time::ptime date;  ///< UTC
    std::string body;               ///< UTF-8 text, lines ending in '\n'
};

/// The message as sendmail reads it: headers, a blank line, the body; lines end in LF (the
/// local convention; sendmail makes CRLF for the wire).
std::string render_message(const MailMessage& m);

/// Appends the message to an mbox stream (mboxrd): a "From " separator line, the message with
/// body lines that start with ">*From " quoted by one more '>', and a blank line.
void write_mbox_entry(std::ostream& out, const MailMessage& m);

/// An RFC 2047 encoded word (=?UTF-8?B?...?=) when the text is not plain ASCII, else the text.
/// Long texts are split into several words, never inside a UTF-8 character.
std::string encode_header_text(const std::string& text);

/// "Name <address>" with the name quoted or encoded as needed.
std::string mailbox(const std::string& name, const std::string& address);

}  // namespace tilsyn
