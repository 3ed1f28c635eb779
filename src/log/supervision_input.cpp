#include "log/supervision_input.h"

#include "base/cpr_guard.h"
#include "base/error.h"
#include "base/money.h"
#include "base/text.h"
#include "log/case_sample.h"
#include "log/entry_checks.h"
#include "log/rerating.h"
#include "plan/plan.h"
#include "rules/sampling_policy.h"
#include "rules/toml_reader.h"

#include <algorithm>
#include <filesystem>
#include <memory>

namespace tilsyn {

namespace {

std::string where(const SourcePlace& p, const std::string& field) {
    return p.file + ":" + std::to_string(p.line) + ":" + std::to_string(p.column) + ": " + field;
}

// Every text value the reader accepts is remembered with its place for later messages.
class Places {
public:
    void set(const std::string& field, SourcePlace p) { map_[field] = std::move(p); }
    std::string operator()(const std::string& field) const {
        auto found = map_.find(field);
        return found == map_.end() ? file_ + ": " + field : where(found->second, field);
    }
    std::string file_;

private:
    std::map<std::string, SourcePlace> map_;
};

std::optional<std::int64_t> count(TableReader& r, std::string_view key, bool required) {
    return r.integer(key, 0, max_cases, required);
}

}  // namespace

SupervisionInput read_record_file(const std::string& file) {
    Diagnostics diags;
    const auto text = read_source_file(file, diags);
    diags.throw_if_any();
    return read_record(file, *text);
}

SupervisionInput read_record(const std::string& file, std::string_view bytes) {
    Diagnostics diags;
    const auto doc = parse_toml(bytes, file, diags);
    diags.throw_if_any();
    auto places = std::make_shared<Places>();
    places->file_ = file;
    SupervisionInput in;
    TableReader top(*doc, file, diags, "the record");
    auto remember = [&](TableReader& r, std::string_view key, const std::string& field) {
        places->set(field, r.place(key));
    };
    if (auto v = top.string("area", true)) in.area = *v;
    remember(top, "area", "area");
    if (auto v = top.date("date", true)) in.performed = *v;
    remember(top, "date", "date");
    in.leader = top.string("leader");
    remember(top, "leader", "leader");
    in.occurrence = top.string("occurrence");
    remember(top, "occurrence", "occurrence");
    if (auto v = top.boolean("ad_hoc")) in.ad_hoc = *v;
    remember(top, "ad_hoc", "ad_hoc");
    // [sample]: the case list the sample was drawn from; the cases reviewed are then drawn
    // again from it, and `cases` is only needed to review fewer than the rules' size.
    std::optional<std::string> cases_file;
    std::optional<std::string> seed;
    if (const toml::table* t = top.table("sample")) {
        TableReader r(*t, file, diags, "[sample]");
        cases_file = r.string("cases_file", true);
        if (cases_file && cases_file->empty()) {
            r.error("cases_file", "'cases_file' is empty; name the case list's file");
            cases_file.reset();
        }
        remember(r, "cases_file", "sample.cases_file");
        seed = r.string("seed");
        remember(r, "seed", "seed");
        r.finish();
    }
    if (auto v = count(top, "cases", !top.table("sample")))
        in.cases = *v;
    else
        in.cases_given = false;
    remember(top, "cases", "cases");
    if (const toml::table* t = top.table("errors")) {
        TableReader r(*t, file, diags, "[errors]");
        if (auto v = count(r, "sagsbehandling", false)) in.errors_sagsbehandling = *v;
        if (auto v = count(r, "statsrefusion", false)) in.errors_statsrefusion = *v;
        remember(r, "sagsbehandling", "errors.sagsbehandling");
        remember(r, "statsrefusion", "errors.statsrefusion");
        r.finish();
    }
    if (auto v = top.string("note")) in.note = *v;
    remember(top, "note", "note");

    auto each_table = [&](std::string_view key, const std::string& what,
                          const std::function<void(TableReader&, const std::string&)>& read) {
        const toml::array* list = top.array(key);
        if (!list) return;
        int index = 0;
        for (const toml::node& n : *list) {
            ++index;
            const toml::table* t = n.as_table();
            if (!t) {
                diags.add(place_of(file, n.source()),
                          "each " + what + " must be a table ([[" + std::string(key) + "]])");
                continue;
            }
            const std::string prefix = std::string(key) + "[" + std::to_string(index) + "]";
            TableReader r(*t, file, diags, what + " " + std::to_string(index));
            read(r, prefix);
            r.finish();
        }
    };
    each_table("findings", "finding", [&](TableReader& r, const std::string& prefix) {
        FindingEntry f;
        auto text = [&](std::string_view key, std::string& into) {
            if (auto v = r.string(key, true)) into = *v;
            remember(r, key, prefix + "." + std::string(key));
        };
        text("case", f.case_ref);
        text("category", f.category);
        text("description", f.description);
        if (auto v = r.string("axis", true)) {
            if (auto a = parse_axis(*v))
                f.axis = *a;
            else
                r.error("axis",
                        "axis must be \"sagsbehandling\" or \"statsrefusion\", not \"" + *v + "\"");
        }
        if (auto v = r.string("severity", true)) {
            if (auto s = parse_severity(*v))
                f.severity = *s;
            else
                r.error("severity",
                        "severity must be \"væsentlig\" or \"mindre\", not \"" + *v + "\"");
        }
        // An amount is text ("12.500,50") or whole kroner (12500); never a float, which would
        // not be exact.
        if (const toml::node* n = r.node("amount")) {
            // A ten-digit amount can be a CPR number typed into the wrong field: refused as one.
            const std::string written = n->is_integer()  ? std::to_string(n->as_integer()->get())
                                        : n->is_string() ? n->as_string()->get()
                                                         : std::string();
            if (auto problem = cpr_problem(written)) {
                r.error("amount", "'amount': " + *problem, Excerpt::withheld);
            } else if (n->is_integer()) {
                const std::int64_t kroner = n->as_integer()->get();
                // Checked through the text parser so both forms share one range.
                if (auto ore = parse_amount_ore(std::to_string(kroner)))
                    f.amount_ore = *ore;
                else
                    r.error("amount", "amount " + std::to_string(kroner) + " kr. is out of range");
            } else if (n->is_string()) {
                const std::string s = n->as_string()->get();
                if (auto ore = parse_amount_ore(s))
                    f.amount_ore = *ore;
                else
                    r.error("amount", "amount \"" + s +
                                          "\" is not an amount in kroner such as \"12.500,50\"");
            } else {
                r.error("amount",
                        "amount must be text such as \"12.500,50\" or whole kroner, not " +
                            std::string(toml_type_name(*n)));
            }
        }
        in.findings.push_back(std::move(f));
    });
    each_table("actions", "action", [&](TableReader& r, const std::string& prefix) {
        ActionEntry a;
        if (auto v = r.string("text", true)) a.text = *v;
        remember(r, "text", prefix + ".text");
        if (auto v = r.string("owner", true)) a.owner = *v;
        remember(r, "owner", prefix + ".owner");
        if (auto v = r.date("due", true)) a.due = *v;
        remember(r, "due", prefix + ".due");
        in.actions.push_back(std::move(a));
    });
    top.finish();
    diags.throw_if_any();
    in.place = [places](const std::string& field) { return (*places)(field); };
    if (cases_file) {
        // Relative to the record file, so a record and its list can be kept side by side.
        std::filesystem::path list = *cases_file;
        if (list.is_relative()) list = std::filesystem::path(file).parent_path() / list;
        in.sample = SampleInput{read_case_list(list.string()), seed};
    }
    return in;
}

CheckedSupervision check_supervision(const SupervisionInput& in, const Rules& rules,
                                     const WorkCalendar& calendar, const DecisionsByArea& decisions,
                                     Date today) {
    const auto& place = in.place;
    CheckedSupervision out;
    std::tie(out.center, out.area) = find_area(rules, in.area, place("area"));
    const Center& center = *out.center;
    const Area& area = *out.area;

    const Leader* leader = &center.leader_of(area);
    if (in.leader) {
        leader = nullptr;
        for (const Leader& l : center.leaders)
            if (l.matches(*in.leader)) leader = &l;
        if (!leader) {
            std::string known;
            for (const Leader& l : center.leaders) known += (known.empty() ? "" : ", ") + l.id;
            throw InputError(place("leader") + ": no leader \"" + *in.leader + "\" in " +
                             center.name + "; known leaders: " + known);
        }
    }
    if (in.performed > today)
        throw InputError(place("date") + ": " + iso(in.performed) + " is in the future (today is " +
                         iso(today) + "); record a supervision once it is done");
    const Date first = area.assessments.front().date;
    if (in.performed < first)
        throw InputError(place("date") + ": " + iso(in.performed) + " is outside any period of " +
                         area.id + ": its first assessment is dated " + iso(first));

    if (area.closed && in.performed >= area.closed->date)
        throw InputError(place("date") + ": " + area.id + " was closed on " +
                         iso(area.closed->date) + " (" + center.source +
                         "); nothing is supervised from that day on");

    SupervisionEntry& s = out.entry;
    s.area = area.id;
    s.center = center.id;
    s.leader = leader->id;
    s.performed = in.performed;
    s.cases = in.cases;
    s.errors_sagsbehandling = in.errors_sagsbehandling;
    s.errors_statsrefusion = in.errors_statsrefusion;
    s.note = in.note;
    {
        // Counts and texts before anything is drawn or planned with them; the errors are
        // checked against the cases at the end, once a sample may have set how many there are.
        SupervisionEntry early = s;
        early.errors_sagsbehandling = early.errors_statsrefusion = 0;
        if (in.sample && !in.cases_given) early.cases = 1;  // the sample's size, drawn below
        require_acceptable(early, place);
    }

    const auto found = decisions.find(area.id);
    const RatingTimeline timeline(rules.policy, area,
                                  found == decisions.end() ? nullptr : &found->second);
    if (in.ad_hoc) {
        if (in.occurrence)
            throw InputError(
                place("occurrence") +
                ": an ad hoc supervision fulfils no occurrence; give one or the other");
        out.colour = timeline.on(in.performed).rating.colour;
    } else {
        // The plan of the date's year, with the decisions in the log, tells which period the
        // supervision fulfils. An explicit occurrence may be an earlier period done late.
        const int year = in.performed.year();
        std::vector<Occurrence> occurrences =
            area_occurrences(rules, calendar, center, area, timeline, year);
        if (in.occurrence && in.occurrence->substr(0, 4) != std::to_string(year)) {
            const auto y = parse_year(in.occurrence->substr(0, 4));
            if (y && *y == year - 1) {
                auto previous = area_occurrences(rules, calendar, center, area, timeline, *y);
                occurrences.insert(occurrences.begin(), previous.begin(), previous.end());
            }
        }
        const Occurrence* match = nullptr;
        for (const Occurrence& o : occurrences) {
            if (in.occurrence ? o.period_code() == *in.occurrence
                              : (o.period_start <= in.performed && in.performed <= o.period_end))
                match = &o;
        }
        if (!match && !in.occurrence &&
            std::none_of(occurrences.begin(), occurrences.end(),
                         [&](const Occurrence& o) { return o.period_start <= in.performed; })) {
            // Between the first assessment and the area's first period (docs/rules.md, "When
            // an area starts"): nothing was planned yet, so it can only be ad hoc.
            const std::vector<Occurrence> next =
                occurrences.empty()
                    ? area_occurrences(rules, calendar, center, area, timeline, year + 1)
                    : std::vector<Occurrence>{};
            const std::vector<Occurrence>& later = occurrences.empty() ? next : occurrences;
            const std::string begins = later.empty() ? "after " + std::to_string(year + 1)
                                                     : "on " + iso(later.front().period_start) +
                                                           " (" + later.front().period_code() + ")";
            throw InputError(place("date") + ": " + area.id + " has no period yet on " +
                             iso(in.performed) + ": it was first assessed on " + iso(first) +
                             " and its first period begins " + begins +
                             "; a supervision before then is ad hoc");
        }
        if (!match) {
            std::string codes;
            for (const Occurrence& o : occurrences)
                if (o.period_start <= in.performed)
                    codes += (codes.empty() ? "" : ", ") + o.period_code();
            throw InputError(place("occurrence") + ": " + area.id +
                             " has no planned occurrence \"" +
                             in.occurrence.value_or(iso(in.performed)) + "\"; on " +
                             iso(in.performed) + " it can fulfil " + codes);
        }
        if (match->period_start > in.performed)
            throw InputError(place("occurrence") + ": " + match->period_code() + " starts " +
                             iso(match->period_start) + ", after the supervision was performed");
        s.occurrence = match->period_code();
        out.period_name = match->period_name();
        out.occurrence_given = in.occurrence.has_value();
        out.colour = match->rating().colour;
    }

    if (in.sample) {
        // Drawn again here, from the same list, seed and size as `tilsyn sample`, so that the
        // cases logged as reviewed are exactly the ones the seed selects.
        std::string seed;
        if (in.sample->seed) {
            seed = *in.sample->seed;
        } else if (s.occurrence) {
            seed = default_seed(area.id, *s.occurrence);
        } else {
            throw InputError(place("seed") +
                             ": an ad hoc supervision has no occurrence to make the seed from; "
                             "give the seed the sample was drawn with");
        }
        check_seed(seed, place("seed"));
        if (!in.cases_given) {
            const SampleSizeChoice size = choose_sample_size(rules.policy, area, out.colour);
            s.cases = size.size;
            out.sample_basis = size.basis;
        }
        const std::vector<DrawnCase> drawn = draw_sample(in.sample->list, seed, s.cases);
        SampleRecord r;
        r.seed = seed;
        r.cases_sha256 = in.sample->list.sha256;
        r.population = static_cast<std::int64_t>(in.sample->list.cases.size());
        r.size = s.cases;
        for (const DrawnCase& c : drawn) r.reviewed.push_back(c.ref);
        s.sample = std::move(r);
    }
    require_acceptable(s, place);

    out.findings = &in.findings;
    out.actions = &in.actions;
    int index = 0;
    for (const FindingEntry& f : in.findings)
        require_acceptable(f, place, "findings[" + std::to_string(++index) + "].");
    index = 0;
    for (const ActionEntry& a : in.actions) {
        const std::string prefix = "actions[" + std::to_string(++index) + "].";
        require_acceptable(a, place, prefix);
        if (a.due < in.performed)
            throw InputError(place(prefix + "due") + ": due " + iso(a.due) +
                             " is before the supervision (" + iso(in.performed) + ")");
    }
    return out;
}

std::int64_t append_supervision(Store::Writer& w, const CheckedSupervision& s,
                                const std::function<std::string(const std::string&)>& place,
                                bool imported) {
    if (s.entry.occurrence) {
        // Blame the field the occurrence came from: the date, unless it was named.
        const std::string where = place(s.occurrence_given ? "occurrence" : "date");
        if (auto done = w.store().fulfilment(s.entry.area, *s.entry.occurrence)) {
            const std::string seq = std::to_string(done->supervision);
            // The same supervision entered twice (a command run again, a file imported twice)
            // is a duplicate, not a second supervision of the period.
            const auto earlier = w.store().entry(done->supervision);
            const auto* e = earlier ? std::get_if<SupervisionEntry>(&earlier->body) : nullptr;
            if (e && e->performed == s.entry.performed && e->cases == s.entry.cases &&
                e->errors_sagsbehandling == s.entry.errors_sagsbehandling &&
                e->errors_statsrefusion == s.entry.errors_statsrefusion && e->note == s.entry.note)
                throw InputError((imported ? place("ref") + ": " : std::string()) +
                                 "this supervision is already recorded as #" + seq + " (" +
                                 s.entry.area + ", " + iso(s.entry.performed) + ", " +
                                 *s.entry.occurrence + ", the same figures); nothing was stored");
            throw InputError(where + ": " + *s.entry.occurrence + " of " + s.entry.area +
                             " is already fulfilled by supervision #" + seq +
                             "; record an extra one as ad hoc, or withdraw #" + seq +
                             " with 'tilsyn correct " + seq + " --reason ...'");
        }
    }
    const std::int64_t seq = w.append(s.entry, imported);
    for (FindingEntry f : *s.findings) {
        f.supervision = seq;
        w.append(std::move(f), imported);
    }
    for (ActionEntry a : *s.actions) {
        a.supervision = seq;
        w.append(std::move(a), imported);
    }
    return seq;
}

}  // namespace tilsyn
