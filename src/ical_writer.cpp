#include "ical_writer.h"

namespace tilsyn {

void ical_escape_text_to(std::string& out, std::string_view text) {
    // Copy runs of ordinary text in one go; a plan for 100,000 areas escapes ~300 MB.
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c != '\\' && c != ';' && c != ',' && c != '\n' && c != '\r') continue;
        out.append(text.data() + start, i - start);
        if (c == '\r') {
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
            out += "\\n";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out += '\\';
            out += c;
        }
        start = i + 1;
    }
    out.append(text.data() + start, text.size() - start);
}

std::string ical_escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    ical_escape_text_to(out, text);
    return out;
}

namespace {

constexpr std::size_t max_octets = 75;

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

void ical_line(std::string& out, std::string_view name, std::string_view value) {
    out.append(name).append(1, ':');
    std::size_t used = name.size() + 1;  // octets already on the current physical line
    while (used + value.size() > max_octets) {
        // A name of 75 octets or more (none is) would leave no room: fold right after it.
        std::size_t take = used < max_octets ? max_octets - used : 0;
        while (take > 0 && is_continuation_byte(value[take])) --take;
        out.append(value.data(), take).append("\r\n ");
        value.remove_prefix(take);
        used = 1;  // the continuation's leading space
    }
    out.append(value).append("\r\n");
}

}  // namespace tilsyn
