#include "log/entry_summary.h"

#include "base/money.h"
#include "base/text.h"
#include "log/signing_key.h"
#include "rules/colour.h"

#include <type_traits>
#include <variant>

namespace tilsyn {

std::string entry_summary(const LogEntry& e) {
    return std::visit(
        [](const auto& b) -> std::string {
            using T = std::decay_t<decltype(b)>;
            if constexpr (std::is_same_v<T, SupervisionEntry>) {
                return "tilsyn af " + b.leader + ", " +
                       (b.occurrence ? "opfylder " + *b.occurrence : std::string("ad hoc")) + "; " +
                       std::to_string(b.cases) + " sager, fejl sagsbehandling " +
                       std::to_string(b.errors_sagsbehandling) + ", statsrefusion " +
                       std::to_string(b.errors_statsrefusion) +
                       (b.note.empty() ? "" : "; " + b.note) +
                       (b.sample ? "; stikprøve " + std::to_string(b.sample->size) + " af " +
                                       std::to_string(b.sample->population) + " sager, frø \"" +
                                       b.sample->seed + "\", sagsliste sha256 " +
                                       b.sample->cases_sha256 +
                                       ", gennemgået: " + join(b.sample->reviewed, ", ")
                                 : std::string());
            } else if constexpr (std::is_same_v<T, FindingEntry>) {
                return "fund i #" + std::to_string(b.supervision) + ": sag " + b.case_ref + ", " +
                       std::string(axis_name(b.axis)) + ", " + b.category + ", " +
                       std::string(severity_name(b.severity)) +
                       (b.amount_ore ? ", " + amount_danish(*b.amount_ore) : std::string()) + "; " +
                       b.description;
            } else if constexpr (std::is_same_v<T, ActionEntry>) {
                return "handling efter #" + std::to_string(b.supervision) + ": " + b.text + " (" +
                       b.owner + ", frist " + iso(b.due) + ")";
            } else if constexpr (std::is_same_v<T, DecisionEntry>) {
                static constexpr const char* verdicts[] = {"accepteret", "afvist",
                                                           "fastsat manuelt"};
                return "beslutning: " + std::string(colour_danish(b.from)) + " -> " +
                       std::string(colour_danish(b.to)) + " " +
                       verdicts[static_cast<int>(b.verdict)] + " af " + b.by + " (" + b.rule +
                       "): " + b.reason;
            } else if constexpr (std::is_same_v<T, CorrectionEntry>) {
                return "rettelse: #" + std::to_string(b.corrects) + " trækkes tilbage: " + b.reason;
            } else {
                return "signeringsnøgle " + key_id(b.public_key) +
                       (b.replaces ? " afløser nøgle " + *b.replaces
                                   : std::string(", loggens første")) +
                       ": " + b.reason;
            }
        },
        e.body);
}

}  // namespace tilsyn
