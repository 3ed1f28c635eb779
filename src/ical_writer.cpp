#include "ical_writer.h"

namespace tilsyn {

std::string ical_escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        switch (c) {
            case '\\': out += "\\\\"; break;
            case ';': out += "\\;"; break;
            case ',': out += "\\,"; break;
            case '\r':
                // CRLF and lone CR both become one newline.
                if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
                out += "\\n";
                break;
            case '\n': out += "\\n"; break;
            default: out += c;
        }
    }
    return out;
}

namespace {

constexpr std::size_t max_octets = 75;

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

void ical_line(std::string& out, std::string_view name, std::string_view value) {
    std::string line;
    line.reserve(name.size() + 1 + value.size());
    line.append(name).append(1, ':').append(value);

    std::string_view rest = line;
    std::size_t budget = max_octets;  // the leading space of a continuation counts too
    while (rest.size() > budget) {
        std::size_t cut = budget;
        while (cut > 0 && is_continuation_byte(rest[cut])) --cut;
        out.append(rest.substr(0, cut)).append("\r\n ");
        rest.remove_prefix(cut);
        budget = max_octets - 1;
    }
    out.append(rest).append("\r\n");
}

}  // namespace tilsyn
