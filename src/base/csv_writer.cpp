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

}  // namespace

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
        // the apostrophe that makes it text (OWASP, "CSV Injection"); Excel hides it.
        const std::string neutralised = formula_like(fields[i]) ? "'" + std::string(fields[i]) : "";
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
