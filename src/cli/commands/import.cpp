// tilsyn import: supervisions, findings and actions from CSV (a spreadsheet migration), in one
// transaction: every row is checked first, and one bad row stores nothing.
#include "base/csv_reader.h"
#include "base/error.h"
#include "base/money.h"
#include "base/text.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "log/rerating.h"
#include "log/supervision_input.h"

#include <cstring>
#include <map>
#include <set>
#include <tuple>

namespace tilsyn {

void import_options(po::options_description& d) {
    d.add_options()("supervisions", po::value<std::string>()->value_name("S.csv"),
                    "supervisions: ref, area, date, cases, ... (docs/log.md)")(
        "findings", po::value<std::string>()->value_name("F.csv"),
        "findings: supervision (its ref), case, axis, category, severity, ...")(
        "actions", po::value<std::string>()->value_name("A.csv"),
        "actions: supervision (its ref), text, owner, due");
}

namespace {

constexpr std::size_t max_reported = 20;  // a wrong file would otherwise print a line per row

// The columns of one CSV: which are required, and where each is in this file.
class Columns {
public:
    Columns(const CsvTable& t, std::initializer_list<const char*> required,
            std::initializer_list<const char*> optional, std::vector<std::string>& errors)
        : table_(t) {
        std::set<std::string> known(required.begin(), required.end());
        known.insert(optional.begin(), optional.end());
        for (std::size_t i = 0; i < t.header.size(); ++i) {
            const std::string name(trim(t.header[i]));
            if (!known.count(name))
                errors.push_back(t.file + ": row " + std::to_string(t.header_row) + ", column " +
                                 std::to_string(i + 1) + ": unknown column \"" + name +
                                 "\"; expected " + list(required, optional));
            else if (!index_.emplace(name, i).second)
                errors.push_back(t.file + ": row " + std::to_string(t.header_row) + ", column " +
                                 std::to_string(i + 1) + ": column \"" + name + "\" appears twice");
        }
        for (const char* r : required)
            if (!index_.count(r))
                errors.push_back(t.file + ": row " + std::to_string(t.header_row) +
                                 ": the required column \"" + std::string(r) + "\" is missing");
    }
    std::string get(const CsvRow& row, const std::string& name) const {
        auto found = index_.find(name);
        return found == index_.end() ? std::string() : std::string(trim(row.fields[found->second]));
    }
    bool has(const std::string& name) const { return index_.count(name) > 0; }
    std::string place(const CsvRow& row, const std::string& name) const {
        auto found = index_.find(name);
        return table_.file + ": row " + std::to_string(row.number) +
               (found == index_.end() ? "" : ", column " + std::to_string(found->second + 1)) +
               " (" + name + ")";
    }

private:
    static std::string list(std::initializer_list<const char*> a,
                            std::initializer_list<const char*> b) {
        std::string out;
        for (const char* n : a) out += (out.empty() ? "" : ", ") + std::string(n);
        for (const char* n : b) out += ", " + std::string(n) + " (optional)";
        return out;
    }
    const CsvTable& table_;
    std::map<std::string, std::size_t> index_;
};

std::int64_t count_field(const Columns& c, const CsvRow& row, const std::string& name,
                         bool required) {
    const std::string text = c.get(row, name);
    if (text.empty()) {
        if (required) throw InputError(c.place(row, name) + ": a number is required");
        return 0;
    }
    const auto v = parse_integer(text);
    if (!v) throw InputError(c.place(row, name) + ": '" + text + "' is not a whole number");
    if (*v < 0) throw InputError(c.place(row, name) + ": must not be negative, got " + text);
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

int run_import(const po::variables_map& vm, Context& ctx) {
    if (!vm.count("supervisions"))
        throw UsageError(
            "import: --supervisions S.csv is required (findings and actions belong to its rows)");
    std::vector<std::string> errors;
    auto attempt = [&](const auto& f) {
        try {
            f();
        } catch (const InputError& e) {
            errors.push_back(e.what());
            if (errors.size() >= max_reported) throw InputErrors(std::move(errors));
        }
    };

    const CsvTable sup = read_csv_file(vm["supervisions"].as<std::string>());
    const Columns sc(
        sup, {"ref", "area", "date", "cases"},
        {"leader", "occurrence", "errors_sagsbehandling", "errors_statsrefusion", "note"}, errors);
    std::optional<CsvTable> fin, act;
    if (vm.count("findings")) fin = read_csv_file(vm["findings"].as<std::string>());
    if (vm.count("actions")) act = read_csv_file(vm["actions"].as<std::string>());
    std::optional<Columns> fc, ac;
    if (fin)
        fc.emplace(*fin,
                   std::initializer_list<const char*>{"supervision", "case", "axis", "category",
                                                      "severity", "description"},
                   std::initializer_list<const char*>{"amount"}, errors);
    if (act)
        ac.emplace(*act, std::initializer_list<const char*>{"supervision", "text", "owner", "due"},
                   std::initializer_list<const char*>{}, errors);
    if (!errors.empty()) throw InputErrors(std::move(errors));

    // Supervisions by their ref; findings and actions are attached to them by it. Each input
    // remembers the rows its findings and actions came from, so that a message about
    // "findings[2].description" names that file, row and column (worked out only when needed:
    // an import holds a million findings).
    std::vector<SupervisionInput> inputs;
    inputs.reserve(sup.rows.size());
    std::map<std::string, std::size_t> by_ref;
    struct Origins {
        std::vector<const CsvRow*> findings, actions;
    };
    std::vector<Origins> origins(sup.rows.size());
    for (const CsvRow& row : sup.rows) {
        attempt([&] {
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
            const CsvRow* r = &row;
            in.place = [&sc, &fc, &ac, &origins, index, r](const std::string& field) {
                // "findings[3].case" -> the third finding's row in the findings file.
                for (auto [list, columns, name] :
                     {std::tuple{&origins[index].findings, &fc, "findings["},
                      std::tuple{&origins[index].actions, &ac, "actions["}}) {
                    if (!field.starts_with(name)) continue;
                    const std::size_t close = field.find("].");
                    const std::size_t n =
                        std::stoul(field.substr(std::strlen(name), close - std::strlen(name)));
                    return (*columns)->place(*(*list)[n - 1], field.substr(close + 2));
                }
                const std::string column =
                    field == "errors.sagsbehandling"  ? "errors_sagsbehandling"
                    : field == "errors.statsrefusion" ? "errors_statsrefusion"
                                                      : field;
                return sc.place(*r, column);
            };
            inputs.push_back(std::move(in));
        });
    }
    auto owner = [&](const Columns& c, const CsvRow& row) -> SupervisionInput& {
        const std::string ref = c.get(row, "supervision");
        auto found = by_ref.find(ref);
        if (found == by_ref.end())
            throw InputError(c.place(row, "supervision") + ": no supervision with ref \"" + ref +
                             "\" in " + sup.file);
        return inputs[found->second];
    };
    if (fin)
        for (const CsvRow& row : fin->rows)
            attempt([&] {
                SupervisionInput& in = owner(*fc, row);
                FindingEntry f;
                f.case_ref = fc->get(row, "case");
                f.category = fc->get(row, "category");
                f.description = fc->get(row, "description");
                const std::string axis = fc->get(row, "axis");
                if (auto a = parse_axis(axis))
                    f.axis = *a;
                else
                    throw InputError(fc->place(row, "axis") + ": \"" + axis +
                                     "\" is not sagsbehandling or statsrefusion");
                const std::string severity = fc->get(row, "severity");
                if (auto s = parse_severity(severity))
                    f.severity = *s;
                else
                    throw InputError(fc->place(row, "severity") + ": \"" + severity +
                                     "\" is not væsentlig or mindre");
                if (const std::string amount = fc->get(row, "amount"); !amount.empty()) {
                    f.amount_ore = parse_amount_ore(amount);
                    if (!f.amount_ore)
                        throw InputError(fc->place(row, "amount") + ": \"" + amount +
                                         "\" is not an amount in kroner such as 12.500,50");
                }
                in.findings.push_back(std::move(f));
                origins[static_cast<std::size_t>(&in - inputs.data())].findings.push_back(&row);
            });
    if (act)
        for (const CsvRow& row : act->rows)
            attempt([&] {
                SupervisionInput& in = owner(*ac, row);
                ActionEntry a;
                a.text = ac->get(row, "text");
                a.owner = ac->get(row, "owner");
                a.due = date_field(*ac, row, "due");
                in.actions.push_back(std::move(a));
                origins[static_cast<std::size_t>(&in - inputs.data())].actions.push_back(&row);
            });
    if (!errors.empty()) throw InputErrors(std::move(errors));

    // The decisions are read under the write lock below.
    const Inputs loaded = load_inputs(ctx, false);
    const Rules& rules = loaded.rules;
    const WorkCalendar& calendar = loaded.calendar;
    // Every row against the rules and the decisions in force; occurrences claimed twice within
    // the batch are found here too, before anything is appended.
    auto check_all = [&](const DecisionsByArea& decisions) {
        std::vector<CheckedSupervision> checked(inputs.size());
        std::set<std::pair<std::string, std::string>> claimed;
        for (std::size_t i = 0; i < inputs.size(); ++i)
            attempt([&] {
                checked[i] = check_supervision(inputs[i], rules, calendar, decisions, ctx.today);
                const auto& s = checked[i];
                if (s.entry.occurrence &&
                    !claimed.emplace(s.entry.area, *s.entry.occurrence).second)
                    throw InputError(inputs[i].place(s.occurrence_given ? "occurrence" : "date") +
                                     ": " + *s.entry.occurrence + " of " + s.entry.area +
                                     " is fulfilled twice in this import");
            });
        if (!errors.empty()) throw InputErrors(std::move(errors));
        return checked;
    };
    // Without a log yet, check before creating it: refused input leaves no empty database.
    if (!log_exists(ctx)) (void)check_all({});
    auto store = open_log_for_writing(ctx);
    std::size_t findings = 0, actions = 0;
    KeyFile key = key_file(ctx);
    const Head head = store->write(recorded_at(ctx), key, [&](Store::Writer& w) {
        const std::vector<CheckedSupervision> checked = check_all(colour_decisions(w.store()));
        for (std::size_t i = 0; i < inputs.size(); ++i)
            attempt([&] {
                append_supervision(w, checked[i], inputs[i].place, true);
                findings += checked[i].findings->size();
                actions += checked[i].actions->size();
            });
        if (!errors.empty()) throw InputErrors(std::move(errors));
    });
    ctx.out << "Importeret: " << inputs.size() << " tilsyn, " << findings << " fund, " << actions
            << (actions == 1 ? " handling" : " handlinger") << "\n"
            << head_line(head) << "\n";
    return 0;
}

}  // namespace tilsyn
