#include "rules/diagnostics.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>
#include <tuple>

namespace tilsyn {

namespace {

// Reads one line of a file for the excerpt of a single problem: cheaper than keeping every rule
// file's text around for the whole run.
std::string source_line(const std::string& file, int line) {
    std::ifstream in(file, std::ios::binary);
    std::string text;
    for (int n = 1; n <= line && std::getline(in, text); ++n) {
        if (n == line) {
            if (!text.empty() && text.back() == '\r') text.pop_back();
            return text;
        }
    }
    return {};
}

// Every line of the files a listing quotes, each file read once: a register with thousands of
// mistakes must not be re-read for each of them.
class SourceLines {
public:
    std::string_view line(const std::string& file, int number) {
        auto it = files_.find(file);
        if (it == files_.end()) it = files_.emplace(file, read_lines(file)).first;
        const std::vector<std::string>& lines = it->second;
        if (number < 1 || static_cast<std::size_t>(number) > lines.size()) return {};
        return lines[number - 1];
    }

private:
    static std::vector<std::string> read_lines(const std::string& file) {
        std::ifstream in(file, std::ios::binary);
        std::vector<std::string> lines;
        for (std::string text; std::getline(in, text);) {
            if (!text.empty() && text.back() == '\r') text.pop_back();
            lines.push_back(std::move(text));
        }
        return lines;
    }

    std::map<std::string, std::vector<std::string>, std::less<>> files_;
};

// The caret goes under the column counted in characters, so multi-byte UTF-8 letters before it
// (æ, ø, å) must count as one, and tabs are kept so the caret lines up in a terminal.
std::string caret_line(std::string_view text, int column) {
    std::string out;
    int chars = 1;
    for (std::size_t i = 0; i < text.size() && chars < column; ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if ((c & 0xC0) == 0x80) continue;
        out += (c == '\t') ? '\t' : ' ';
        ++chars;
    }
    return out + '^';
}

// `text` is the problem's source line, empty when there is none to show.
std::string format_with_line(const Diagnostic& d, std::string_view text) {
    std::ostringstream out;
    out << d.place.file;
    if (d.place.line > 0) {
        out << ':' << d.place.line;
        if (d.place.column > 0) out << ':' << d.place.column;
    }
    out << ": " << d.message;
    if (d.place.line > 0 && !text.empty()) {
        out << "\n    " << text;
        if (d.place.column > 0) out << "\n    " << caret_line(text, d.place.column);
    }
    return out.str();
}

std::string join_all(const std::vector<Diagnostic>& ds) {
    std::string out = format_diagnostics(ds);
    if (ds.size() <= max_listed_diagnostics) {
        if (!out.empty()) out.pop_back();
        return out;
    }
    const std::size_t more = ds.size() - max_listed_diagnostics;
    return out + "... and " + std::to_string(more) + " more problem" + (more == 1 ? "" : "s") +
           " (" + std::to_string(ds.size()) + " in all)";
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
    const bool quote = d.place.line > 0 && d.excerpt == Excerpt::shown;
    return format_with_line(d, quote ? source_line(d.place.file, d.place.line) : "");
}

std::string format_diagnostics(const std::vector<Diagnostic>& ds, std::string_view prefix) {
    SourceLines sources;
    std::string out;
    for (std::size_t i = 0; i < ds.size() && i < max_listed_diagnostics; ++i) {
        const Diagnostic& d = ds[i];
        const bool quote = d.place.line > 0 && d.excerpt == Excerpt::shown;
        const std::string_view text =
            quote ? sources.line(d.place.file, d.place.line) : std::string_view();
        out.append(prefix).append(format_with_line(d, text)).append("\n");
    }
    return out;
}

void Diagnostics::add(SourcePlace place, std::string message, Excerpt excerpt) {
    items_.push_back({std::move(place), std::move(message), excerpt});
}

void Diagnostics::append(const Diagnostics& other) {
    items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

void Diagnostics::throw_if_any() const {
    if (items_.empty()) return;
    // Readers find problems in key order (toml++ keeps tables sorted); users read files top
    // down, so report by file (in the order they were read), then line and column.
    std::vector<std::string_view> files;
    for (const auto& d : items_)
        if (std::find(files.begin(), files.end(), d.place.file) == files.end())
            files.push_back(d.place.file);
    auto rank = [&](const Diagnostic& d) {
        return std::tuple(std::find(files.begin(), files.end(), d.place.file) - files.begin(),
                          d.place.line, d.place.column);
    };
    std::vector<Diagnostic> sorted = items_;
    std::stable_sort(sorted.begin(), sorted.end(),
                     [&](auto& a, auto& b) { return rank(a) < rank(b); });
    throw RulesError(std::move(sorted));
}

RulesError::RulesError(std::vector<Diagnostic> diagnostics)
    : InputError(join_all(diagnostics)), diagnostics_(std::move(diagnostics)) {}

}  // namespace tilsyn
