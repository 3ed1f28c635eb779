#pragma once
// What an entry may hold, checked in one place (docs/security.md, "What is accepted"): every
// number within its range, every text within its length, no control character and no CPR
// number anywhere. New input is refused when it breaks a rule (the commands name the field
// where it came from); `tilsyn verify` lists older entries that break one as warnings, since
// the rules apply to what is entered from now on.

#include "log/log_entry.h"

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace tilsyn {

/// The most cases one supervision can review.
inline constexpr std::int64_t max_cases = 100'000;
/// The most case numbers a case list (and so a sample's population) may hold.
inline constexpr std::int64_t max_case_list = 10'000'000;

/// One field of an entry that breaks a rule: the field's name as a record file spells it
/// ("note", "errors.sagsbehandling", "description") and what is wrong with it.
struct FieldProblem {
    std::string field;
    std::string problem;
};

/// Every rule the entry breaks, field by field.
std::vector<FieldProblem> field_problems(const EntryBody& body);

/// The same as "field: problem", for verify's warnings.
std::vector<std::string> content_problems(const EntryBody& body);

/// Where a field of the input came from, as a message prefix ("--note", "rec.toml:7:9: note",
/// "supervisions.csv: row 3, column 6 (cases)"), given the field's name as field_problems
/// spells it.
using FieldPlace = std::function<std::string(const std::string& field)>;

/// Throws InputError "<place(prefix + field)>: <problem>" for the first rule the entry
/// breaks. `prefix` names the entry within its input ("findings[2].").
void require_acceptable(const EntryBody& body, const FieldPlace& place,
                        const std::string& prefix = "");

}  // namespace tilsyn
