#include "ical_writer.h"

#include <array>
#include <cstdint>
#include <experimental/simd>

namespace tilsyn {

namespace {

bool is_continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The characters TEXT escapes, for the bytes scanned one at a time (a text's last few).
constexpr std::array<bool, 256> text_special = [] {
    std::array<bool, 256> t{};
    for (unsigned char c : {'\\', ';', ',', '\n', '\r'}) t[c] = true;
    return t;
}();

namespace stdx = std::experimental;
using Bytes = stdx::native_simd<std::uint8_t>;

// The index of the first byte from `i` on that TEXT escapes, or the size. Most of a text has
// none, so it is scanned a vector of bytes at a time (std::experimental::simd: SSE2 on any
// x86-64, whatever the target's own width elsewhere) and only the tail byte by byte. A plan
// for 100,000 areas has some 15 MB of register text to escape.
std::size_t next_special(std::string_view s, std::size_t i) {
    for (; i + Bytes::size() <= s.size(); i += Bytes::size()) {
        const Bytes v(reinterpret_cast<const std::uint8_t*>(s.data() + i), stdx::element_aligned);
        const auto is = [&v](char c) { return v == Bytes(static_cast<std::uint8_t>(c)); };
        const auto m = is('\\') || is(';') || is(',') || is('\n') || is('\r');
        if (stdx::any_of(m)) return i + static_cast<std::size_t>(stdx::find_first_set(m));
    }
    for (; i < s.size(); ++i)
        if (text_special[static_cast<unsigned char>(s[i])]) return i;
    return s.size();
}

}  // namespace

std::string ical_escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    append_ical_escaped(out, text);
    return out;
}

void append_ical_escaped(std::string& out, std::string_view text) {
    std::size_t start = 0;
    for (std::size_t i = next_special(text, 0); i < text.size(); i = next_special(text, i + 1)) {
        const char c = text[i];
        out.append(text.substr(start, i - start));
        if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;  // CRLF is one line break
            out += "\\n";
        } else {
            out.append(1, '\\').append(1, c);
        }
        start = i + 1;
    }
    out.append(text.substr(start));
}

void ical_line(std::string& out, std::string_view name, std::string_view value) {
    const std::size_t before = out.size();
    out.resize(before + IcalLine::room(name.size() + 1 + value.size()));
    char* at = out.data() + before;
    IcalLine(at, name).escaped(value).end();
    out.resize(static_cast<std::size_t>(at - out.data()));
}

IcalLine::IcalLine(char*& at, std::string_view name) : at_(at), used_(name.size() + 1) {
    copy(name);
    copy(":");
}

void IcalLine::fold(std::string_view bytes) {
    while (used_ + bytes.size() > max_octets) {
        // A name of 75 octets or more (none is) would leave no room: fold right after it.
        std::size_t take = used_ < max_octets ? max_octets - used_ : 0;
        while (take > 0 && is_continuation_byte(bytes[take])) --take;
        copy(bytes.substr(0, take));
        copy("\r\n ");
        bytes.remove_prefix(take);
        used_ = 1;  // the continuation's leading space
    }
    copy(bytes);
    used_ += bytes.size();
}

}  // namespace tilsyn
