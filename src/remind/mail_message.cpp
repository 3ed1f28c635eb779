#include "remind/mail_message.h"

#include <openssl/evp.h>

#include <array>
#include <sstream>

namespace tilsyn {

namespace {

bool is_ascii_printable(const std::string& s) {
    for (unsigned char c : s)
        if (c < 0x20 || c > 0x7e) return false;
    return true;
}

std::string base64(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3), '\0');
    const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                  reinterpret_cast<const unsigned char*>(bytes.data()),
                                  static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(n));
    return out;
}

constexpr std::array<const char*, 7> weekdays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> months{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

std::string two(long v) {
    return (v < 10 ? "0" : "") + std::to_string(v);
}

std::string clock(const boost::posix_time::ptime& t) {
    const auto tod = t.time_of_day();
    return two(tod.hours()) + ":" + two(tod.minutes()) + ":" + two(tod.seconds());
}

/// RFC 5322 date-time in UTC: "Thu, 25 Mar 2027 00:00:00 +0000".
std::string rfc5322_date(const boost::posix_time::ptime& t) {
    const auto d = t.date();
    return std::string(weekdays[d.day_of_week().as_number()]) + ", " + std::to_string(d.day()) +
           " " + months[d.month() - 1] + " " + std::to_string(static_cast<int>(d.year())) + " " +
           clock(t) + " +0000";
}

/// The mbox separator's date, in asctime form: "Thu Mar 25 00:00:00 2027".
std::string asctime_date(const boost::posix_time::ptime& t) {
    const auto d = t.date();
    std::string day = std::to_string(d.day());
    if (day.size() == 1) day = " " + day;
    return std::string(weekdays[d.day_of_week().as_number()]) + " " + months[d.month() - 1] + " " +
           day + " " + clock(t) + " " + std::to_string(static_cast<int>(d.year()));
}

}  // namespace

std::string encode_header_text(const std::string& text) {
    if (is_ascii_printable(text)) return text;
    // 45 bytes make 60 base64 characters: with "=?UTF-8?B?" and "?=" a word stays within the
    // 75 characters RFC 2047 allows. Words are cut only before a UTF-8 lead byte.
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = std::min(text.size(), start + 45);
        while (end < text.size() && end > start &&
               (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80)
            --end;
        if (!out.empty()) out += "\n ";
        out += "=?UTF-8?B?" + base64(std::string_view(text).substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

std::string mailbox(const std::string& name, const std::string& address) {
    if (name.empty()) return "<" + address + ">";
    if (!is_ascii_printable(name)) return encode_header_text(name) + " <" + address + ">";
    // An atom-only phrase goes as is; anything with specials is a quoted string.
    if (name.find_first_of("()<>@,;:\\\".[]") == std::string::npos)
        return name + " <" + address + ">";
    std::string quoted = "\"";
    for (char c : name) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
    }
    return quoted + "\" <" + address + ">";
}

std::string render_message(const MailMessage& m) {
    std::string out;
    out += "From: " + mailbox(m.from_name, m.from_address) + "\n";
    out += "To: " + mailbox(m.to_name, m.to_address) + "\n";
    out += "Subject: " + encode_header_text(m.subject) + "\n";
    out += "Date: " + rfc5322_date(m.date) + "\n";
    out += "Message-ID: <" + m.message_id + ">\n";
    // RFC 3834: an automatic message, so that vacation responders do not answer it.
    out += "Auto-Submitted: auto-generated\n";
    out += "MIME-Version: 1.0\n";
    out += "Content-Type: text/plain; charset=UTF-8\n";
    out += "Content-Transfer-Encoding: 8bit\n";
    out += "\n";
    out += m.body;
    if (!m.body.empty() && m.body.back() != '\n') out += "\n";
    return out;
}

void write_mbox_entry(std::ostream& out, const MailMessage& m) {
    out << "From " << m.from_address << " " << asctime_date(m.date) << "\n";
    std::istringstream lines(render_message(m));
    std::string line;
    while (std::getline(lines, line)) {
        const std::size_t quotes = line.find_first_not_of('>');
        if (quotes != std::string::npos && line.compare(quotes, 5, "From ") == 0) out << '>';
        out << line << "\n";
    }
    out << "\n";
}

}  // namespace tilsyn
