#pragma once
// The case list a sample is drawn from: an export of case numbers (sagsnumre) from the case
// system, as CSV (docs/sampling.md). It is fingerprinted by the SHA-256 of its bytes, so that
// the auditor can tell whether a list is the one a logged sample was drawn from.

#include <string>
#include <vector>

namespace tilsyn {

struct ListedCase {
    std::string ref;  ///< the case number, trimmed
    int row = 0;      ///< the CSV row it is on (1 is the header)
};

struct CaseList {
    std::string file;
    std::string sha256;             ///< of the file's bytes exactly as stored (= sha256sum FILE)
    std::vector<ListedCase> cases;  ///< in file order, unique, at least one
};

/// Reads a case list. The first row is a header: the column named "sagsnummer" or "case"
/// (any case) holds the case numbers, else the first column; blank rows and blank cells are
/// skipped. Throws InputError "file: row N: ..." for a CPR-like number in any cell (never
/// repeating it), a duplicate case number (naming both rows), a header that looks like a case
/// number, and a list without case numbers.
CaseList read_case_list(const std::string& file);

}  // namespace tilsyn
