#include "base/csv_writer.h"

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

void CsvWriter::row(std::span<const std::string_view> fields) {
    std::string record;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) record += separator_;
        const std::string_view f = fields[i];
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
