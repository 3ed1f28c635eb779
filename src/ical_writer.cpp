#include "ical_writer.h"

namespace tilsyn {

namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

}  // namespace

std::string ical_escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;  // CRLF is one line break
            out += "\\n";
        } else if (c == '\\' || c == ';' || c == ',') {
            out += '\\';
            out += c;
        } else {
            out += c;
        }
    }
    return out;
}

void ical_line(std::string& out, std::string_view name, std::string_view value) {
    const std::string content = std::string(name).append(":").append(value);
    std::string_view rest = content;
    std::size_t room = 75;  // octets the current physical line may still hold
    while (rest.size() > room) {
        std::size_t take = room;
        while (take > 0 && is_continuation_byte(rest[take])) --take;
        out.append(rest.substr(0, take)).append("\r\n ");
        rest.remove_prefix(take);
        room = 74;  // a continuation line starts with a space
    }
    out.append(rest).append("\r\n");
}

}  // namespace tilsyn
