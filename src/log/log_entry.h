#pragma once
// The entries of the findings log (tilsynslog): what a supervision found, the actions it
// started, re-rating decisions and corrections. Entries are immutable once written; each
// carries a SHA-256 over its canonical form and the previous entry's hash (docs/log.md).

#include "base/dates.h"
#include "rules/colour.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace tilsyn {

enum class Axis { sagsbehandling, statsrefusion };
std::string_view axis_name(Axis a);
std::optional<Axis> parse_axis(std::string_view text);

enum class Severity { vaesentlig, mindre };
std::string_view severity_name(Severity s);  ///< "væsentlig", "mindre"
/// Accepts "væsentlig"/"vaesentlig"/"material" and "mindre"/"minor".
std::optional<Severity> parse_severity(std::string_view text);

/// The sample (stikprøve) a supervision reviewed, drawn by `tilsyn sample` from a case list
/// (docs/sampling.md): enough for an auditor to draw it again and compare.
struct SampleRecord {
    std::string seed;
    std::string cases_sha256;           ///< SHA-256 of the case list file's bytes
    std::int64_t population = 0;        ///< case numbers in the list
    std::int64_t size = 0;              ///< cases drawn
    std::vector<std::string> reviewed;  ///< the drawn case numbers, in draw (key) order
    bool operator==(const SampleRecord&) const = default;
};

/// A performed supervision. Without an occurrence it is ad hoc: extra, and it fulfils nothing.
struct SupervisionEntry {
    std::string area;
    std::string center;
    std::string leader;
    Date performed;
    std::optional<std::string> occurrence;  ///< period code, "2027-M03"
    std::int64_t cases = 0;
    std::int64_t errors_sagsbehandling = 0;
    std::int64_t errors_statsrefusion = 0;
    std::string note;
    /// Absent for supervisions recorded without a case list; the canonical form then has no
    /// "sample" key at all, so entries written before samples existed hash as they always did.
    std::optional<SampleRecord> sample;
};

struct FindingEntry {
    std::int64_t supervision = 0;  ///< seq of the supervision it belongs to
    std::string case_ref;          ///< sagsnummer
    Axis axis = Axis::sagsbehandling;
    std::string category;
    Severity severity = Severity::mindre;
    std::optional<std::int64_t> amount_ore;  ///< economic consequence, exact
    std::string description;
};

struct ActionEntry {
    std::int64_t supervision = 0;
    std::string text;
    std::string owner;
    Date due;
};

enum class Verdict { accept, reject, set };
std::string_view verdict_name(Verdict v);
std::optional<Verdict> parse_verdict(std::string_view text);  ///< the inverse of verdict_name

/// A re-rating decision: a proposal accepted or rejected, or a colour set by hand. It takes
/// effect on `decided`: periods that start on or after that day use the new colour.
struct DecisionEntry {
    std::string area;
    Date decided;
    Verdict verdict = Verdict::accept;
    Colour from = Colour::green;
    Colour to = Colour::green;
    std::string rule;      ///< the re-rating rule that proposed it, or "manual"
    std::string evidence;  ///< the supervisions and figures behind it
    std::string reason;
    std::string by;  ///< who decided
};

/// Withdraws an earlier entry (a supervision with its findings and actions, a finding, an
/// action or a decision). The withdrawn entry stays in the log.
struct CorrectionEntry {
    std::int64_t corrects = 0;
    Date corrected;
    std::string reason;
};

/// A key that signs the log's entries from this entry on (docs/log.md, "Signatures"): the log's
/// first key, signed by itself, or a key that replaces the one before it, signed by that one.
struct KeyEntry {
    std::string public_key;               ///< Ed25519: the 32 raw bytes in lower-case hex
    std::optional<std::string> replaces;  ///< the id of the key it replaces; none for the first
    std::string reason;
};

using EntryBody = std::variant<SupervisionEntry, FindingEntry, ActionEntry, DecisionEntry,
                               CorrectionEntry, KeyEntry>;

std::string_view kind_name(const EntryBody& body);    ///< "supervision", "finding", ... (CSV, JSON)
std::string_view kind_danish(const EntryBody& body);  ///< "tilsyn", "fund", ... (tables, messages)

struct LogEntry {
    std::int64_t seq = 0;     ///< 1, 2, 3, ... in log order, no gaps
    std::string recorded_at;  ///< UTC, "2027-03-15T08:30:00Z"
    std::string prev_hash;    ///< the previous entry's hash; genesis_hash for the first
    std::string hash;
    EntryBody body;
    bool imported = false;  ///< brought in by `tilsyn import`, not recorded as it happened
    std::string signature;  ///< of the hash, by the key in force; empty before the log had a key
};

inline const std::string genesis_hash(64, '0');

/// The documented canonical form: compact JSON with sorted keys (docs/log.md).
std::string canonical_form(const LogEntry& e);
/// SHA-256 of "tilsyn-log-1\n" + prev_hash + "\n" + canonical_form.
std::string compute_hash(const LogEntry& e);

}  // namespace tilsyn
