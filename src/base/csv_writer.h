#pragma once
// RFC 4180 CSV: CRLF records, fields quoted when they hold the separator, a quote, CR or LF.

#include <initializer_list>
#include <ostream>
#include <span>
#include <string>
#include <string_view>

namespace tilsyn {

enum class CsvDialect {
    rfc4180,   ///< comma-separated, UTF-8 without BOM
    excel_da,  ///< semicolon-separated with a UTF-8 BOM: what Danish Excel opens correctly
};

/// A decimal number written with a point ("12500.50", "87.5") as the dialect's readers take
/// it: with a comma for excel_da, since Danish Excel reads '.' as a thousands separator.
std::string csv_decimal(std::string plain, CsvDialect dialect);

/// Whether a spreadsheet opening the CSV would take `field` as a formula: it starts with '=',
/// '+', '@', a tab or a CR, or with '-' without being a plain number ("-12.50", "-12,50").
bool formula_like(std::string_view field);

/// Writes records: fields quoted where the dialect needs it, each record ending in CRLF. A
/// formula-like field is written with a leading apostrophe, which spreadsheets read as "this
/// is text" and do not show: "=HYPERLINK(...)" is written "'=HYPERLINK(...)", and a note
/// starting with a "- " bullet reads as written.
class CsvWriter {
public:
    /// Writes the BOM at once for excel_da.
    CsvWriter(std::ostream& out, CsvDialect dialect);
    void row(std::span<const std::string_view> fields);
    void row(std::initializer_list<std::string_view> fields) {
        row(std::span(fields.begin(), fields.size()));
    }

private:
    std::ostream& out_;
    char separator_;
};

}  // namespace tilsyn
