#include "rules/diagnostics.h"

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>

namespace tilsyn {

namespace {

// Reads one line of a file for the excerpt. Errors are rare, so re-reading is cheaper than
// keeping every rule file's text around for the whole run.
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

// The caret goes under the column counted in characters, so multi-byte UTF-8 letters before it
// (æ, ø, å) must count as one, and tabs are kept so the caret lines up in a terminal.
std::string caret_line(const std::string& text, int column) {
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

std::string join_all(const std::vector<Diagnostic>& ds) {
    std::string out;
    for (std::size_t i = 0; i < ds.size(); ++i) {
        if (i) out += '\n';
        out += format_diagnostic(ds[i]);
    }
    return out;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
    std::ostringstream out;
    out << d.place.file;
    if (d.place.line > 0) {
        out << ':' << d.place.line;
        if (d.place.column > 0) out << ':' << d.place.column;
    }
    out << ": " << d.message;
    if (d.place.line > 0) {
        const std::string text = source_line(d.place.file, d.place.line);
        if (!text.empty()) {
            out << "\n    " << text;
            if (d.place.column > 0) out << "\n    " << caret_line(text, d.place.column);
        }
    }
    return out.str();
}

void Diagnostics::add(SourcePlace place, std::string message) {
    items_.push_back({std::move(place), std::move(message)});
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
