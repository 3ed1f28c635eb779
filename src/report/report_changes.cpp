// The report's colour changes and re-rating decisions: what changed in the year, and why.
#include "report/report_tables.h"

#include "report/html_text.h"
#include "report/hyphenation.h"

#include <fmt/format.h>

#include <map>

namespace tilsyn {

namespace {

std::string_view verdict_danish(Verdict v) {
    switch (v) {
        case Verdict::accept:
            return "forslag accepteret";
        case Verdict::reject:
            return "forslag afvist";
        case Verdict::set:
            return "fastsat manuelt";
    }
    return "";
}

// The re-rating rules by their stored names (rerating.cpp), in the report's Danish; a name
// this version does not know is shown as stored.
std::string rule_danish(const std::string& rule) {
    if (rule == "material-finding") return "væsentligt fund";
    if (rule == "error-rate") return "fejlrate over grænsen";
    if (rule == "below-threshold") return "lave fejlrater i træk";
    if (rule == "manual") return "manuel";
    return html_escape(rule);
}

std::map<std::string, std::pair<int, const Area*>, std::less<>> numbers(const YearReview& review) {
    std::map<std::string, std::pair<int, const Area*>, std::less<>> out;
    for (std::size_t i = 0; i < review.areas.size(); ++i)
        out.emplace(review.areas[i].area->id,
                    std::make_pair(static_cast<int>(i) + 1, review.areas[i].area));
    return out;
}

}  // namespace

void write_changes_table(std::ostream& out, const YearReview& review) {
    if (review.plan.changes.empty()) {
        out << "<p class=\"none\">Ingen områder skiftede farve i " << review.year << ".</p>\n";
        return;
    }
    const auto number = numbers(review);
    out << "<table class=\"changes\">\n<thead><tr><th "
           "class=\"nr\">Nr.</th><th>Område</th><th>Farve</th>"
           "<th>Gælder fra</th><th>Kilde</th><th>Begrundelse</th></tr></thead>\n<tbody>\n";
    for (const ColourChange& ch : review.plan.changes) {
        out << fmt::format(
            "<tr><td class=\"nr\">{}</td><td class=\"area\">{}<span class=\"id\">{}</span></td>"
            "<td class=\"nowrap\">{} → {}</td><td "
            "class=\"nowrap\">{}</td><td>{}</td><td>{}</td></tr>\n",
            number.at(ch.area->id).first, html_hyphenated(ch.area->name), html_escape(ch.area->id),
            colour_chip(ch.from), colour_chip(ch.to), danish_long(ch.effective),
            html_hyphenated(ch.step->source()), html_hyphenated(ch.step->reason()));
    }
    out << "</tbody>\n</table>\n";
}

void write_decisions_table(std::ostream& out, const YearReview& review) {
    if (review.decisions_in_year.empty()) {
        out << "<p class=\"none\">Ingen beslutninger om omvurdering i " << review.year << ".</p>\n";
        return;
    }
    const auto number = numbers(review);
    out << "<table class=\"decisions\">\n<thead><tr><th "
           "class=\"nr\">Post</th><th>Dato</th><th>Område</th>"
           "<th>Farve</th><th>Afgørelse</th><th>Begrundelse og "
           "grundlag</th></tr></thead>\n<tbody>\n";
    for (const ReviewedDecision& rd : review.decisions_in_year) {
        const DecisionEntry& d = rd.decision;
        const auto& [n, area] = number.at(d.area);
        std::string verdict = std::string(verdict_danish(d.verdict)) + "<span class=\"sub\">af " +
                              html_hyphenated(d.by) + "; regel: " + rule_danish(d.rule) + "</span>";
        if (rd.withdrawn) verdict += "<span class=\"flag\">Trukket tilbage</span>";
        std::string why = html_hyphenated(d.reason);
        if (!d.evidence.empty())
            why += "<span class=\"sub\">" + html_hyphenated(d.evidence) + "</span>";
        out << fmt::format(
            "<tr class=\"{}\"><td class=\"nr\">#{}</td><td class=\"nowrap\">{}</td>"
            "<td class=\"area\">{}. {}<span class=\"id\">{}</span></td><td class=\"nowrap\">{} → "
            "{}</td>"
            "<td>{}</td><td>{}</td></tr>\n",
            rd.withdrawn ? "withdrawn" : verdict_name(d.verdict), rd.seq, iso(d.decided), n,
            html_hyphenated(area->name), html_escape(d.area), colour_chip(d.from),
            colour_chip(d.to), verdict, why);
    }
    out << "</tbody>\n</table>\n";
}

}  // namespace tilsyn
