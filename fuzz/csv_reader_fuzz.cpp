// The CSV reader (parse_csv, what read_csv_file runs on an import file's or a case list's
// bytes) on the input in both dialects: as given, and with ',' and ';' exchanged behind a UTF-8
// byte order mark, the way Danish Excel saves, so every input is read with each separator.
#include "fuzz_support.h"

#include "base/csv_reader.h"
#include "base/error.h"
#include "base/text.h"

#include <algorithm>
#include <string>

using namespace tilsyn;

namespace {

void read(std::string_view text) {
    CsvTable table;
    try {
        table = parse_csv(text, "import.csv");
    } catch (const Error&) {
        ++fuzz::reach().refused;
        return;
    }
    ++fuzz::reach().accepted;
    fuzz::require(!table.header.empty(), "a table has a header");
    int previous = table.header_row;
    for (const CsvRow& row : table.rows) {
        fuzz::require(row.fields.size() == table.header.size(),
                      "every row has the header's number of fields");
        fuzz::require(row.number > previous, "rows are numbered in order after the header");
        previous = row.number;
        for (const std::string& field : row.fields)
            fuzz::require(is_valid_utf8(field), "every field is UTF-8");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text = fuzz::text_of(data, size);
    read(text);
    std::string excel = "\xEF\xBB\xBF" + std::string(text);
    std::transform(excel.begin(), excel.end(), excel.begin(), [](char c) {
        return c == ',' ? ';' : c == ';' ? ',' : c;
    });
    read(excel);
    return 0;
}
