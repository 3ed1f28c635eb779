#pragma once
// A log entry read back from its rows: the one SELECT that joins an entry to its kind's table,
// and the reading of such a row into a LogEntry, for the Store's queries and for verify.

#include "log/log_entry.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace SQLite {
class Statement;
}  // namespace SQLite

namespace tilsyn {

/// SELECT ... FROM entry with every kind's table joined; a WHERE and an ORDER BY may follow.
extern const char* const select_entries;

/// A row that cannot be turned back into an entry: the database was edited behind our back.
struct Unreadable {
    std::string problem;
};

/// A sampled supervision's drawn cases, in position order (a second query: most entries have none).
using SampleCases = std::function<std::vector<std::string>(std::int64_t entry)>;

/// The entry of the current row of a select_entries query. Throws Unreadable.
LogEntry read_entry(SQLite::Statement& q, const SampleCases& sample_cases);

}  // namespace tilsyn
