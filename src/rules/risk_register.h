#pragma once
// The risk register (risikovurdering) of one center: its leaders and its rated areas.

#include "base/dates.h"
#include "rules/cadence.h"
#include "rules/colour.h"
#include "rules/diagnostics.h"

#include <optional>
#include <string>
#include <vector>

namespace tilsyn {

struct Policy;

enum class AreaKind { maalgruppe, ydelsestype };
std::string_view area_kind_name(AreaKind k);  ///< "målgruppe" / "ydelsestype"

struct AxisScore {
    int likelihood = 1;   ///< sandsynlighed
    int consequence = 1;  ///< konsekvens
    friend bool operator==(const AxisScore&, const AxisScore&) = default;
};

template <typename T>
struct Override {
    T value;
    std::string reason;
    friend bool operator==(const Override&, const Override&) = default;
};

/// One dated risk assessment of an area.
struct Assessment {
    Date date;
    AxisScore sagsbehandling;
    AxisScore statsrefusion;
    std::string reason;  ///< begrundelse
    std::optional<Override<Colour>> colour_override;
    std::optional<Override<Cadence>> cadence_override;
    friend bool operator==(const Assessment&, const Assessment&) = default;
};

struct Leader {
    std::string id;
    std::string name;
    std::string email;
    std::optional<int>
        capacity_minutes;  ///< per month, instead of the policy's [workload] capacity

    /// How users name a leader on the command line and in records: id, name or e-mail.
    bool matches(std::string_view key) const { return id == key || name == key || email == key; }
    friend bool operator==(const Leader&, const Leader&) = default;
};

/// The day an area stopped being supervised (docs/rules.md, "When an area closes"), and why.
struct Closure {
    Date date;  ///< the first day without the area: nothing is planned from it on
    std::string reason;
    friend bool operator==(const Closure&, const Closure&) = default;
};

struct Area {
    std::string id;
    std::string name;
    AreaKind kind = AreaKind::maalgruppe;
    std::size_t leader = 0;  ///< index into the center's leaders
    std::string focus;
    std::optional<int> population;
    std::optional<int> sample_size;  ///< cases per supervision, instead of the policy's [sampling]
    std::optional<int> minutes;      ///< per supervision, instead of the policy's [workload] hours
    std::vector<Assessment> assessments;  ///< at least one, in date order
    std::optional<Closure> closed;        ///< after every assessment
    int line = 0;  ///< where the area's id is written, for cross-file messages
    int column = 0;

    /// The assessment in force on a day: the latest dated on or before it, else the first.
    const Assessment& assessment_on(Date day) const;
    friend bool operator==(const Area&, const Area&) = default;
};

struct Center {
    std::string id;
    std::string name;
    std::string source;  ///< the register file
    int line = 0;        ///< where the center's id is written, for cross-file messages
    int column = 0;
    std::vector<Leader> leaders;
    std::vector<Area> areas;

    const Leader& leader_of(const Area& a) const { return leaders[a.leader]; }
    friend bool operator==(const Center&, const Center&) = default;
};

/// Reads one register from the bytes of `file`, already read. Problems are added to diags; the
/// center holds what could be read.
Center read_register(const std::string& file, std::string_view text, const Policy& policy,
                     Diagnostics& diags);

}  // namespace tilsyn
