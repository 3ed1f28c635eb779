#include "csv_writer.h"

#include <algorithm>

namespace tilsyn {

std::string csv_decimal(std::string plain, CsvDialect dialect) {
    if (dialect == CsvDialect::excel_da) std::replace(plain.begin(), plain.end(), '.', ',');
    return plain;
}

CsvRecord::CsvRecord(CsvDialect dialect) : separator_(dialect == CsvDialect::excel_da ? ';' : ',') {}

void CsvRecord::field(std::string_view f) {
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

std::string_view CsvRecord::format(std::span<const std::string_view> fields) {
    record_.clear();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) record_ += separator_;
        field(fields[i]);
    }
    record_ += "\r\n";
    return record_;
}

CsvWriter::CsvWriter(std::ostream& out, CsvDialect dialect) : out_(out), record_(dialect) {
    if (dialect == CsvDialect::excel_da) out_ << "\xEF\xBB\xBF";
}

void CsvWriter::row(std::span<const std::string_view> fields) {
    const std::string_view record = record_.format(fields);
    out_.write(record.data(), static_cast<std::streamsize>(record.size()));
}

}  // namespace tilsyn
