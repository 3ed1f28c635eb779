#include "log/case_list.h"

#include "base/cpr_guard.h"
#include "base/csv_reader.h"
#include "base/error.h"
#include "base/file_bytes.h"
#include "base/free_text.h"
#include "base/sha256.h"
#include "base/text.h"

#include <algorithm>
#include <map>

namespace tilsyn {

namespace {

std::string lower_ascii(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) {
        return static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    });
    return s;
}

}  // namespace

CaseList read_case_list(const std::string& file) {
    CaseList list;
    list.file = file;
    const std::string bytes = read_input_file(file, case_list_input);
    list.sha256 = sha256_hex(bytes);
    std::string_view content = bytes;
    if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
    if (trim(content).empty()) throw InputError(file + ": the case list is empty");
    const CsvTable table = parse_csv(bytes, file);

    // Every cell is checked, not only the case numbers: an export may carry the citizen's CPR
    // number in a column of its own, and such a list must not be used (or fingerprinted).
    auto cell_name = [&](std::size_t column) {
        const std::string name(trim(table.header[column]));
        return name.empty() || table.header.size() == 1
                   ? "column " + std::to_string(column + 1)
                   : "column " + std::to_string(column + 1) + " (" + name + ")";
    };
    for (std::size_t k = 0; k < table.header.size(); ++k)
        refuse_cpr(table.header[k],
                   file + ": row " + std::to_string(table.header_row) + ": the header");
    for (const CsvRow& r : table.rows)
        for (std::size_t k = 0; k < r.fields.size(); ++k)
            refuse_cpr(r.fields[k],
                       file + ": row " + std::to_string(r.number) + ": " + cell_name(k));

    std::size_t column = 0;
    bool named = false;
    for (std::size_t k = 0; k < table.header.size() && !named; ++k) {
        const std::string name = lower_ascii(std::string(trim(table.header[k])));
        if (name == "sagsnummer" || name == "case") {
            column = k;
            named = true;
        }
    }
    // Without a header the first case number would be taken for one and silently left out.
    if (!named && std::any_of(table.header[0].begin(), table.header[0].end(),
                              [](char c) { return c >= '0' && c <= '9'; }))
        throw InputError(
            file + ": row " + std::to_string(table.header_row) + ": \"" +
            std::string(trim(table.header[0])) +
            "\" looks like a case number, not a column name; the list needs a header row "
            "(e.g. sagsnummer)");

    std::map<std::string, int, std::less<>> seen;
    for (const CsvRow& r : table.rows) {
        const std::string ref(trim(r.fields[column]));
        if (ref.empty()) continue;
        const std::string place = file + ": row " + std::to_string(r.number) + ": the case number";
        check_text(ref, place, max_short_text);
        if (ref.find('\n') != std::string::npos || ref.find('\t') != std::string::npos)
            throw InputError(place + " contains a line break or a tab");
        const auto [at, fresh] = seen.emplace(ref, r.number);
        if (!fresh)
            throw InputError(file + ": row " + std::to_string(r.number) + ": case number " + ref +
                             " is already on row " + std::to_string(at->second) +
                             "; each case may be listed once");
        list.cases.push_back({ref, r.number});
    }
    if (list.cases.empty())
        throw InputError(file + ": the case list is empty: no case numbers below the header (row " +
                         std::to_string(table.header_row) + ")");
    return list;
}

}  // namespace tilsyn
