#include "base/text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <vector>

#include <fmt/format.h>

namespace tilsyn {

std::string_view trim(std::string_view s) {
    const auto first = s.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) return {};
    const auto last = s.find_last_not_of(" \t\r\n");
    return s.substr(first, last - first + 1);
}

bool is_valid_id(std::string_view s) {
    if (s.empty() || s.size() > 64 || s.front() == '-') return false;
    return std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

bool looks_like_email(std::string_view s) {
    const auto at = s.find('@');
    if (at == 0 || at == std::string_view::npos || s.find('@', at + 1) != std::string_view::npos)
        return false;
    const auto domain = s.substr(at + 1);
    const auto dot = domain.find('.');
    if (dot == 0 || dot == std::string_view::npos || domain.back() == '.') return false;
    return std::none_of(s.begin(), s.end(), [](char c) {
        return c == ' ' || c == '\t' || c == '<' || c == '>' || c == ',' || c == ';' ||
               static_cast<unsigned char>(c) < 0x20;
    });
}

bool is_valid_utf8(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        }
        if ((c & 0xe0) == 0xc0)
            n = 1, cp = c & 0x1fu;
        else if ((c & 0xf0) == 0xe0)
            n = 2, cp = c & 0x0fu;
        else if ((c & 0xf8) == 0xf0)
            n = 3, cp = c & 0x07u;
        else
            return false;
        for (std::size_t k = 1; k <= n; ++k) {
            if (i + k >= s.size()) return false;
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (cc & 0x3f);
        }
        static constexpr std::uint32_t min_for[] = {0, 0x80, 0x800, 0x10000};
        if (cp < min_for[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        i += n + 1;
    }
    return true;
}

std::size_t utf8_width(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string fit(std::string_view s, std::size_t width) {
    if (utf8_width(s) <= width) return std::string(s);
    if (width == 0) return {};
    std::string out;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const bool starts_char = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
        if (starts_char && ++chars > width - 1) break;
        out += s[i];
    }
    // A cut word ending in a space would read as "Kontakt …"; drop the space.
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "…";
}

std::string pad(std::string_view s, std::size_t width) {
    std::string out;
    pad_to(out, s, width);
    return out;
}

void pad_to(std::string& out, std::string_view s, std::size_t width) {
    out.append(s);
    const std::size_t w = utf8_width(s);
    if (w < width) out.append(width - w, ' ');
}

std::string wrap(std::string_view text, std::size_t width, std::string_view indent) {
    std::string out;
    wrap_to(out, text, width, indent);
    return out;
}

void wrap_to(std::string& out, std::string_view text, std::size_t width, std::string_view indent) {
    // Most lines fit as they are (reminders wrap thousands of short ones): the same result as
    // the loop below, without building it word by word. Bytes bound the width from above, so
    // a short line needs no counting of characters.
    if (!text.empty() && text.front() != ' ' && text.back() != ' ' &&
        text.find("  ") == std::string_view::npos &&
        (indent.size() + text.size() <= width || utf8_width(indent) + utf8_width(text) <= width)) {
        out.append(indent).append(text).push_back('\n');
        return;
    }
    std::string line(indent);
    std::size_t line_width = utf8_width(indent);
    const std::size_t indent_width = line_width;
    std::size_t pos = 0;
    while (pos < text.size()) {
        const auto start = text.find_first_not_of(' ', pos);
        if (start == std::string_view::npos) break;
        auto end = text.find(' ', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view word = text.substr(start, end - start);
        const std::size_t w = utf8_width(word);
        if (line_width > indent_width && line_width + 1 + w > width) {
            out.append(line).push_back('\n');
            line = std::string(indent);
            line_width = indent_width;
        }
        if (line_width > indent_width) {
            line += ' ';
            ++line_width;
        }
        line += word;
        line_width += w;
        pos = end;
    }
    if (line_width > indent_width) out.append(line).push_back('\n');
}

std::optional<std::int64_t> parse_integer(std::string_view s) {
    std::int64_t value = 0;
    const char* first = s.data() + (s.starts_with('+') ? 1 : 0);
    const auto [end, ec] = std::from_chars(first, s.data() + s.size(), value);
    if (ec != std::errc() || end != s.data() + s.size() || first == end) return std::nullopt;
    return value;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

std::string byte_size(std::uint64_t bytes) {
    if (bytes < 1024) return std::to_string(bytes) + (bytes == 1 ? " byte" : " bytes");
    constexpr const char* units[] = {"KiB", "MiB", "GiB", "TiB"};
    double value = static_cast<double>(bytes) / 1024;
    std::size_t unit = 0;
    while (value >= 1024 && unit + 1 < std::size(units)) {
        value /= 1024;
        ++unit;
    }
    // Whole units as "64 KiB"; otherwise one decimal, rounded down so that a size just above
    // a limit never reads as the limit itself.
    const double tenths = std::floor(value * 10) / 10;
    std::string number = fmt::format("{:.1f}", tenths);
    if (number.ends_with(".0")) number.resize(number.size() - 2);
    return number + " " + units[unit];
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
    std::string out;
    for (const std::string& p : parts) out.append(out.empty() ? "" : separator).append(p);
    return out;
}

}  // namespace tilsyn
