#include "log/entry_checks.h"

#include "base/error.h"
#include "base/free_text.h"
#include "base/money.h"

#include <algorithm>
#include <type_traits>
#include <utility>
#include <variant>

namespace tilsyn {

namespace {

class Checks {
public:
    void text(const char* field, std::string_view value, std::size_t max_chars = max_long_text) {
        if (auto p = text_problem(value, max_chars)) out.push_back({field, *p});
    }
    void not_empty(const char* field, std::string_view value, const char* what) {
        if (value.find_first_not_of(" \t\n") == std::string_view::npos)
            out.push_back({field, std::string(what) + " is empty"});
    }
    /// `what` completes "must be ...": "a whole number from 0 to 100000".
    void range(const char* field, std::int64_t value, std::int64_t lo, std::int64_t hi,
               const std::string& what) {
        if (value < lo || value > hi)
            out.push_back({field, "must be " + what + ", got " + std::to_string(value)});
    }
    std::vector<FieldProblem> out;
};

void check(Checks& c, const SupervisionEntry& s) {
    c.text("area", s.area, max_short_text);
    c.text("leader", s.leader, max_short_text);
    // A supervision reviews cases: one of none would count as done and on time while nothing
    // was looked at.
    c.range("cases", s.cases, 1, max_cases,
            "a whole number from 1 to " + std::to_string(max_cases) +
                " (a supervision reviews at least one case)");
    const std::int64_t cases = std::clamp<std::int64_t>(s.cases, 0, max_cases);
    for (const auto& [field, errors] :
         {std::pair{"errors.sagsbehandling", s.errors_sagsbehandling},
          std::pair{"errors.statsrefusion", s.errors_statsrefusion}}) {
        if (errors > cases && errors <= max_cases)
            c.out.push_back({field, std::to_string(errors) +
                                        " cases with errors is more than the " +
                                        std::to_string(cases) + " cases reviewed"});
        else
            c.range(field, errors, 0, cases,
                    "a whole number from 0 to the " + std::to_string(cases) + " cases reviewed");
    }
    c.text("note", s.note);
    if (s.sample) {
        c.text("seed", s.sample->seed, max_short_text);
        c.range("sample.population", s.sample->population, 1, max_case_list,
                "a number of listed cases from 1 to " + std::to_string(max_case_list));
        c.range("cases", s.sample->size, 1, std::max<std::int64_t>(1, s.sample->population),
                "a sample size from 1 to the " + std::to_string(s.sample->population) +
                    " listed cases");
        for (const std::string& ref : s.sample->reviewed)
            c.text("sample.reviewed", ref, max_short_text);
    }
}

void check(Checks& c, const FindingEntry& f) {
    c.text("case", f.case_ref, max_short_text);
    c.not_empty("case", f.case_ref, "the case number");
    c.text("category", f.category, max_short_text);
    c.text("description", f.description);
    if (f.amount_ore)
        c.range("amount", *f.amount_ore, -max_amount_ore, max_amount_ore,
                "an amount within ±" + amount_danish(max_amount_ore) + " (in øre)");
}

void check(Checks& c, const ActionEntry& a) {
    c.text("text", a.text);
    c.not_empty("text", a.text, "the action");
    c.text("owner", a.owner, max_short_text);
}

void check(Checks& c, const DecisionEntry& d) {
    c.text("area", d.area, max_short_text);
    c.text("reason", d.reason);
    c.not_empty("reason", d.reason, "the reason");
    c.text("by", d.by, max_short_text);
    c.text("evidence", d.evidence, max_generated_text);
}

void check(Checks& c, const CorrectionEntry& k) {
    c.text("reason", k.reason);
    c.not_empty("reason", k.reason, "the reason");
}

void check(Checks& c, const KeyEntry& k) {
    c.text("reason", k.reason);
}

}  // namespace

std::vector<FieldProblem> field_problems(const EntryBody& body) {
    Checks c;
    std::visit([&](const auto& b) { check(c, b); }, body);
    return std::move(c.out);
}

void require_acceptable(const EntryBody& body, const FieldPlace& place, const std::string& prefix) {
    const std::vector<FieldProblem> problems = field_problems(body);
    if (!problems.empty())
        throw InputError(place(prefix + problems.front().field) + ": " + problems.front().problem);
}

std::vector<std::string> content_problems(const EntryBody& body) {
    std::vector<std::string> out;
    for (const FieldProblem& p : field_problems(body)) out.push_back(p.field + ": " + p.problem);
    return out;
}

}  // namespace tilsyn
