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

/// Whether a spreadsheet opening the CSV would take the text `field` for a date or a time: a
/// month name and numbers ("januar 2027", "5 maj 2027", "Mar-27") or numbers joined by date and
/// time separators ("12-3", "1/2", "1.12.2027", "10:00"). The forms tilsyn writes as dates and
/// numbers on purpose are not text: a plain number, an ISO date "2027-03-15" and a month
/// "2027-03" are not date-like here. Quoting does not help: LibreOffice and Excel both detect
/// the type of a quoted field.
bool date_like(std::string_view field);

/// Writes records: fields quoted where the dialect needs it, each record ending in CRLF. A
/// formula-like or date-like field is written with a leading apostrophe, which spreadsheets
/// read as "this is text": "=HYPERLINK(...)" is written "'=HYPERLINK(...)", and a period named
/// "januar 2027" stays that text instead of becoming 1 January 2027 (LibreOffice shows the
/// apostrophe).
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
