#include "plan_formats.h"

#include "byte_buffer.h"
#include "chunked_output.h"

#include <map>
#include <string>
#include <tuple>

namespace tilsyn {

namespace {

// What a record takes from the period alone: a plan has a few dozen periods and hundreds of
// thousands of records, and making these strings for every record was a sixth of the export.
struct PeriodFields {
    std::string uid_suffix;  ///< after the area id
    std::string code;        ///< "2027-Q1"
    std::string cadence;     ///< the cadence's token
};

}  // namespace

// Formatted in chunks on worker threads while the chunks before them are written, as the
// calendar is.
void write_plan_csv(std::ostream& out, const Plan& plan, const Rules& rules, CsvDialect dialect) {
    CsvWriter(out, dialect)
        .row({"uid", "center_id", "center", "area_id", "area", "kind", "colour", "cadence", "period",
              "period_start", "period_end", "planned_date", "planned_week", "due_date", "leader_id", "leader",
              "leader_email", "focus"});
    const auto& occurrences = plan.occurrences;
    write_chunked(out, occurrences.size(), 2048, [&](ByteBuffer& buf, std::size_t begin, std::size_t end) {
        CsvRecord csv(dialect);
        std::map<std::tuple<int, int, int>, PeriodFields> periods;  // by year, cadence months and slot
        std::string uid;
        for (std::size_t i = begin; i < end; ++i) {
            const Occurrence& o = occurrences[i];
            const Cadence& cadence = o.rating().cadence;
            auto [p, fresh] = periods.try_emplace({o.year, cadence.months(), o.slot});
            if (fresh) p->second = {o.uid_suffix(rules.policy.uid_domain), o.period_code(), cadence.token()};
            const PeriodFields& pf = p->second;
            uid.assign(o.area->id).append(pf.uid_suffix);
            const std::string start = iso(o.period_start), end_date = iso(o.period_end);
            const std::string planned = iso(o.planned), due = iso(o.due);
            const std::string week = std::to_string(iso_week(o.planned));
            const Leader& l = o.leader();
            buf.append(csv.format({uid, o.center->id, o.center->name, o.area->id, o.area->name,
                                   area_kind_name(o.area->kind), colour_token(o.rating().colour), pf.cadence,
                                   pf.code, start, end_date, planned, week, due, l.id, l.name, l.email,
                                   o.area->focus}));
        }
    });
}

}  // namespace tilsyn
