#include "base/csv_reader.h"

#include "base/error.h"
#include "base/file_bytes.h"
#include "base/text.h"

#include <algorithm>

namespace tilsyn {

namespace {

[[noreturn]] void fail(const std::string& file, int row, const std::string& message) {
    throw InputError(file + ": row " + std::to_string(row) + ": " + message);
}

}  // namespace

CsvTable read_csv_file(const std::string& file, const InputKind& kind) {
    return parse_csv(read_input_file(file, kind), file);
}

CsvTable parse_csv(std::string_view text, const std::string& file) {
    std::string_view s = text;
    if (s.starts_with("\xEF\xBB\xBF")) s.remove_prefix(3);

    // The separator is whichever of ';' and ',' the header line (outside quotes) holds more of.
    char sep = ',';
    {
        int commas = 0, semicolons = 0;
        bool quoted = false;
        // Counted on the header line: the first line that is not blank.
        const std::size_t header_start = std::min(s.find_first_not_of("\r\n"), s.size());
        for (char c : s.substr(header_start)) {
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && (c == '\n' || c == '\r'))
                break;
            else if (!quoted && c == ',')
                ++commas;
            else if (!quoted && c == ';')
                ++semicolons;
        }
        if (semicolons > commas) sep = ';';
    }

    CsvTable table;
    table.file = file;
    std::vector<std::string> fields;
    std::string field;
    int row = 1;
    std::size_t i = 0;
    bool row_has_content = false;
    bool field_start = true;
    auto end_row = [&]() {
        fields.push_back(std::move(field));
        field.clear();
        const bool blank = fields.size() == 1 && fields[0].empty() && !row_has_content;
        if (!blank) {
            for (std::size_t k = 0; k < fields.size(); ++k)
                if (!is_valid_utf8(fields[k]))
                    fail(file, row,
                         "column " + std::to_string(k + 1) +
                             " is not valid UTF-8 (save the file as UTF-8)");
            if (table.header.empty()) {
                table.header = std::move(fields);
                table.header_row = row;
            } else
                table.rows.push_back({row, std::move(fields)});
        }
        fields.clear();
        row_has_content = false;
        ++row;
    };
    while (i < s.size()) {
        const char c = s[i];
        if (c == '"' && field_start) {
            // A quoted field: "" is a quote; it ends at a quote followed by sep, CR, LF or EOF.
            ++i;
            row_has_content = true;
            while (true) {
                if (i >= s.size())
                    fail(file, row, "a quoted field is not closed (a '\"' is missing)");
                if (s[i] == '"') {
                    if (i + 1 < s.size() && s[i + 1] == '"') {
                        field += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field += s[i++];
            }
            field_start = false;
            if (i < s.size() && s[i] != sep && s[i] != '\r' && s[i] != '\n')
                fail(file, row,
                     "text after the closing quote of column " + std::to_string(fields.size() + 1));
            continue;
        }
        if (c == sep) {
            fields.push_back(std::move(field));
            field.clear();
            row_has_content = true;
            field_start = true;
            ++i;
        } else if (c == '\r' || c == '\n') {
            end_row();
            field_start = true;
            i += (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
        } else {
            if (c == '"')
                fail(file, row,
                     "a '\"' inside an unquoted field of column " +
                         std::to_string(fields.size() + 1));
            field += c;
            row_has_content = true;
            field_start = false;
            ++i;
        }
    }
    if (!field.empty() || !fields.empty() || row_has_content) end_row();
    if (table.header.empty()) throw InputError(file + ": the file is empty; it needs a header row");
    for (const CsvRow& r : table.rows)
        if (r.fields.size() != table.header.size())
            fail(file, r.number,
                 std::to_string(r.fields.size()) + " fields, but the header has " +
                     std::to_string(table.header.size()));
    return table;
}

}  // namespace tilsyn
