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
    // A loop over the field rather than find_first_of, which calls memchr for every character.
    const bool plain = std::none_of(f.begin(), f.end(), [this](char c) {
        return c == separator_ || c == '"' || c == '\r' || c == '\n';
    });
    if (plain) {
        record_.append(f);
        return;
    }
    record_ += '"';
    for (std::size_t quote = f.find('"'); quote != std::string_view::npos; quote = f.find('"')) {
        record_.append(f.substr(0, quote + 1)).append(1, '"');  // a quote is written twice
        f.remove_prefix(quote + 1);
    }
    record_.append(f).append(1, '"');
}

void CsvWriter::row(std::span<const std::string_view> fields) {
    record_.clear();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) record_ += separator_;
        field(fields[i]);
    }
    record_ += "\r\n";
    out_.write(record_.data(), static_cast<std::streamsize>(record_.size()));
}

}  // namespace tilsyn
