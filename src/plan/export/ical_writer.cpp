#include "plan/export/ical_writer.h"

#include <array>

namespace tilsyn {

namespace {

bool is_continuation_byte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// The bytes TEXT escapes, looked up rather than compared five times over: escaping is most
// of what writing a calendar costs.
constexpr std::array<bool, 256> escaped_bytes = [] {
    std::array<bool, 256> table{};
    for (const unsigned char c : {'\\', ';', ',', '\r', '\n'}) table[c] = true;
    return table;
}();

}  // namespace

std::string ical_escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    std::size_t run = 0;  // where the text not yet copied starts
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (!escaped_bytes[static_cast<unsigned char>(c)]) continue;
        out.append(text.substr(run, i - run));
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n')
                ++i;  // CRLF is one line break
            out += "\\n";
        } else {
            out += '\\';
            out += c;
        }
        run = i + 1;
    }
    out.append(text.substr(run));
    return out;
}

void ical_line(std::string& out, std::string_view name, std::string_view value) {
    out.append(name).append(":");
    std::size_t room = 75 - name.size() - 1;  // octets the current physical line may still hold
    while (value.size() > room) {
        std::size_t take = room;
        while (take > 0 && is_continuation_byte(value[take])) --take;
        out.append(value.substr(0, take)).append("\r\n ");
        value.remove_prefix(take);
        room = 74;  // a continuation line starts with a space
    }
    out.append(value).append("\r\n");
}

}  // namespace tilsyn
