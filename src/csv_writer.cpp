#include "csv_writer.h"

#include <algorithm>

namespace tilsyn {

std::string csv_decimal(std::string plain, CsvDialect dialect) {
    if (dialect == CsvDialect::excel_da) std::replace(plain.begin(), plain.end(), '.', ',');
    return plain;
}

CsvWriter::CsvWriter(std::ostream& out, CsvDialect dialect)
    : out_(out), separator_(dialect == CsvDialect::excel_da ? ';' : ',') {
    if (dialect == CsvDialect::excel_da) out_ << "\xEF\xBB\xBF";
}

void CsvWriter::field(std::string_view f) {
    if (f.find_first_of(std::string{separator_, '"', '\r', '\n'}) == std::string_view::npos) {
        out_ << f;
        return;
    }
    out_ << '"';
    for (char c : f) {
        if (c == '"') out_ << '"';
        out_ << c;
    }
    out_ << '"';
}

void CsvWriter::row(const std::vector<std::string_view>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) out_ << separator_;
        field(fields[i]);
    }
    out_ << "\r\n";
}

}  // namespace tilsyn
