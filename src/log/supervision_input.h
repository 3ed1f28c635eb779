#pragma once
// A supervision as a leader reports it (from flags, a TOML file or a CSV row), and its checks
// against the rules and the log before anything is stored: known area and leader, the
// planned occurrence it fulfils, sane counts, and no CPR number in any text.

#include "base/free_text.h"
#include "log/case_list.h"
#include "log/log_entry.h"
#include "log/store.h"
#include "plan/rating_timeline.h"
#include "rules/rules_loader.h"
#include "rules/work_calendar.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace tilsyn {

/// A supervision's sample, to be drawn again from its case list when it is recorded.
struct SampleInput {
    CaseList list;
    std::optional<std::string> seed;  ///< default: "<area>/<occurrence>"
};

struct SupervisionInput {
    std::string area;
    Date performed;
    std::optional<std::string> leader;      ///< id, name or e-mail; default: the area's leader
    std::optional<std::string> occurrence;  ///< period code; default: the period of the date
    bool ad_hoc = false;
    std::int64_t cases = 0;
    bool cases_given = true;  ///< false: the sample's size from the rules decides `cases`
    std::optional<SampleInput> sample;
    std::int64_t errors_sagsbehandling = 0;
    std::int64_t errors_statsrefusion = 0;
    std::string note;
    std::vector<FindingEntry> findings;
    std::vector<ActionEntry> actions;
    /// Where a field came from, as a message prefix: "--cases", "rec.toml:7:9: cases",
    /// "supervisions.csv: row 3, column 6 (cases)". Fields of findings and actions are named
    /// "findings[1].description", "actions[2].due" (1-based).
    std::function<std::string(const std::string& field)> place;
};

/// Reads a record file (docs/log.md). Throws RulesError listing every problem, with
/// file:line:col.
SupervisionInput read_record_file(const std::string& file);
/// The same, for the bytes of `file` already read (a [sample]'s case list is still read from
/// beside `file`).
SupervisionInput read_record(const std::string& file, std::string_view bytes);

/// A supervision checked and ready to append.
struct CheckedSupervision {
    const Center* center = nullptr;
    const Area* area = nullptr;
    SupervisionEntry entry;
    /// The input's findings and actions, checked (not copied: an import holds a million);
    /// the input must outlive this. Their supervision seq is filled in by append_supervision.
    const std::vector<FindingEntry>* findings = nullptr;
    const std::vector<ActionEntry>* actions = nullptr;
    std::string period_name;        ///< "marts 2027", or "" when ad hoc
    bool occurrence_given = false;  ///< named by the input rather than found from the date
    Colour colour = Colour::green;  ///< the area's colour for the occurrence (or the date)
    std::string sample_basis;       ///< how the sample's size was found, when drawn by the rules
};

/// Checks a supervision against the rules (decisions included in the plan it is matched
/// against). Throws InputError prefixed with the field's place.
CheckedSupervision check_supervision(const SupervisionInput& in, const Rules& rules,
                                     const WorkCalendar& calendar, const DecisionsByArea& decisions,
                                     Date today);

/// Appends the supervision, its findings and its actions. Refuses an occurrence that a live
/// supervision already fulfils; a batch must have checked its own rows against each other
/// first, since rows appended earlier in the same transaction count as fulfilling.
/// Returns the supervision's seq.
std::int64_t append_supervision(Store::Writer& w, const CheckedSupervision& s,
                                const std::function<std::string(const std::string&)>& place,
                                bool imported = false);

}  // namespace tilsyn
