#include "ical_writer.h"

#include <array>
#include <cstdint>
#include <experimental/simd>

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
// x86-64, whatever the target's own width elsewhere) and only the tail byte by byte. A
// 600,000-event calendar passes over 100 MB of text through here.
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

void ical_line(std::string& out, std::string_view name, std::string_view value) {
    IcalLine(out, name).escaped(value).end();
}

IcalLine::IcalLine(std::string& out, std::string_view name) : out_(out), used_(name.size() + 1) {
    out_.append(name).append(1, ':');
}

void IcalLine::fold(std::string_view bytes) {
    while (used_ + bytes.size() > max_octets) {
        // A name of 75 octets or more (none is) would leave no room: fold right after it.
        std::size_t take = used_ < max_octets ? max_octets - used_ : 0;
        while (take > 0 && is_continuation_byte(bytes[take])) --take;
        out_.append(bytes.data(), take).append("\r\n ");
        bytes.remove_prefix(take);
        used_ = 1;  // the continuation's leading space
    }
    out_.append(bytes);
    used_ += bytes.size();
}

IcalLine& IcalLine::escaped(std::string_view piece) {
    if (!piece.empty()) after_cr_ = false;
    put(piece);
    return *this;
}

IcalLine& IcalLine::text(std::string_view piece) {
    if (piece.empty()) return *this;
    std::size_t start = 0;
    if (after_cr_ && piece.front() == '\n') start = 1;  // CRLF split over two pieces: one newline
    after_cr_ = false;
    for (std::size_t i = next_special(piece, start); i < piece.size(); i = next_special(piece, i + 1)) {
        const char c = piece[i];
        put(piece.substr(start, i - start));
        if (c == '\r') {
            if (i + 1 < piece.size() && piece[i + 1] == '\n') ++i;
            else if (i + 1 == piece.size()) after_cr_ = true;
            put("\\n");
        } else if (c == '\n') {
            put("\\n");
        } else {
            const char pair[2] = {'\\', c};
            put(std::string_view(pair, 2));
        }
        start = i + 1;
    }
    put(piece.substr(start));
    return *this;
}

void IcalLine::end() { out_.append("\r\n"); }

}  // namespace tilsyn
