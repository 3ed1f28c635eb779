#pragma once
// The rows of `tilsyn import` (docs/log.md): supervisions, findings and actions read from CSV
// tables into SupervisionInputs. Columns, counts, dates, axes, severities, amounts and refs are
// checked here, row by row; the rules are checked later, by check_supervision.

#include "base/csv_reader.h"
#include "log/supervision_input.h"

#include "base/error.h"

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace tilsyn {

/// How many problems an import lists before it stops: a wrong file would otherwise print a
/// line per row.
inline constexpr std::size_t max_import_problems = 20;

/// The problems of an import, collected row by row so that one run lists them all, up to
/// max_import_problems.
class ImportProblems {
public:
    void add(std::string message) {
        messages_.push_back(std::move(message));
        if (messages_.size() >= max_import_problems)
            throw InputErrors(std::exchange(messages_, {}));
    }
    /// Runs `check` and keeps the InputError it throws, if any.
    template <class Check>
    void attempt(const Check& check) {
        try {
            check();
        } catch (const InputError& e) {
            add(e.what());
        }
    }
    /// Throws InputErrors listing the problems kept, if there are any.
    void throw_if_any() {
        if (!messages_.empty()) throw InputErrors(std::exchange(messages_, {}));
    }

private:
    std::vector<std::string> messages_;
};

/// One SupervisionInput per row of `supervisions`, with the rows of `findings` and `actions`
/// (either may be null) attached by their "supervision" ref. Each input's `place` names the
/// file, row and column a field came from ("findings[2].description" is that finding's row in
/// the findings file); the inputs do not refer to the tables. Throws InputErrors listing the
/// problems, at most max_import_problems of them.
std::vector<SupervisionInput> read_import_rows(const CsvTable& supervisions,
                                               const CsvTable* findings, const CsvTable* actions);

}  // namespace tilsyn
