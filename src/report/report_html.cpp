#include "report/report_html.h"

#include "log/rerating.h"
#include "report/html_text.h"
#include "report/report_palette.h"
#include "report/report_svg.h"
#include "report/report_tables.h"
#include "report/wheel_layout.h"
#include "rules/rating.h"
#include "workload/workload.h"

#include <fmt/format.h>

namespace tilsyn {

namespace {

// Print first: A4 pages, colours kept (browsers drop backgrounds when printing unless told),
// no figure or table row split over two pages, table headers repeated on every page. The page
// boxes with the title and the page numbers follow, written with the year (page_boxes).
constexpr std::string_view style = R"css(
@page { size: A4; margin: 13mm 12mm 14mm 12mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Segoe UI", "Liberation Sans", Arial, "DejaVu Sans", sans-serif; font-size: 9.5pt;
  line-height: 1.35; color: #1a1a1a; background: #fff; max-width: 186mm; margin: 0 auto; padding: 8mm 0; }
@media print { body { max-width: none; padding: 0; } }
header { border-bottom: 3px solid #1f4e9a; padding-bottom: 3mm; margin-bottom: 4mm; }
h1 { font-size: 22pt; margin: 0; color: #1f4e9a; letter-spacing: -0.01em; }
.centers { font-size: 11pt; margin: 1mm 0 2mm; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: 0.5mm 4mm; margin: 0; font-size: 8.5pt; }
.meta dt { color: #555; } .meta dd { margin: 0; }
.hash { font-family: "DejaVu Sans Mono", Consolas, monospace; font-size: 7.5pt; white-space: nowrap; }
h2 { font-size: 13.5pt; color: #1f4e9a; border-bottom: 1.5px solid #1f4e9a; padding-bottom: 1mm;
  margin: 7mm 0 3mm; break-after: avoid; }
h3 { font-size: 10.5pt; margin: 5mm 0 2mm; break-after: avoid; }
p { margin: 0 0 2mm; } .lead { color: #333; }
section.new-page { break-before: page; }
figure { margin: 0; break-inside: avoid; }
figcaption { font-weight: 600; font-size: 10pt; margin-bottom: 1mm; text-align: center; }
.colours { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2mm; margin: 3mm 0 0; }
.colours div { border-left: 5px solid; padding: 1mm 2mm; background: #f7f7f7; font-size: 8.5pt; break-inside: avoid; }
.colours .red { border-color: #c0392b; } .colours .yellow { border-color: #e2a300; } .colours .green { border-color: #2e8b57; }
.kpis { display: grid; grid-template-columns: repeat(6, 1fr); gap: 2mm; margin: 3mm 0; break-inside: avoid; }
.kpi { border: 1px solid #c9d3e3; border-radius: 2mm; padding: 1.5mm 2mm; background: #f4f7fb; }
.kpi .value { display: block; font-size: 17pt; font-weight: 700; line-height: 1.1; }
.kpi .label { font-size: 7.5pt; color: #444; }
.kpi-alert .value { color: #8e0016; } .kpi-warn .value { color: #8a5a00; }
.heatmaps { display: grid; grid-template-columns: 1fr 1fr; gap: 6mm; }
.heatmap { width: 100%; height: auto; display: block; }
svg text { font-family: "Segoe UI", "Liberation Sans", Arial, "DejaVu Sans", sans-serif; fill: #1a1a1a; }
.heatmap .score { font-size: 8px; fill: #6b6b6b; } .heatmap .tick { font-size: 11px; }
.heatmap .axis-title { font-size: 12px; font-weight: 600; } .heat-area text { font-weight: 700; }
.key { columns: 2; column-gap: 6mm; font-size: 8pt; margin: 3mm 0 0; padding: 0; list-style: none; }
.key li { break-inside: avoid; padding: 0.3mm 0; }
.key .n { display: inline-block; min-width: 6mm; font-weight: 700; text-align: right; margin-right: 1.5mm; }
.key .center { font-weight: 700; color: #1f4e9a; break-after: avoid; padding-top: 1mm; }
.wheel { max-width: 100%; height: auto; display: block; margin: 0 auto; }
.wheel-page + .wheel-page { break-before: page; } .wheel-page figcaption { margin-top: 2mm; }
.wheel .month { font-size: 15px; font-weight: 600; } .wheel .track { font-weight: 700; fill: #333; }
.wheel .track { paint-order: stroke; stroke: #fff; stroke-width: 3px; }
.wheel .wheel-year { font-size: 34px; font-weight: 700; fill: #1f4e9a; }
.legend { display: flex; flex-wrap: wrap; gap: 1mm 5mm; font-size: 8.5pt; margin: 2mm 0; break-inside: avoid; }
.legend span { display: inline-flex; align-items: center; gap: 1.2mm; }
.glyph { width: 4.2mm; height: 4.2mm; }
.swatch { display: inline-block; width: 6mm; height: 3.2mm; border-radius: 1mm; }
.today-line { display: inline-block; width: 6mm; border-top: 2px dashed #1f4e9a; }
table { width: 100%; border-collapse: collapse; font-size: 7.8pt; margin: 0 0 3mm; }
thead { display: table-header-group; } tfoot { display: table-row-group; }
tr { break-inside: avoid; }
th, td { padding: 0.9mm 1.2mm; border-bottom: 0.5pt solid #d0d0d0; vertical-align: top; text-align: left; }
thead th { background: #e6ecf5; border-bottom: 1pt solid #1f4e9a; font-weight: 600; vertical-align: bottom;
  font-size: 7pt; padding: 0.9mm 0.8mm; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
thead th.num { white-space: normal; }
td.chips { white-space: nowrap; } td.amount { white-space: normal; }
/* Fixed layouts with set widths: whatever the registers hold, a table is as wide as the page.
   A word too long for its cell breaks only where it shows a hyphen: at the soft hyphens the
   report puts in long words (hyphenation.h), or where the browser's Danish dictionary says.
   Nothing may break a word anywhere (break-all, overflow-wrap): a broken word without its
   hyphen reads as two words. */
table { table-layout: fixed; } td { hyphens: auto; } th { hyphens: manual; }
.workload thead th:first-child { width: 46mm; }
.timeliness th:nth-child(1), .errors th:nth-child(1), .changes th:nth-child(1) { width: 7mm; }
.timeliness th:nth-child(3) { width: 25mm; } .timeliness th:nth-child(4) { width: 20mm; }
.timeliness th:nth-child(n+5), .timeliness-totals th:nth-child(n+2) { width: 15mm; }
.errors th:nth-child(3), .errors th:nth-child(4), .error-totals th:nth-child(2), .error-totals th:nth-child(3) { width: 12mm; }
.errors th:nth-child(5), .errors th:nth-child(6), .error-totals th:nth-child(4), .error-totals th:nth-child(5) { width: 16mm; }
.errors th:nth-child(7), .error-totals th:nth-child(6) { width: 10mm; }
.errors th:nth-child(8), .error-totals th:nth-child(7) { width: 17.5mm; }
.errors th:nth-child(n+9), .error-totals th:nth-child(n+8) { width: 22mm; }
.changes th:nth-child(2) { width: 38mm; } .changes th:nth-child(3), .changes th:nth-child(4) { width: 22mm; }
.changes th:nth-child(5) { width: 30mm; }
.decisions th:nth-child(1) { width: 10mm; } .decisions th:nth-child(2) { width: 18mm; }
.decisions th:nth-child(3) { width: 36mm; } .decisions th:nth-child(4) { width: 22mm; }
.decisions th:nth-child(5) { width: 36mm; }
.registration th:nth-child(1) { width: 7mm; } .registration th:nth-child(n+4) { width: 20mm; }

.nr { text-align: right; width: 7mm; color: #444; } .nowrap { white-space: nowrap; }
.area .id, .sub { display: block; color: #666; font-size: 6.6pt; font-weight: 400; }
.area .id { hyphens: none; } /* an id breaks at its own hyphens only */
tr.group { break-after: avoid; } tr.group th { background: #f2f2f2; font-size: 8.3pt; color: #1f4e9a; }
tr.subtotal td { font-weight: 600; border-top: 0.8pt solid #888; background: #fafafa; }
tr.total td { font-weight: 700; border-top: 1.4pt solid #1a1a1a; border-bottom: 1.4pt solid #1a1a1a; }
.zero { color: #b5b5b5; } .hours { display: block; font-size: 7pt; color: #555; white-space: nowrap; } .warn { color: #8a5a00; font-weight: 700; } .alert { color: #8e0016; font-weight: 700; }
.chip { display: inline-block; padding: 0 1.4mm; border-radius: 1.4mm; font-size: 7.2pt; font-weight: 700; line-height: 1.5; }
.chip.red { background: #c0392b; color: #fff; } .chip.yellow { background: #e2a300; color: #1a1a1a; }
.chip.green { background: #2e8b57; color: #fff; }
tr.withdrawn td { color: #777; } tr.withdrawn .chip { opacity: 0.55; }
.flag { display: block; color: #8e0016; font-weight: 700; }
p.none { font-style: italic; color: #555; }
footer { margin-top: 6mm; padding-top: 2mm; border-top: 1px solid #ccc; font-size: 7.5pt; color: #555; }
)css";

// The title and "Side N af M" in the margins of every printed page (CSS paged media; Chromium
// prints margin boxes from version 131). A page box of the report's own also keeps the
// browser's header and footer, with the print date and the file's path, off the paper.
std::string page_boxes(const YearReview& review) {
    return fmt::format(
        "@page {{\n"
        "  @top-left {{ content: \"Ledelsestilsyn {}\"; font: 7.5pt sans-serif; color: #555; }}\n"
        "  @top-right {{ content: \"opgjort pr. {}\"; font: 7.5pt sans-serif; color: #555; }}\n"
        "  @bottom-right {{ content: \"Side \" counter(page) \" af \" counter(pages); "
        "font: 7.5pt sans-serif; color: #555; }}\n}}\n",
        review.year, danish_long(review.as_of));
}

std::string range_text(int from, int to) {
    return from == to ? std::to_string(from) : fmt::format("{}-{}", from, to);
}

void write_header(std::ostream& out, const YearReview& review, const Rules& rules,
                  const ReportInfo& info) {
    out << "<header>\n<h1>Ledelsestilsyn " << review.year << "</h1>\n<p class=\"centers\">";
    const auto centers = selected_centers(rules, review.plan.filter);
    for (std::size_t i = 0; i < centers.size(); ++i)
        out << (i ? " · " : "") << html_escape(centers[i]->name);
    out << "</p>\n<dl class=\"meta\">\n<dt>Opgjort pr.</dt><dd>" << danish_long(review.as_of)
        << "</dd>\n";
    if (info.generated != review.as_of)
        out << "<dt>Dannet</dt><dd>" << danish_long(info.generated) << "</dd>\n";
    if (review.plan.filter.leader)
        out << "<dt>Udsnit</dt><dd>kun leder " << html_escape(*review.plan.filter.leader)
            << "</dd>\n";
    out << "<dt>Tilsynslog</dt><dd>";
    if (info.log_head)
        out << info.log_entries << (info.log_entries == 1 ? " post" : " poster")
            << ", kæden verificeret; hoved <span class=\"hash\">" << html_escape(*info.log_head)
            << "</span>";
    else
        out << "ingen log: intet registreret endnu";
    out << "</dd>\n</dl>\n";

    // The colour bands, in the policy's own numbers: the lowest and highest score the scales
    // allow, and the two thresholds between them.
    const Policy& p = rules.policy;
    const int low = axis_score(p, {p.likelihood.min, p.consequence.min});
    const int high = axis_score(p, {p.likelihood.max, p.consequence.max});
    const std::string op = p.method == RatingMethod::product ? "×" : "+";
    out << "<div class=\"colours\">\n";
    const struct {
        Colour c;
        int from, to;
    } bands[] = {{Colour::red, p.red_from, high},
                 {Colour::yellow, p.yellow_from, p.red_from - 1},
                 {Colour::green, low, p.yellow_from - 1}};
    for (const auto& b : bands)
        out << "<div class=\"" << colour_token(b.c) << "\">" << colour_chip(b.c) << " score "
            << range_text(b.from, b.to) << ": tilsyn " << html_escape(p.cadence_of(b.c).danish())
            << "</div>\n";
    out << "</div>\n<p class=\"lead\" style=\"margin-top:2mm\">Hvert område vurderes på to akser, "
           "sagsbehandling og "
           "statsrefusion. En akses score er sandsynlighed "
        << op << " konsekvens (skala " << range_text(p.likelihood.min, p.likelihood.max) << " og "
        << range_text(p.consequence.min, p.consequence.max)
        << "). Områdets farve er den værste akses, medmindre vurderingen eller en beslutning om "
           "omvurdering har "
           "fastsat den; farven bestemmer hvor ofte der føres tilsyn.</p>\n</header>\n";
}

void write_kpis(std::ostream& out, const YearReview& review) {
    const TimelinessCount& t = review.total;
    out << "<div class=\"kpis\">\n"
        << fmt::format(
               "<div class=\"kpi\"><span class=\"value\">{}</span><span class=\"label\">planlagte "
               "tilsyn</span></div>\n",
               t.planned())
        << fmt::format(
               "<div class=\"kpi\"><span class=\"value\">{}</span><span class=\"label\">udført "
               "rettidigt</span></div>\n",
               t.on_time)
        << fmt::format(
               "<div class=\"kpi{}\"><span class=\"value\">{}</span><span class=\"label\">udført "
               "for sent</span></div>\n",
               t.late ? " kpi-warn" : "", t.late)
        << fmt::format(
               "<div class=\"kpi{}\"><span class=\"value\">{}</span><span class=\"label\">mangler: "
               "fristen er overskredet</span></div>\n",
               t.missing ? " kpi-alert" : "", t.missing)
        << fmt::format(
               "<div class=\"kpi\"><span class=\"value\">{}</span><span class=\"label\">endnu ikke "
               "forfaldne</span></div>\n",
               t.pending)
        << fmt::format(
               "<div class=\"kpi\"><span class=\"value\" id=\"on-time-total\">{}</span><span "
               "class=\"label\">rettidigt af de forfaldne</span></div>\n",
               permille_text(t.on_time_permille()))
        << "</div>\n";
}

// Areas under a heading in a key: a center, or a group of a year wheel.
struct KeySection {
    std::string title;
    std::vector<std::size_t> areas;  ///< indices into YearReview::areas
};

// The key from number to name.
void write_area_key(std::ostream& out, const YearReview& review,
                    const std::vector<KeySection>& sections) {
    out << "<ol class=\"key\">\n";
    for (const KeySection& section : sections) {
        out << "<li class=\"center\">" << html_escape(section.title) << "</li>\n";
        for (const std::size_t i : section.areas) {
            const AreaMeasures& m = review.areas[i];
            out << "<li><span class=\"n\">" << i + 1 << "</span>" << colour_chip(m.colour_end)
                << ' ' << html_escape(m.area->name) << "</li>\n";
        }
    }
    out << "</ol>\n";
}

void write_heat_maps(std::ostream& out, const YearReview& review, const Rules& rules) {
    out << "<section id=\"risikokort\">\n<h2>1. Risikokort</h2>\n<p class=\"lead\">Områderne efter "
           "vurderingen "
           "i kraft "
        << danish_long(review.colour_day)
        << ": ét kort for hver akse. Feltets farve er den farve, scoren giver; ringens farve er "
           "områdets samlede "
           "farve. Tallene henviser til listen nedenfor og til tabellerne.</p>\n<div "
           "class=\"heatmaps\">\n";
    for (const Axis axis : {Axis::sagsbehandling, Axis::statsrefusion}) {
        out << "<figure>\n<figcaption>"
            << (axis == Axis::sagsbehandling ? "Sagsbehandling" : "Statsrefusion")
            << "</figcaption>\n";
        write_heat_map_svg(out, review, rules, axis);
        out << "</figure>\n";
    }
    out << "</div>\n";
    std::vector<KeySection> by_center;
    for (std::size_t i = 0; i < review.areas.size(); ++i) {
        if (i == 0 || review.areas[i].center != review.areas[i - 1].center)
            by_center.push_back({review.areas[i].center->name, {}});
        by_center.back().areas.push_back(i);
    }
    write_area_key(out, review, by_center);
    out << "</section>\n";
}

// The legend once, then each wheel on a page of its own with the key to its own tracks.
void write_wheels(std::ostream& out, const YearReview& review) {
    const std::vector<WheelLayout> wheels = layout_wheels(review.areas, wheel_track_capacity());
    out << "<section id=\"aarshjul\" class=\"new-page\">\n<h2>2. Årshjul</h2>\n<p "
           "class=\"lead\">Et spor pr. område; tallene står ved årsskiftet øverst. Hvert planlagt "
           "tilsyn er et mærke midt i sin periode, på et felt i den farve perioden er planlagt i.";
    if (wheels.size() > 1)
        out << " Områderne er fordelt på " << wheels.size()
            << " hjul efter center, og efter leder hvor et center har for mange områder til ét "
               "hjul; en kraftig ring skiller dem på samme hjul.";
    out << "</p>\n<div class=\"legend\">\n";
    const struct {
        Timeliness t;
        const char* text;
    } statuses[] = {{Timeliness::pending, "planlagt, ikke forfalden"},
                    {Timeliness::on_time, "udført rettidigt"},
                    {Timeliness::late, "udført for sent"},
                    {Timeliness::missing, "mangler: fristen er overskredet"}};
    for (const auto& s : statuses) {
        out << "<span>";
        write_status_glyph_svg(out, s.t, Colour::yellow);
        out << s.text << "</span>\n";
    }
    out << "</div>\n<div class=\"legend\">\n";
    for (const Colour c : {Colour::red, Colour::yellow, Colour::green})
        out << "<span><span class=\"swatch " << colour_token(c)
            << "\" style=\"background:" << colour_tint(c) << "\"></span>periode planlagt "
            << colour_danish(c) << "</span>\n";
    if (review.as_of.year() == review.year)
        out << "<span><span class=\"today-line\"></span>opgjort pr. " << danish_long(review.as_of)
            << "</span>\n";
    out << "</div>\n";
    for (const WheelLayout& wheel : wheels) {
        out << "<figure class=\"wheel-page\">\n<figcaption>";
        std::vector<KeySection> key;
        for (const WheelGroup& g : wheel.groups) {
            key.push_back({wheel_group_title(g), g.areas});
            out << (key.size() > 1 ? " · " : "") << html_escape(key.back().title);
        }
        out << "</figcaption>\n";
        write_year_wheel_svg(out, review, wheel);
        write_area_key(out, review, key);
        out << "</figure>\n";
    }
    out << "</section>\n";
}

}  // namespace

void write_report_html(std::ostream& out, const YearReview& review, const Rules& rules,
                       const ReportInfo& info) {
    out << "<!DOCTYPE html>\n<html lang=\"da\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, "
           "initial-scale=1\">\n<title>Ledelsestilsyn "
        << review.year << "</title>\n<style>" << style << page_boxes(review)
        << "</style>\n</head>\n<body>\n";
    write_header(out, review, rules, info);
    write_kpis(out, review);
    write_heat_maps(out, review, rules);
    write_wheels(out, review);

    const Workload load = review_workload(review, rules.policy);
    out << "<section id=\"arbejdsbyrde\" class=\"new-page\">\n<h2>3. Arbejdsbyrde</h2>\n<p "
           "class=\"lead\">Planlagte "
           "tilsyn pr. leder pr. måned, i den måned tilsynet er planlagt"
        << (load.leveled ? " (udjævnet: spredt over periodens måneder og uger)"
                         : " (periodens første arbejdsdag)")
        << (load.hours ? "; under antallet timerne efter politikkens timer pr. tilsyn" : "")
        << ".</p>\n";
    write_workload_html(out, load);
    out << "</section>\n";

    out << "<section id=\"rettidighed\">\n<h2>4. Rettidighed og fejlrater</h2>\n<h3>Rettidighed "
           "pr. område</h3>\n"
           "<p class=\"lead\">Rettidig: udført senest på fristen (periodens sidste arbejdsdag). "
           "Rettidig % regnes "
           "af de forfaldne tilsyn (rettidige, forsinkede og manglende).</p>\n";
    write_timeliness_table(out, review);
    out << "<h3>Registreret sent</h3>\n<p class=\"lead\">Et tilsyn er registreret sent, når det "
           "er skrevet i tilsynsloggen mere end "
        << review.register_within
        << " arbejdsdage efter, at det blev udført (politikkens [timeliness] register_within). "
           "Det tæller stadig som rettidigt, hvis det blev udført senest på fristen. Tilsyn "
           "hentet ind med tilsyn import er markeret som importeret og aldrig registreret sent; "
        << review.total.imported << " af årets planlagte tilsyn er opfyldt af importerede "
        << "tilsyn.</p>\n";
    write_registration_table(out, review);
    out << "<h3>Fejlrater og fund pr. område</h3>\n<p class=\"lead\">Tilsyn udført i "
        << review.year
        << ", ad hoc-tilsyn medregnet. Fejlrate: sager med fejl på aksen af de gennemgåede sager. "
           "Beløb: fundenes "
           "økonomiske betydning, for meget og for lidt udbetalt eller hjemtaget lagt sammen "
           "uden fortegn.</p>\n";
    write_error_table(out, review);
    out << "<h3>I alt pr. leder og center</h3>\n";
    write_totals_tables(out, review);
    out << "</section>\n";

    out << "<section id=\"farveskift\">\n<h2>5. Farveskift og beslutninger</h2>\n<h3>Farveskift i "
           "planen</h3>\n"
           "<p class=\"lead\">En ny farve gælder fra den første periode, der begynder efter "
           "vurderingen eller "
           "beslutningen.</p>\n";
    write_changes_table(out, review);
    out << "<h3>Beslutninger om omvurdering</h3>\n<p class=\"lead\">Alle beslutninger truffet i "
        << review.year
        << ", også afviste forslag og beslutninger, der siden er trukket tilbage.</p>\n";
    write_decisions_table(out, review);
    out << "</section>\n";

    out << "<footer>Dannet af tilsyn " << iso(info.generated)
        << " ud fra risikovurderingerne og tilsynsloggen, "
        << "opgjort pr. " << iso(review.as_of) << ".</footer>\n</body>\n</html>\n";
}

}  // namespace tilsyn
