#include "rules/policy.h"

#include "base/free_text.h"
#include "base/text.h"
#include "rules/toml_reader.h"

#include <algorithm>
#include <cmath>

namespace tilsyn {

namespace {

// Small fixed formats are checked by hand: compiling a std::regex costs more than the rest of
// reading the policy, and `tilsyn remind` reads it every morning.

/// Two ASCII digits at text[at], as a number; -1 when they are not digits.
int two_digits(std::string_view text, std::size_t at) {
    if (at + 2 > text.size()) return -1;
    const char a = text[at], b = text[at + 1];
    if (a < '0' || a > '9' || b < '0' || b > '9') return -1;
    return (a - '0') * 10 + (b - '0');
}

/// "NN<sep>NN" exactly: the two numbers, or nullopt.
std::optional<std::pair<int, int>> two_numbers(std::string_view text, char sep) {
    if (text.size() != 5 || text[2] != sep) return std::nullopt;
    const int a = two_digits(text, 0), b = two_digits(text, 3);
    if (a < 0 || b < 0) return std::nullopt;
    return std::make_pair(a, b);
}

bool is_host_name(std::string_view s) {
    auto alnum = [](char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    };
    if (s.empty() || !alnum(s.front()) || !alnum(s.back())) return false;
    return std::all_of(s.begin(), s.end(),
                       [&](char c) { return alnum(c) || c == '.' || c == '-'; });
}

void read_scale(TableReader& parent, std::string_view key, Scale& scale) {
    const toml::table* t = parent.table(key);
    if (!t) return;
    TableReader r(*t, parent.file(), parent.diagnostics(), "[scale." + std::string(key) + "]");
    const auto lo = r.integer("min", true);
    const auto hi = r.integer("max", true);
    r.finish();
    if (!lo || !hi) return;
    if (*lo < 0 || *hi > 100 || *lo >= *hi) {
        parent.error(key, "the " + std::string(key) +
                              " scale must have 0 <= min < max <= 100, got " + std::to_string(*lo) +
                              "-" + std::to_string(*hi));
        return;
    }
    scale = {static_cast<int>(*lo), static_cast<int>(*hi)};
}

void read_cadences(TableReader& r, Policy& p) {
    for (Colour c : {Colour::red, Colour::yellow, Colour::green}) {
        const std::string key(colour_token(c));
        const auto text = r.string(key);
        if (!text) continue;
        std::string why;
        if (auto cad = Cadence::parse(*text, &why))
            p.cadence[static_cast<std::size_t>(c)] = *cad;
        else
            r.error(key, why);
    }
}

// "MM-DD" closes that day every year, "YYYY-MM-DD" only that date.
void read_closing_days(const toml::table& t, const std::string& file, Diagnostics& diags,
                       Policy& p) {
    p.closing_days.clear();
    for (auto&& [k, v] : t) {
        const std::string key(k.str());
        const SourcePlace where = place_of(file, k.source());
        const auto name = v.value<std::string>();
        if (!name || !v.is_string() || name->empty()) {
            diags.add(place_of(file, v.source()), "closing day \"" + key +
                                                      "\" needs a name, e.g. \"" + key +
                                                      "\" = \"Juleaftensdag\"");
            continue;
        }
        if (auto problem = text_problem(*name, max_short_text)) {
            diags.add(place_of(file, v.source()), "closing day \"" + key + "\": " + *problem,
                      Excerpt::withheld);
            continue;
        }
        if (const auto md = two_numbers(key, '-')) {
            const auto [month, day] = *md;
            // Checked against a leap year so that "02-29" is allowed (it applies in leap years).
            if (month < 1 || month > 12 || day < 1 ||
                day > boost::gregorian::gregorian_calendar::end_of_month_day(
                          2024, static_cast<unsigned short>(month))) {
                diags.add(where, "\"" + key + "\" is not a day of the year (MM-DD)");
                continue;
            }
            p.closing_days.push_back({std::nullopt, month, day, *name});
        } else if (auto d = parse_iso_date(key)) {
            p.closing_days.push_back({static_cast<int>(d->year()), d->month(), d->day(), *name});
        } else if (key.size() == 10 && key[4] == '-' && key[7] == '-') {
            diags.add(where, "closing day \"" + key + "\" is not a date: " + date_problem(key));
        } else {
            diags.add(where, "closing day \"" + key +
                                 "\" must be \"MM-DD\" (every year) or \"YYYY-MM-DD\" (one date)");
        }
    }
}

void read_ics(TableReader& r, Policy& p) {
    if (auto name = r.string("calendar_name")) {
        if (name->empty())
            r.error("calendar_name", "calendar_name must not be empty");
        else
            p.calendar_name = *name;
    }
    if (auto domain = r.string("uid_domain")) {
        if (!is_host_name(*domain))
            r.error("uid_domain", "uid_domain must be a host name such as \"tilsyn.lejre.dk\"");
        else
            p.uid_domain = *domain;
    }
    if (const toml::table* t = r.table("reminder")) {
        TableReader rr(*t, r.file(), r.diagnostics(), "[ics.reminder]");
        Reminder rem;
        if (auto time = rr.string("time", true)) {
            const auto hm = two_numbers(*time, ':');
            if (hm && hm->first <= 23 && hm->second <= 59) {
                rem.hour = hm->first;
                rem.minute = hm->second;
            } else {
                rr.error("time",
                         "reminder time must be HH:MM (00:00-23:59), got \"" + *time + "\"");
            }
        }
        if (auto n = rr.integer("working_days_before", true)) {
            if (*n < 0 || *n > 20)
                rr.error("working_days_before", "working_days_before must be 0-20");
            else
                rem.working_days_before = static_cast<int>(*n);
        }
        rr.finish();
        p.reminder = rem;
    }
}

void read_start(TableReader& r, StartRules& rules) {
    if (auto v = r.boolean("running_period")) rules.running_period = *v;
    // A month has at most 23 working days; 1 keeps a period with a single day left.
    if (auto n = r.integer("min_working_days", 1, 23))
        rules.min_working_days = static_cast<int>(*n);
}

void read_rerating(TableReader& r, RerateRules& rules) {
    auto percent = [&](std::string_view key, int& into) {
        if (auto v = r.integer(key)) {
            if (*v < 0 || *v > 100)
                r.error(key, std::string(key) + " must be a whole percent 0-100");
            else
                into = static_cast<int>(*v);
        }
    };
    percent("raise_above_percent", rules.raise_above_percent);
    percent("lower_below_percent", rules.lower_below_percent);
    if (auto n = r.integer("lower_after")) {
        if (*n < 1 || *n > 24)
            r.error("lower_after", "lower_after must be 1-24 supervisions");
        else
            rules.lower_after = static_cast<int>(*n);
    }
    if (auto b = r.boolean("material_to_red")) rules.material_to_red = *b;
    if (rules.lower_below_percent > rules.raise_above_percent)
        r.error("lower_below_percent", "lower_below_percent must not be above raise_above_percent");
}

// A percentage as hundredths of a percent: whole (5) or with at most two decimals (0.25), so
// the sample-size search works in integers. TOML floats are accepted only where they are such
// a number exactly enough that nothing is lost.
std::optional<int> percent_bp(TableReader& r, std::string_view key, int lo_bp, int hi_bp,
                              std::string_view range) {
    const toml::node* n = r.node(key);
    if (!n) return std::nullopt;
    std::optional<long long> bp;
    if (n->is_integer()) {
        const std::int64_t v = n->as_integer()->get();
        if (v >= -1'000 && v <= 1'000) bp = v * 100;
    } else if (n->is_floating_point()) {
        const double v = n->as_floating_point()->get();
        const double scaled = v * 100.0;
        if (std::isfinite(scaled) && std::abs(scaled) < 1e6 &&
            std::abs(scaled - std::round(scaled)) < 1e-6)
            bp = std::llround(scaled);
    }
    if (!bp || *bp < lo_bp || *bp > hi_bp) {
        r.error(key, std::string(key) + " must be a percent " + std::string(range) +
                         " with at most two decimals, e.g. 5 or 0.25");
        return std::nullopt;
    }
    return static_cast<int>(*bp);
}

void read_sampling(TableReader& r, SamplingRules& rules) {
    if (auto m = r.string("method")) {
        if (*m == "fixed")
            rules.method = SamplingRules::Method::fixed;
        else if (*m == "attribute")
            rules.method = SamplingRules::Method::attribute;
        else
            r.error("method",
                    "sampling method must be \"fixed\" or \"attribute\", not \"" + *m + "\"");
    }
    for (Colour c : {Colour::red, Colour::yellow, Colour::green}) {
        const std::string key(colour_token(c));
        if (auto n = r.integer(key)) {
            if (*n < 1 || *n > 1000)
                r.error(key, key + " must be 1-1000 cases per supervision");
            else
                rules.fixed[static_cast<std::size_t>(c)] = static_cast<int>(*n);
        }
    }
    if (auto n = r.integer("confidence")) {
        if (*n < 50 || *n > 99)
            r.error("confidence",
                    "confidence must be a whole percent 50-99 (the AICPA tables use 90 and 95)");
        else
            rules.attribute.confidence_percent = static_cast<int>(*n);
    }
    // Tolerable rates above 50 % mean nothing in an audit; the bound also keeps the binomial
    // terms of the size search far from underflow.
    if (auto bp = percent_bp(r, "tolerable_percent", 1, 5'000, "from 0.01 to 50"))
        rules.attribute.tolerable_bp = *bp;
    if (auto bp = percent_bp(r, "expected_percent", 0, 5'000, "from 0 to 50"))
        rules.attribute.expected_bp = *bp;
    if (rules.attribute.expected_bp >= rules.attribute.tolerable_bp) {
        r.error("expected_percent", "expected_percent must be below tolerable_percent");
        return;
    }
    // Checked here, where the policy can be fixed, rather than when a sample is drawn.
    if (rules.method == SamplingRules::Method::attribute &&
        !attribute_sample_size(rules.attribute, max_attribute_sample))
        r.error("expected_percent",
                "with these rates the attribute sample needs more than " +
                    std::to_string(max_attribute_sample) +
                    " cases; lower expected_percent or raise tolerable_percent");
}

std::optional<MonthDay> month_day(std::string_view text) {
    const auto md = two_numbers(text, '-');
    // 2024 is a leap year, so "02-29" is a day of the year.
    if (!md || md->first < 1 || md->first > 12 || md->second < 1 ||
        md->second > boost::gregorian::gregorian_calendar::end_of_month_day(
                         2024, static_cast<unsigned short>(md->first)))
        return std::nullopt;
    return MonthDay{md->first, md->second};
}

void read_blackout(TableReader& r, BlackoutRules& rules) {
    if (const toml::array* weeks = r.array("weeks")) {
        rules.iso_weeks.clear();
        for (const toml::node& n : *weeks) {
            const auto w = n.value<std::int64_t>();
            if (!n.is_integer() || !w || *w < 1 || *w > 53) {
                r.diagnostics().add(place_of(r.file(), n.source()),
                                    "[blackout] weeks must be ISO week numbers 1-53");
                continue;
            }
            rules.iso_weeks.push_back(static_cast<int>(*w));
        }
    }
    if (const toml::array* spans = r.array("periods")) {
        rules.spans.clear();
        for (const toml::node& n : *spans) {
            const toml::table* t = n.as_table();
            if (!t) {
                r.diagnostics().add(place_of(r.file(), n.source()),
                                    "[blackout] periods must be tables such as { from = \"12-22\", "
                                    "to = \"01-02\" }");
                continue;
            }
            TableReader span(*t, r.file(), r.diagnostics(), "a [blackout] period");
            const auto from = span.string("from", true);
            const auto to = span.string("to", true);
            span.finish();
            if (!from || !to) continue;
            const auto f = month_day(*from);
            const auto e = month_day(*to);
            if (!f) span.error("from", "\"" + *from + "\" is not a day of the year (MM-DD)");
            if (!e) span.error("to", "\"" + *to + "\" is not a day of the year (MM-DD)");
            if (f && e) rules.spans.push_back({*f, *e});
        }
    }
}

void read_workload(TableReader& r, WorkloadRules& rules) {
    if (const toml::table* t = r.table("hours")) {
        TableReader hours(*t, r.file(), r.diagnostics(), "[workload] hours");
        std::array<int, 3> minutes{};
        bool complete = true;
        for (Colour c : {Colour::red, Colour::yellow, Colour::green}) {
            const auto m = hours.hours(colour_token(c), WorkloadRules::max_supervision_hours, true);
            if (m)
                minutes[static_cast<std::size_t>(c)] = *m;
            else
                complete = false;
        }
        hours.finish();
        if (complete) rules.minutes = minutes;
    }
    if (auto m = r.hours("capacity", WorkloadRules::max_capacity_hours)) {
        if (!r.table("hours"))
            r.error("capacity", "a capacity in hours needs [workload] hours per supervision");
        else
            rules.capacity_minutes = *m;
    }
}

// With a smaller scale or the sum method, the default thresholds may be out of reach, and
// nothing would ever be red: say so where the user can fix it.
void read_reminders(TableReader& r, RemindRules& rules) {
    if (auto n = r.integer("within")) {
        if (*n < 0 || *n > 60)
            r.error("within", "within must be 0-60 working days");
        else
            rules.within = static_cast<int>(*n);
    }
    if (auto d = r.date("since")) rules.since = *d;
    if (auto from = r.string("from")) {
        if (!looks_like_email(*from))
            r.error("from", "from must be an e-mail address, got \"" + *from + "\"");
        else
            rules.from = *from;
    }
    if (auto cmd = r.string("sendmail")) {
        if (trim(*cmd).empty())
            r.error("sendmail", "sendmail must be a command, e.g. \"/usr/sbin/sendmail -t -oi\"");
        else
            rules.sendmail = *cmd;
    }
}

void check_reachable(const Policy& p, SourcePlace where, bool explicit_threshold,
                     Diagnostics& diags) {
    const int top_score = p.method == RatingMethod::product ? p.likelihood.max * p.consequence.max
                                                            : p.likelihood.max + p.consequence.max;
    if (p.red_from <= top_score) return;
    diags.add(std::move(where),
              std::string(explicit_threshold ? "" : "the default ") +
                  "red_from = " + std::to_string(p.red_from) +
                  " can never be reached: the highest score on these scales is " +
                  std::to_string(top_score) +
                  (explicit_threshold ? "" : "; set red_from and yellow_from in [rating]"));
}

}  // namespace

bool BlackoutRules::contains(Date d) const {
    if (!iso_weeks.empty()) {
        const int week = iso_week(d);
        if (std::find(iso_weeks.begin(), iso_weeks.end(), week) != iso_weeks.end()) return true;
    }
    const int md = d.month() * 100 + d.day();
    for (const Span& s : spans) {
        const int from = s.from.month * 100 + s.from.day;
        const int to = s.to.month * 100 + s.to.day;
        if (from <= to ? (md >= from && md <= to) : (md >= from || md <= to)) return true;
    }
    return false;
}

Policy read_policy(const std::string& file, std::string_view text, Diagnostics& diags) {
    Policy p;
    p.source = file;
    const auto doc = parse_toml(text, file, diags);
    if (!doc) return p;

    TableReader top(*doc, file, diags, "the policy");
    if (const toml::table* t = top.table("scale")) {
        TableReader r(*t, file, diags, "[scale]");
        read_scale(r, "likelihood", p.likelihood);
        read_scale(r, "consequence", p.consequence);
        r.finish();
    }
    if (const toml::table* t = top.table("rating")) {
        TableReader r(*t, file, diags, "[rating]");
        if (auto m = r.string("method")) {
            if (*m == "product")
                p.method = RatingMethod::product;
            else if (*m == "sum")
                p.method = RatingMethod::sum;
            else
                r.error("method",
                        "rating method must be \"product\" or \"sum\", not \"" + *m + "\"");
        }
        // The largest score: 100 x 100 with the product method on the widest scale.
        const auto red = r.integer("red_from", 1, 10'000);
        const auto yellow = r.integer("yellow_from", 1, 10'000);
        if (red) p.red_from = static_cast<int>(*red);
        if (yellow) p.yellow_from = static_cast<int>(*yellow);
        if (p.yellow_from >= p.red_from || p.yellow_from < 1)
            r.error(yellow ? "yellow_from" : "red_from",
                    "[rating] needs 1 <= yellow_from < red_from, got yellow_from = " +
                        std::to_string(p.yellow_from) +
                        ", red_from = " + std::to_string(p.red_from));
        else
            check_reachable(p, red ? r.place("red_from") : r.place(), red.has_value(), diags);
        r.finish();
    } else {
        check_reachable(p, top.table("scale") ? top.place("scale") : top.place(), false, diags);
    }
    if (const toml::table* t = top.table("cadence")) {
        TableReader r(*t, file, diags, "[cadence]");
        read_cadences(r, p);
        r.finish();
    }
    if (const toml::table* t = top.table("closing_days")) read_closing_days(*t, file, diags, p);
    if (const toml::table* t = top.table("ics")) {
        TableReader r(*t, file, diags, "[ics]");
        read_ics(r, p);
        r.finish();
    }
    if (const toml::table* t = top.table("rerating")) {
        TableReader r(*t, file, diags, "[rerating]");
        read_rerating(r, p.rerating);
        r.finish();
    }
    if (const toml::table* t = top.table("start")) {
        TableReader r(*t, file, diags, "[start]");
        read_start(r, p.start);
        r.finish();
    }
    if (const toml::table* t = top.table("reminders")) {
        TableReader r(*t, file, diags, "[reminders]");
        read_reminders(r, p.remind);
        r.finish();
    }
    if (const toml::table* t = top.table("timeliness")) {
        TableReader r(*t, file, diags, "[timeliness]");
        if (auto n = r.integer("register_within", 0, TimelinessRules::max_register_within))
            p.timeliness.register_within = static_cast<int>(*n);
        r.finish();
    }
    if (const toml::table* t = top.table("sampling")) {
        TableReader r(*t, file, diags, "[sampling]");
        read_sampling(r, p.sampling);
        r.finish();
    }
    if (const toml::table* t = top.table("workload")) {
        TableReader r(*t, file, diags, "[workload]");
        read_workload(r, p.workload);
        r.finish();
    }
    if (const toml::table* t = top.table("blackout")) {
        TableReader r(*t, file, diags, "[blackout]");
        read_blackout(r, p.blackout);
        r.finish();
    }
    top.finish();
    return p;
}

}  // namespace tilsyn
