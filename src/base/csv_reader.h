#pragma once
// Reads CSV as spreadsheets export it: RFC 4180 quoting, CRLF or LF, an optional UTF-8 BOM,
// and ',' or ';' (Danish Excel) told apart from the header line. Every row keeps its number
// so errors can say "row 12, column 4".

#include "base/file_bytes.h"

#include <string>
#include <string_view>
#include <vector>

namespace tilsyn {

struct CsvRow {
    int number = 0;  ///< the record's number, blank ones counted; quoted line breaks are not
    std::vector<std::string> fields;
};

struct CsvTable {
    std::string file;
    std::vector<std::string> header;
    int header_row = 1;        ///< the first record that is not blank
    std::vector<CsvRow> rows;  ///< blank lines are skipped
};

/// Reads a CSV file of the given kind (read_input_file: a regular file within the kind's
/// size). Throws UnreadableFile when it cannot be read, InputError "file: row N: ..." for
/// malformed quoting or invalid UTF-8, and "file: row N: ... fields, the header has M" for
/// ragged rows.
CsvTable read_csv_file(const std::string& file, const InputKind& kind = import_input);
/// The same, for bytes already read (`file` names them in messages): for callers that also
/// need the bytes themselves, such as the SHA-256 of a case list.
CsvTable parse_csv(std::string_view text, const std::string& file);

}  // namespace tilsyn
