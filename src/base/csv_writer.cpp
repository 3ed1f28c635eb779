#include "base/csv_writer.h"

#include <algorithm>

namespace tilsyn {

std::string csv_decimal(std::string plain, CsvDialect dialect) {
    if (dialect == CsvDialect::excel_da) std::replace(plain.begin(), plain.end(), '.', ',');
    return plain;
}

namespace {

// "-12.50", "-12,50", "-3": a number a spreadsheet should read as one.
bool plain_number(std::string_view f) {
    std::size_t i = f.starts_with('-') ? 1 : 0;
    const std::size_t digits = i;
    while (i < f.size() && f[i] >= '0' && f[i] <= '9') ++i;
    if (i == digits) return false;
    if (i < f.size() && (f[i] == '.' || f[i] == ',')) {
        const std::size_t decimals = ++i;
        while (i < f.size() && f[i] >= '0' && f[i] <= '9') ++i;
        if (i == decimals) return false;
    }
    return i == f.size();
}

bool ascii_digit(char c) {
    return c >= '0' && c <= '9';
}

bool ascii_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Month names and their abbreviations a Danish or an English spreadsheet reads in a date. Month
// names are ASCII in both languages.
bool month_name(std::string_view word) {
    static constexpr std::string_view names[] = {
        "januar",    "februar", "marts",    "april",    "maj",     "juni",     "juli",  "august",
        "september", "oktober", "november", "december", "january", "february", "march", "may",
        "june",      "july",    "october",  "jan",      "feb",     "mar",      "apr",   "jun",
        "jul",       "aug",     "sep",      "sept",     "okt",     "oct",      "nov",   "dec"};
    std::string lower(word);
    for (char& c : lower)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    for (std::string_view n : names)
        if (lower == n) return true;
    return false;
}

// "2027-03-15" and "2027-03": dates and months tilsyn writes as such.
bool iso_date_or_month(std::string_view f) {
    auto digits = [&](std::size_t from, std::size_t n) {
        for (std::size_t i = from; i < from + n; ++i)
            if (!ascii_digit(f[i])) return false;
        return true;
    };
    if (f.size() != 7 && f.size() != 10) return false;
    if (!digits(0, 4) || f[4] != '-' || !digits(5, 2)) return false;
    return f.size() == 7 || (f[7] == '-' && digits(8, 2));
}

}  // namespace

bool date_like(std::string_view field) {
    // Longer texts are sentences, not dates; the bound keeps the check cheap.
    if (field.size() < 3 || field.size() > 40) return false;
    if (plain_number(field) || iso_date_or_month(field)) return false;
    int numbers = 0, months = 0, years = 0, tokens = 0;
    for (std::size_t i = 0; i < field.size();) {
        const char c = field[i];
        if (c == ' ' || c == '-' || c == '/' || c == '.' || c == ',' || c == ':') {
            ++i;
            continue;
        }
        std::size_t j = i;
        if (ascii_digit(c)) {
            while (j < field.size() && ascii_digit(field[j])) ++j;
            // Day, month and hour are one or two digits, a year two or four.
            const std::size_t n = j - i;
            if (n == 4)
                ++years;
            else if (n > 2)
                return false;
            ++numbers;
        } else if (ascii_letter(c)) {
            while (j < field.size() && ascii_letter(field[j])) ++j;
            if (!month_name(field.substr(i, j - i))) return false;
            ++months;
        } else {
            return false;
        }
        ++tokens;
        i = j;
    }
    return numbers >= 1 && tokens >= 2 && tokens <= 6 && months <= 1 && years <= 1;
}

bool formula_like(std::string_view field) {
    if (field.empty()) return false;
    switch (field.front()) {
        case '=':
        case '+':
        case '@':
        case '\t':
        case '\r':
            return true;
        case '-':
            return !plain_number(field);
        default:
            return false;
    }
}

CsvWriter::CsvWriter(std::ostream& out, CsvDialect dialect)
    : out_(out), separator_(dialect == CsvDialect::excel_da ? ';' : ',') {
    if (dialect == CsvDialect::excel_da) out_ << "\xEF\xBB\xBF";
}

void CsvWriter::row(std::span<const std::string_view> fields) {
    std::string record;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) record += separator_;
        // A text a spreadsheet would run as a formula (=HYPERLINK(...), -2+3, @SUM(...)) gets
        // the apostrophe that makes it text (OWASP, "CSV Injection"); so does a text it would
        // turn into a date ("januar 2027"), since quoting it does not stop that.
        const std::string neutralised =
            formula_like(fields[i]) || date_like(fields[i]) ? "'" + std::string(fields[i]) : "";
        const std::string_view f = neutralised.empty() ? fields[i] : neutralised;
        if (f.find_first_of(std::string{separator_, '"', '\r', '\n'}) == std::string_view::npos) {
            record += f;
            continue;
        }
        record += '"';
        for (const char c : f) {
            if (c == '"') record += '"';  // a quote is written twice
            record += c;
        }
        record += '"';
    }
    record += "\r\n";
    out_ << record;
}

}  // namespace tilsyn
