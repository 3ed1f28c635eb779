#include "log/import_rows.h"

#include "base/cpr_guard.h"
#include "base/error.h"
#include "base/money.h"
#include "base/text.h"
#include "log/entry_checks.h"
#include "log/rerating.h"

#include <cstring>
#include <initializer_list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>

namespace tilsyn {

namespace {

// The columns of one CSV: which are required, and where each is in this file.
class Columns {
public:
    Columns(const CsvTable& t, std::initializer_list<const char*> required,
            std::initializer_list<const char*> optional, ImportProblems& problems)
        : file_(t.file) {
        std::set<std::string> known(required.begin(), required.end());
        known.insert(optional.begin(), optional.end());
        for (std::size_t i = 0; i < t.header.size(); ++i) {
            const std::string name(trim(t.header[i]));
            if (!known.count(name))
                problems.add(t.file + ": row " + std::to_string(t.header_row) + ", column " +
                             std::to_string(i + 1) + ": unknown column \"" + name +
                             "\"; expected " + list(required, optional));
            else if (!index_.emplace(name, i).second)
                problems.add(t.file + ": row " + std::to_string(t.header_row) + ", column " +
                             std::to_string(i + 1) + ": column \"" + name + "\" appears twice");
        }
        for (const char* r : required)
            if (!index_.count(r))
                problems.add(t.file + ": row " + std::to_string(t.header_row) +
                             ": the required column \"" + std::string(r) + "\" is missing");
    }
    std::string get(const CsvRow& row, const std::string& name) const {
        auto found = index_.find(name);
        return found == index_.end() ? std::string() : std::string(trim(row.fields[found->second]));
    }
    std::string place(int row, const std::string& name) const {
        auto found = index_.find(name);
        return file_ + ": row " + std::to_string(row) +
               (found == index_.end() ? "" : ", column " + std::to_string(found->second + 1)) +
               " (" + name + ")";
    }
    std::string place(const CsvRow& row, const std::string& name) const {
        return place(row.number, name);
    }

private:
    static std::string list(std::initializer_list<const char*> a,
                            std::initializer_list<const char*> b) {
        std::string out;
        for (const char* n : a) out += (out.empty() ? "" : ", ") + std::string(n);
        for (const char* n : b) out += ", " + std::string(n) + " (optional)";
        return out;
    }
    std::string file_;
    std::map<std::string, std::size_t> index_;
};

// Where each input's fields came from, shared by the inputs' `place` functions: row numbers
// rather than the rows, so that the inputs outlive the tables.
struct Origins {
    std::optional<Columns> supervisions, findings, actions;
    struct Rows {
        int supervision = 0;
        std::vector<int> findings, actions;
    };
    std::vector<Rows> rows;  // by input
};

std::int64_t count_field(const Columns& c, const CsvRow& row, const std::string& name,
                         bool required) {
    const std::string text = c.get(row, name);
    if (text.empty()) {
        if (required) throw InputError(c.place(row, name) + ": a number is required");
        return 0;
    }
    const auto v = parse_integer(text);
    if (!v || *v < 0 || *v > max_cases)
        throw InputError(c.place(row, name) + ": must be a whole number from 0 to " +
                         std::to_string(max_cases) + ", got '" + text + "'");
    return *v;
}

Date date_field(const Columns& c, const CsvRow& row, const std::string& name) {
    const std::string text = c.get(row, name);
    const auto d = parse_iso_date(text);
    if (!d)
        throw InputError(c.place(row, name) + ": '" + text +
                         "' is not a date: " + date_problem(text));
    return *d;
}

}  // namespace

std::vector<SupervisionInput> read_import_rows(const CsvTable& supervisions,
                                               const CsvTable* findings, const CsvTable* actions) {
    ImportProblems problems;
    auto origins = std::make_shared<Origins>();
    const Columns& sc = origins->supervisions.emplace(
        supervisions, std::initializer_list<const char*>{"ref", "area", "date", "cases"},
        std::initializer_list<const char*>{"leader", "occurrence", "errors_sagsbehandling",
                                           "errors_statsrefusion", "note"},
        problems);
    if (findings)
        origins->findings.emplace(
            *findings,
            std::initializer_list<const char*>{"supervision", "case", "axis", "category",
                                               "severity", "description"},
            std::initializer_list<const char*>{"amount"}, problems);
    if (actions)
        origins->actions.emplace(
            *actions, std::initializer_list<const char*>{"supervision", "text", "owner", "due"},
            std::initializer_list<const char*>{}, problems);
    problems.throw_if_any();

    // Supervisions by their ref; findings and actions are attached to them by it. Each input
    // remembers the rows its findings and actions came from, so that a message about
    // "findings[2].description" names that file, row and column (worked out only when needed:
    // an import holds a million findings).
    std::vector<SupervisionInput> inputs;
    inputs.reserve(supervisions.rows.size());
    std::map<std::string, std::size_t> by_ref;
    for (const CsvRow& row : supervisions.rows) {
        problems.attempt([&] {
            SupervisionInput in;
            const std::string ref = sc.get(row, "ref");
            if (ref.empty())
                throw InputError(sc.place(row, "ref") + ": every supervision needs a ref");
            in.area = sc.get(row, "area");
            in.performed = date_field(sc, row, "date");
            if (auto l = sc.get(row, "leader"); !l.empty()) in.leader = l;
            const std::string occ = sc.get(row, "occurrence");
            if (occ == "ad-hoc" || occ == "ad hoc")
                in.ad_hoc = true;
            else if (!occ.empty())
                in.occurrence = occ;
            in.cases = count_field(sc, row, "cases", true);
            in.errors_sagsbehandling = count_field(sc, row, "errors_sagsbehandling", false);
            in.errors_statsrefusion = count_field(sc, row, "errors_statsrefusion", false);
            in.note = sc.get(row, "note");
            if (!by_ref.emplace(ref, inputs.size()).second)
                throw InputError(sc.place(row, "ref") + ": ref \"" + ref +
                                 "\" is used by an earlier row");
            const std::size_t index = inputs.size();
            origins->rows.push_back({row.number, {}, {}});
            in.place = [o = std::shared_ptr<const Origins>(origins),
                        index](const std::string& field) {
                const Origins::Rows& rows = o->rows[index];
                // "findings[3].case" -> the third finding's row in the findings file.
                for (auto [list, columns, name] :
                     {std::tuple{&rows.findings, &o->findings, "findings["},
                      std::tuple{&rows.actions, &o->actions, "actions["}}) {
                    if (!field.starts_with(name)) continue;
                    const std::size_t close = field.find("].");
                    const std::size_t n =
                        std::stoul(field.substr(std::strlen(name), close - std::strlen(name)));
                    return (*columns)->place((*list)[n - 1], field.substr(close + 2));
                }
                const std::string column =
                    field == "errors.sagsbehandling"  ? "errors_sagsbehandling"
                    : field == "errors.statsrefusion" ? "errors_statsrefusion"
                                                      : field;
                return o->supervisions->place(rows.supervision, column);
            };
            inputs.push_back(std::move(in));
        });
    }
    // The input a finding or action belongs to, by its "supervision" column.
    auto owner = [&](const Columns& c, const CsvRow& row) -> std::size_t {
        const std::string ref = c.get(row, "supervision");
        auto found = by_ref.find(ref);
        if (found == by_ref.end())
            throw InputError(c.place(row, "supervision") + ": no supervision with ref \"" + ref +
                             "\" in " + supervisions.file);
        return found->second;
    };
    if (findings) {
        const Columns& fc = *origins->findings;
        for (const CsvRow& row : findings->rows)
            problems.attempt([&] {
                const std::size_t index = owner(fc, row);
                FindingEntry f;
                f.case_ref = fc.get(row, "case");
                f.category = fc.get(row, "category");
                f.description = fc.get(row, "description");
                const std::string axis = fc.get(row, "axis");
                if (auto a = parse_axis(axis))
                    f.axis = *a;
                else
                    throw InputError(fc.place(row, "axis") + ": \"" + axis +
                                     "\" is not sagsbehandling or statsrefusion");
                const std::string severity = fc.get(row, "severity");
                if (auto s = parse_severity(severity))
                    f.severity = *s;
                else
                    throw InputError(fc.place(row, "severity") + ": \"" + severity +
                                     "\" is not væsentlig or mindre");
                if (const std::string amount = fc.get(row, "amount"); !amount.empty()) {
                    // A ten-digit amount can be a CPR number typed into the wrong column.
                    if (auto problem = cpr_problem(amount))
                        throw InputError(fc.place(row, "amount") + ": " + *problem);
                    f.amount_ore = parse_amount_ore(amount);
                    if (!f.amount_ore)
                        throw InputError(fc.place(row, "amount") + ": \"" + amount +
                                         "\" is not an amount in kroner such as 12.500,50");
                }
                inputs[index].findings.push_back(std::move(f));
                origins->rows[index].findings.push_back(row.number);
            });
    }
    if (actions) {
        const Columns& ac = *origins->actions;
        for (const CsvRow& row : actions->rows)
            problems.attempt([&] {
                const std::size_t index = owner(ac, row);
                ActionEntry a;
                a.text = ac.get(row, "text");
                a.owner = ac.get(row, "owner");
                a.due = date_field(ac, row, "due");
                inputs[index].actions.push_back(std::move(a));
                origins->rows[index].actions.push_back(row.number);
            });
    }
    problems.throw_if_any();
    return inputs;
}

}  // namespace tilsyn
