#pragma once
// RFC 4180 CSV: CRLF records, fields quoted when they hold the separator, a quote, CR or LF.

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace tilsyn {

enum class CsvDialect {
    rfc4180,   ///< comma-separated, UTF-8 without BOM
    excel_da,  ///< semicolon-separated with a UTF-8 BOM: what Danish Excel opens correctly
};

/// A decimal number written with a point ("12500.50", "87.5") as the dialect's readers take
/// it: with a comma for excel_da, since Danish Excel reads '.' as a thousands separator.
std::string csv_decimal(std::string plain, CsvDialect dialect);

class CsvWriter {
public:
    /// Writes the BOM at once for excel_da.
    CsvWriter(std::ostream& out, CsvDialect dialect);
    void row(const std::vector<std::string_view>& fields);

private:
    void field(std::string_view f);
    std::ostream& out_;
    char separator_;
};

}  // namespace tilsyn
