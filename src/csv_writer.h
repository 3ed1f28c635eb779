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

/// Formats records, each whole: a plan for 100,000 areas is 600,000 records, and a stream
/// insertion per field (per character, in a quoted one) was most of its cost. CsvWriter writes
/// them to a stream; a writer that formats in chunks on several threads (the plan's) appends
/// them to its chunk's bytes, a CsvRecord per thread.
class CsvRecord {
public:
    explicit CsvRecord(CsvDialect dialect);
    /// The record of `fields`, CRLF included; valid until the next call.
    std::string_view format(std::span<const std::string_view> fields);
    std::string_view format(std::initializer_list<std::string_view> fields) {
        return format(std::span(fields.begin(), fields.size()));
    }

private:
    void field(std::string_view f);
    char separator_;
    std::string record_;  ///< the record being made, its memory reused from record to record
};

class CsvWriter {
public:
    /// Writes the BOM at once for excel_da.
    CsvWriter(std::ostream& out, CsvDialect dialect);
    void row(std::span<const std::string_view> fields);
    void row(std::initializer_list<std::string_view> fields) { row(std::span(fields.begin(), fields.size())); }

private:
    std::ostream& out_;
    CsvRecord record_;
};

}  // namespace tilsyn
