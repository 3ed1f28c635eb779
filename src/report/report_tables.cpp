// The report's tables of figures: workload, timeliness, error rates and their sums.
#include "report/report_tables.h"

#include "log/rerating.h"

#include "base/hours.h"
#include "base/money.h"
#include "report/html_text.h"
#include "report/hyphenation.h"

#include <fmt/format.h>

#include <map>

namespace tilsyn {

std::string colour_chip(Colour c) {
    return fmt::format("<span class=\"chip {}\">{}</span>", colour_token(c), colour_danish(c));
}

namespace {

std::string area_cell(const YearReview& review, const AreaMeasures& m) {
    const auto number = &m - review.areas.data() + 1;
    return fmt::format(
        "<td class=\"nr\">{}</td><td class=\"area\">{}<span class=\"id\">{}</span></td>", number,
        html_hyphenated(m.area->name), html_escape(m.area->id));
}

std::string rate_cell(std::int64_t errors, std::int64_t cases) {
    if (cases == 0) return "<td class=\"num\">-</td>";
    return fmt::format("<td class=\"num\">{}<span class=\"sub\">{} af {}</span></td>",
                       permille_text(rate_permille(errors, cases)), errors, cases);
}

std::string amount_cell(std::int64_t ore) {
    return ore == 0 ? "<td class=\"num\">-</td>"
                    : "<td class=\"num amount\">" + amount_danish(ore) + "</td>";
}

std::string timeliness_cells(const TimelinessCount& t) {
    return fmt::format(
        "<td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num{}\">{}</td><td "
        "class=\"num{}\">{}</td>"
        "<td class=\"num\">{}</td><td class=\"num pct\">{}</td>",
        t.planned(), t.on_time, t.late ? " warn" : "", t.late, t.missing ? " alert" : "", t.missing,
        t.pending, permille_text(t.on_time_permille()));
}

std::string figure_cells(const Measures& f) {
    std::string supervisions = std::to_string(f.supervisions);
    if (f.ad_hoc)
        supervisions += fmt::format("<span class=\"sub\">heraf {} ad hoc</span>", f.ad_hoc);
    return fmt::format(
        "<td class=\"num\">{}</td><td class=\"num\">{}</td>{}{}<td class=\"num\">{}</td>"
        "<td class=\"num{}\">{}</td>{}{}",
        supervisions, f.cases, rate_cell(f.errors_sagsbehandling, f.cases),
        rate_cell(f.errors_statsrefusion, f.cases), f.findings, f.material_findings ? " alert" : "",
        f.material_findings, amount_cell(f.amount_sagsbehandling_ore),
        amount_cell(f.amount_statsrefusion_ore));
}

// The centers in the order the review lists their areas.
std::vector<const Center*> centers_of(const YearReview& review) {
    std::vector<const Center*> out;
    for (const AreaMeasures& m : review.areas)
        if (out.empty() || out.back() != m.center) out.push_back(m.center);
    return out;
}

const TimelinessCount& count_or_empty(const std::map<std::string, TimelinessCount>& by,
                                      const std::string& key) {
    static const TimelinessCount none;
    const auto found = by.find(key);
    return found == by.end() ? none : found->second;
}

constexpr std::string_view timeliness_head =
    "<th class=\"num\">Plan&shy;lagt</th><th class=\"num\">Ret&shy;tidig</th><th "
    "class=\"num\">For&shy;sinket</th>"
    "<th class=\"num\">Mangler</th><th class=\"num\">Ikke forfalden</th><th "
    "class=\"num\">Rettidig&nbsp;%</th>";
constexpr std::string_view figures_head =
    "<th class=\"num\">Tilsyn</th><th class=\"num\">Sager</th><th class=\"num\">Fejlrate "
    "sagsbeh.</th>"
    "<th class=\"num\">Fejlrate statsref.</th><th class=\"num\">Fund</th><th "
    "class=\"num\">Væsent&shy;lige fund</th>"
    "<th class=\"num\">Beløb sagsbeh.</th><th class=\"num\">Beløb statsref.</th>";

}  // namespace

void write_workload_html(std::ostream& out, const Workload& w) {
    out << "<table class=\"workload\">\n<thead><tr><th>Leder</th>";
    // Month columns by their first three letters: "jan" .. "dec" are what a Danish calendar says.
    for (int m = 1; m <= 12; ++m)
        out << "<th class=\"num\">" << danish_month(m).substr(0, 3) << "</th>";
    out << "<th class=\"num\">I alt</th></tr></thead>\n<tbody>\n";
    auto cell = [&](const WorkloadCell& c) {
        out << c.supervisions;
        if (w.hours && c.supervisions)
            out << "<span class=\"hours\">" << hours_text(c.minutes) << "</span>";
    };
    auto cells = [&](const WorkloadRow& row) {
        for (const WorkloadCell& c : row.months) {
            out << "<td class=\"num" << (c.supervisions ? "" : " zero") << "\">";
            cell(c);
            out << "</td>";
        }
        out << "<td class=\"num total\">";
        cell(row.year);
        out << "</td></tr>\n";
    };
    for (const WorkloadRow& c : w.centers) {
        out << "<tr class=\"group\"><th colspan=\"14\">" << html_hyphenated(c.center->name)
            << "</th></tr>\n";
        for (const WorkloadRow& row : w.leaders) {
            if (row.center != c.center) continue;
            out << "<tr><td>" << html_hyphenated(row.leader->name) << "</td>";
            cells(row);
        }
        if (w.centers.size() > 1) {
            out << "<tr class=\"subtotal\"><td>I alt " << html_hyphenated(c.center->name)
                << "</td>";
            cells(c);
        }
    }
    out << "</tbody>\n<tfoot><tr class=\"total\"><td>I alt</td>";
    for (const WorkloadCell& c : w.total.months) {
        out << "<td class=\"num\">";
        cell(c);
        out << "</td>";
    }
    out << "<td class=\"num\">";
    cell(w.total.year);
    out << "</td></tr></tfoot>\n</table>\n";
}

void write_timeliness_table(std::ostream& out, const YearReview& review) {
    out << "<table class=\"timeliness\">\n<thead><tr><th "
           "class=\"nr\">Nr.</th><th>Område</th><th>Leder</th>"
           "<th>Farve 1/1 → "
        << review.colour_day.day() << '/' << static_cast<int>(review.colour_day.month()) << "</th>"
        << timeliness_head << "</tr></thead>\n<tbody>\n";
    for (const Center* c : centers_of(review)) {
        out << "<tr class=\"group\"><th colspan=\"10\">" << html_hyphenated(c->name)
            << "</th></tr>\n";
        for (const AreaMeasures& m : review.areas) {
            if (m.center != c) continue;
            out << "<tr data-area=\"" << html_escape(m.area->id) << "\">" << area_cell(review, m)
                << "<td class=\"leader\">" << html_hyphenated(c->leader_of(*m.area).name)
                << "</td><td class=\"chips\">" << colour_chip(m.colour_start);
            if (m.colour_end != m.colour_start) out << " → " << colour_chip(m.colour_end);
            out << "</td>" << timeliness_cells(m.timeliness) << "</tr>\n";
        }
        out << "<tr class=\"subtotal\"><td></td><td colspan=\"3\">I alt "
            << html_hyphenated(c->name) << "</td>"
            << timeliness_cells(count_or_empty(review.by_center, c->id)) << "</tr>\n";
    }
    out << "</tbody>\n<tfoot><tr class=\"total\"><td></td><td colspan=\"3\">I alt</td>"
        << timeliness_cells(review.total) << "</tr></tfoot>\n</table>\n";
}

void write_registration_table(std::ostream& out, const YearReview& review) {
    std::map<const Area*, const AreaMeasures*> measures;
    for (const AreaMeasures& m : review.areas) measures.emplace(m.area, &m);
    bool any = false;
    for (const ReviewedOccurrence& ro : review.occurrences) {
        if (!ro.registration || ro.registration->status != RegistrationStatus::late) continue;
        const Occurrence& o = *ro.occurrence;
        if (!any)
            out << "<table class=\"registration\">\n<thead><tr><th class=\"nr\">Nr.</th>"
                   "<th>Område</th><th>Periode</th><th>Status</th><th>Udført</th>"
                   "<th>Registreret</th><th class=\"num\">Arbejds&shy;dage</th><th "
                   "class=\"num\">Logpost</th></tr></thead>\n<tbody>\n";
        any = true;
        out << "<tr data-area=\"" << html_escape(o.area->id) << "\" data-period=\""
            << o.period_code() << "\">" << area_cell(review, *measures.at(o.area)) << "<td>"
            << html_escape(o.period_name()) << "</td><td>" << timeliness_danish(ro.status)
            << "</td><td class=\"nowrap\">" << (ro.performed ? iso(*ro.performed) : "")
            << "</td><td class=\"nowrap warn\">" << iso(ro.registration->recorded)
            << "</td><td class=\"num warn\">" << ro.registration->working_days.value_or(0)
            << "</td><td class=\"num\">#" << ro.supervision.value_or(0) << "</td></tr>\n";
    }
    if (any)
        out << "</tbody>\n</table>\n";
    else
        out << "<p class=\"none\">Intet tilsyn i " << review.year << " er registreret sent.</p>\n";
}

void write_error_table(std::ostream& out, const YearReview& review) {
    out << "<table class=\"errors\">\n<thead><tr><th class=\"nr\">Nr.</th><th>Område</th>"
        << figures_head << "</tr></thead>\n<tbody>\n";
    Measures all;
    for (const Center* c : centers_of(review)) {
        out << "<tr class=\"group\"><th colspan=\"10\">" << html_hyphenated(c->name)
            << "</th></tr>\n";
        Measures sum;
        for (const AreaMeasures& m : review.areas) {
            if (m.center != c) continue;
            sum.add(m);
            all.add(m);
            out << "<tr data-area=\"" << html_escape(m.area->id) << "\">" << area_cell(review, m)
                << figure_cells(m) << "</tr>\n";
        }
        out << "<tr class=\"subtotal\"><td></td><td>I alt " << html_hyphenated(c->name) << "</td>"
            << figure_cells(sum) << "</tr>\n";
    }
    out << "</tbody>\n<tfoot><tr class=\"total\"><td></td><td>I alt</td>" << figure_cells(all)
        << "</tr></tfoot>\n</table>\n";
}

void write_totals_tables(std::ostream& out, const YearReview& review) {
    struct Row {
        std::string name;
        bool center = false;
        TimelinessCount timeliness;
        Measures figures;
    };
    std::vector<Row> rows;
    for (const Center* c : centers_of(review)) {
        Row center{html_hyphenated(c->name), true, count_or_empty(review.by_center, c->id), {}};
        for (const Leader& l : c->leaders) {
            Row leader{html_hyphenated(l.name),
                       false,
                       count_or_empty(review.by_leader, c->id + "/" + l.id),
                       {}};
            bool any = false;
            for (const AreaMeasures& m : review.areas)
                if (m.center == c && &c->leader_of(*m.area) == &l) {
                    leader.figures.add(m);
                    center.figures.add(m);
                    any = true;
                }
            if (any) rows.push_back(std::move(leader));
        }
        center.name = "I alt " + center.name;
        rows.push_back(std::move(center));
    }
    out << "<table class=\"totals timeliness-totals\">\n<thead><tr><th>Leder</th>"
        << timeliness_head << "</tr></thead>\n<tbody>\n";
    for (const Row& r : rows)
        out << "<tr" << (r.center ? " class=\"subtotal\"" : "") << "><td>" << r.name << "</td>"
            << timeliness_cells(r.timeliness) << "</tr>\n";
    out << "</tbody>\n</table>\n<table class=\"totals error-totals\">\n<thead><tr><th>Leder</th>"
        << figures_head << "</tr></thead>\n<tbody>\n";
    for (const Row& r : rows)
        out << "<tr" << (r.center ? " class=\"subtotal\"" : "") << "><td>" << r.name << "</td>"
            << figure_cells(r.figures) << "</tr>\n";
    out << "</tbody>\n</table>\n";
}

}  // namespace tilsyn
