// Planen: the year's plan within the user's scope, per center and leader, month by month, each
// supervision with its status as the report judges it (review_year), and the year wheel. The
// filters (colour, leader, status) narrow both.
#include "base/dates.h"
#include "base/error.h"
#include "report/report_svg.h"
#include "report/wheel_layout.h"
#include "web/layout.h"
#include "web/routes.h"
#include "web/scoped_year.h"

#include <array>
#include <sstream>

namespace tilsyn {

namespace {

// The statuses as the page names them; the ?status= values are these labels.
struct StatusName {
    Timeliness status;
    std::string_view label;  ///< the filter's option and value
    std::string_view css;    ///< the class of the status cell
};
constexpr std::array<StatusName, 4> statuses{{
    {Timeliness::pending, "planlagt", "status-pending"},
    {Timeliness::on_time, "udført", "status-done"},
    {Timeliness::late, "for sent", "status-late"},
    {Timeliness::missing, "mangler", "status-missing"},
}};

const StatusName& status_name(Timeliness t) {
    for (const StatusName& s : statuses)
        if (s.status == t) return s;
    throw std::logic_error("unnamed status");
}

struct LeaderRef {
    const Center* center = nullptr;
    const Leader* leader = nullptr;
    std::string key() const { return center->id + "/" + leader->id; }
};

/// The leaders with an area the scope sees, in register order: the leader filter's choices.
std::vector<LeaderRef> leaders_in_scope(const Rules& rules, const Scope& scope) {
    std::vector<LeaderRef> out;
    for (const Center* c : scope.centers(rules))
        for (std::size_t i = 0; i < c->leaders.size(); ++i) {
            const bool seen = std::any_of(c->areas.begin(), c->areas.end(), [&](const Area& a) {
                return a.leader == i && scope.sees(*c, a);
            });
            if (seen) out.push_back({c, &c->leaders[i]});
        }
    return out;
}

struct Filters {
    std::optional<Colour> colour;
    std::optional<LeaderRef> leader;
    std::optional<Timeliness> status;
    bool any() const { return colour || leader || status; }

    bool keeps(const ReviewedOccurrence& ro) const {
        const Occurrence& o = *ro.occurrence;
        if (colour && o.rating().colour != *colour) return false;
        if (leader && (o.center != leader->center || &o.leader() != leader->leader)) return false;
        return !status || ro.status == *status;
    }
};

Filters read_filters(const PageRequest& r, const std::vector<LeaderRef>& leaders) {
    Filters f;
    if (const auto v = r.params.get("farve"); v && !v->empty()) {
        f.colour = parse_colour(*v);
        if (!f.colour) throw BadRequest("farve: \"" + *v + "\" er ikke en farve (rød, gul, grøn)");
    }
    if (const auto v = r.params.get("status"); v && !v->empty()) {
        for (const StatusName& s : statuses)
            if (s.label == *v) f.status = s.status;
        if (!f.status)
            throw BadRequest("status: \"" + *v +
                             "\" er ikke en status (planlagt, udført, for sent, mangler)");
    }
    if (const auto v = r.params.get("leder"); v && !v->empty()) {
        for (const LeaderRef& l : leaders)
            if (l.key() == *v) f.leader = l;
        if (!f.leader) {
            // Another leader is refused as such, not as unknown: the leaders are no secret, the
            // plan of theirs is.
            for (const Center& c : r.snapshot.inputs.rules.centers)
                for (const Leader& l : c.leaders)
                    if (LeaderRef{&c, &l}.key() == *v)
                        throw Forbidden("leder: " + l.name +
                                        " er ikke blandt dem, du har adgang til");
            throw BadRequest("leder: \"" + *v + "\" er ikke en leder");
        }
    }
    return f;
}

Data filter_form(const PageRequest& r, int year, const Filters& f,
                 const std::vector<LeaderRef>& leaders) {
    Data d;
    d.set("year", std::to_string(year));
    Data colours = list();
    for (const Colour c : {Colour::red, Colour::yellow, Colour::green}) {
        Data o;
        o.set("value", std::string(colour_danish(c)));
        o.set("selected", f.colour == c);
        colours.push_back(o);
    }
    d.set("colours", colours);
    Data ls = list();
    for (const LeaderRef& l : leaders) {
        Data o;
        o.set("value", l.key());
        o.set("label", l.leader->name + " (" + l.center->name + ")");
        o.set("selected", f.leader && f.leader->leader == l.leader);
        ls.push_back(o);
    }
    d.set("leaders", ls);
    Data ss = list();
    for (const StatusName& s : statuses) {
        Data o;
        o.set("value", std::string(s.label));
        o.set("selected", f.status == s.status);
        ss.push_back(o);
    }
    d.set("statuses", ss);
    d.set("filtered", f.any());
    d.set("path", r.path);
    return d;
}

std::string status_text(const ReviewedOccurrence& ro) {
    std::string text(status_name(ro.status).label);
    if (ro.performed) text += " " + danish_long(*ro.performed);
    return text;
}

Data occurrence_data(const ReviewedOccurrence& ro) {
    const Occurrence& o = *ro.occurrence;
    Data d;
    d.set("planned", danish_long(o.planned));
    d.set("planned_iso", iso(o.planned));
    d.set("area", o.area->id);
    d.set("area_name", o.area->name);
    d.set("colour", std::string(colour_token(o.rating().colour)));
    d.set("colour_name", std::string(colour_danish(o.rating().colour)));
    d.set("period", o.period_name());
    d.set("due", danish_long(o.due));
    d.set("due_iso", iso(o.due));
    d.set("status", status_text(ro));
    d.set("status_class", std::string(status_name(ro.status).css));
    return d;
}

/// The month-by-month tables: a section per center, a table per leader, a row group per month.
Data centers_data(const std::vector<const ReviewedOccurrence*>& shown,
                  const std::vector<LeaderRef>& leaders, int year) {
    Data centers = list();
    const Center* current = nullptr;
    Data center;
    Data center_leaders = list();
    auto close_center = [&] {
        if (!current) return;
        center.set("leaders", center_leaders);
        centers.push_back(center);
    };
    for (const LeaderRef& l : leaders) {
        std::array<Data, 12> months;
        for (Data& m : months) m = list();
        int count = 0;
        for (const ReviewedOccurrence* ro : shown) {
            const Occurrence& o = *ro->occurrence;
            if (o.center != l.center || &o.leader() != l.leader) continue;
            months[static_cast<std::size_t>(o.planned.month() - 1)].push_back(occurrence_data(*ro));
            ++count;
        }
        if (count == 0) continue;
        if (l.center != current) {
            close_center();
            current = l.center;
            center = Data();
            center.set("name", l.center->name);
            center.set("id", l.center->id);
            center_leaders = list();
        }
        Data ld;
        ld.set("name", l.leader->name);
        ld.set("id", l.center->id + "-" + l.leader->id);
        ld.set("year", std::to_string(year));
        ld.set("count", std::to_string(count));
        Data ms = list();
        for (int m = 0; m < 12; ++m) {
            if (months[static_cast<std::size_t>(m)].is_empty_list()) continue;
            Data md;
            md.set("month", std::string(danish_month(m + 1)));
            md.set("rows", months[static_cast<std::size_t>(m)]);
            ms.push_back(md);
        }
        ld.set("months", ms);
        center_leaders.push_back(ld);
    }
    close_center();
    return centers;
}

/// The year wheels of what is shown, each with the key from track number to area, and the
/// legend: the report's figures, whose marks and colours need no inline style (tilsyn.css holds
/// the rules for their classes).
std::string wheels_html(const YearReview& shown) {
    std::ostringstream out;
    out << "<div class=\"legend\">\n";
    for (const StatusName& s : statuses) {
        out << "<span>";
        write_status_glyph_svg(out, s.status, Colour::yellow);
        out << s.label << "</span>\n";
    }
    for (const Colour c : {Colour::red, Colour::yellow, Colour::green})
        out << "<span><span class=\"swatch " << colour_token(c) << "\"></span>periode planlagt "
            << colour_danish(c) << "</span>\n";
    if (shown.as_of.year() == shown.year)
        out << "<span><span class=\"today-line\"></span>i dag, " << danish_long(shown.as_of)
            << "</span>\n";
    out << "</div>\n";
    Data wheels = list();
    for (const WheelLayout& wheel : layout_wheels(shown.areas, wheel_track_capacity())) {
        Data w;
        std::string caption;
        Data groups = list();
        for (const WheelGroup& g : wheel.groups) {
            const std::string title = wheel_group_title(g);
            caption += (caption.empty() ? "" : " · ") + title;
            Data gd;
            gd.set("title", title);
            Data areas = list();
            for (const std::size_t i : g.areas) {
                const AreaMeasures& m = shown.areas[i];
                Data a;
                a.set("number", std::to_string(i + 1));
                a.set("id", m.area->id);
                a.set("name", m.area->name);
                a.set("colour", std::string(colour_token(m.colour_end)));
                a.set("colour_name", std::string(colour_danish(m.colour_end)));
                areas.push_back(a);
            }
            gd.set("areas", areas);
            groups.push_back(gd);
        }
        std::ostringstream svg;
        write_year_wheel_svg(svg, shown, wheel);
        w.set("caption", caption);
        w.set("svg", svg.str());
        w.set("groups", groups);
        // One group's title is the figure's caption already.
        w.set("several", wheel.groups.size() > 1);
        wheels.push_back(w);
    }
    Data d;
    d.set("wheels", wheels);
    return out.str() + render("year_wheel.mustache", d);
}

}  // namespace

Reply show_plan(PageRequest& r) {
    const int year = year_param(r);
    const Rules& rules = r.snapshot.inputs.rules;
    const std::vector<LeaderRef> leaders = leaders_in_scope(rules, r.scope);
    const Filters filters = read_filters(r, leaders);
    Data d = filter_form(r, year, filters, leaders);
    const std::string title = "Planen for " + std::to_string(year);

    if (!has_plan(r.snapshot, r.scope, year)) {
        // Before the registers' first assessment: said beside the form, so that another year
        // can be chosen.
        d.set("has_no_plan", true);
        return page(r, title, render("plan.mustache", d));
    }
    std::unique_ptr<Store> store = r.site.open_log();
    const ScopedYear y(r.snapshot, r.scope, store.get(), year, r.today);
    const YearReview& review = y.review();

    // What the filters keep: the list's rows and the wheel's marks. The wheel keeps the tracks
    // of the areas with a mark left, or every area of the scope when nothing is filtered.
    YearReview shown = review;
    std::erase_if(shown.occurrences,
                  [&](const ReviewedOccurrence& ro) { return !filters.keeps(ro); });
    if (filters.any())
        std::erase_if(shown.areas, [&](const AreaMeasures& m) {
            return std::none_of(
                shown.occurrences.begin(), shown.occurrences.end(),
                [&](const ReviewedOccurrence& ro) { return ro.occurrence->area == m.area; });
        });
    std::vector<const ReviewedOccurrence*> rows;
    TimelinessCount counts;
    for (const ReviewedOccurrence& ro : shown.occurrences) {
        rows.push_back(&ro);
        counts.add(ro.status);
    }

    d.set("has_plan", true);
    d.set("as_of", danish_long(r.today));
    d.set("shown", std::to_string(rows.size()));
    d.set("count_done", std::to_string(counts.on_time));
    d.set("count_late", std::to_string(counts.late));
    d.set("count_missing", std::to_string(counts.missing));
    d.set("count_pending", std::to_string(counts.pending));
    d.set("nothing", rows.empty());
    d.set("centers", centers_data(rows, leaders, year));
    if (!shown.areas.empty()) {
        d.set("has_wheels", true);
        d.set("wheels", wheels_html(shown));
    }
    return page(r, title, render("plan.mustache", d));
}

}  // namespace tilsyn
