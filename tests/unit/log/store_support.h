#pragma once
// Helpers shared by the unit tests of the findings log's store: an entry of each kind, a
// database file in a temporary directory, and what opening a file says.

#include "base/error.h"
#include "log/store.h"
#include "test_support.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <fstream>
#include <iterator>
#include <optional>
#include <string>

namespace tilsyn::test {

inline const std::string t1 = "2027-03-15T08:30:00Z";
inline const std::string t2 = "2027-03-16T09:00:00Z";

inline SupervisionEntry supervision(std::string area = "bc-sygedagpenge",
                                    std::optional<std::string> occurrence = "2027-M03") {
    SupervisionEntry s;
    s.area = std::move(area);
    s.center = "bc";
    s.leader = "ahl";
    s.performed = ymd(2027, 3, 12);
    s.occurrence = std::move(occurrence);
    s.cases = 10;
    s.errors_sagsbehandling = 2;
    s.errors_statsrefusion = 1;
    s.note = "Stikprøve på 10 sager; \"citat\" og 😀";
    return s;
}

inline FindingEntry finding(std::int64_t supervision,
                            std::optional<std::int64_t> amount = -1'250'050) {
    FindingEntry f;
    f.supervision = supervision;
    f.case_ref = "2027-004512";
    f.axis = Axis::statsrefusion;
    f.category = "refusion";
    f.severity = Severity::vaesentlig;
    f.amount_ore = amount;
    f.description = "For meget hjemtaget refusion\nanden linje";
    return f;
}

inline ActionEntry action(std::int64_t supervision) {
    return ActionEntry{supervision, "Gennemgå refusionssager", "ahl", ymd(2027, 4, 30)};
}

inline DecisionEntry decision(Verdict verdict = Verdict::accept) {
    DecisionEntry d;
    d.area = "bc-sygedagpenge";
    d.decided = ymd(2027, 3, 20);
    d.verdict = verdict;
    d.from = Colour::yellow;
    d.to = Colour::red;
    d.rule = "material-finding";
    d.evidence = "fund #2 i tilsyn #1";
    d.reason = "Væsentligt fund";
    d.by = "Chef";
    return d;
}

inline std::string db_file(const TempDir& dir) {
    return (dir.path / "tilsyn.db").string();
}

inline int user_version(Store& store) {
    return store.db().execAndGet("PRAGMA user_version").getInt();
}

/// The message of the InputError thrown by opening `path`, or "" if it opens.
inline std::string open_error(const std::string& path, Store::Mode mode = Store::Mode::create) {
    try {
        Store s(path, mode);
    } catch (const InputError& e) {
        return e.what();
    }
    return {};
}

inline std::string file_bytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline bool contains(const std::string& s, const std::string& part) {
    return s.find(part) != std::string::npos;
}

/// Writes one entry of every kind: after the log's key (1), supervision 2, finding 3, action 4,
/// decision 5 and correction 6, which withdraws the decision.
inline std::string write_one_of_each(Store& store) {
    return tilsyn::test::write(store, t1, [](Store::Writer& w) {
        const auto s = w.append(supervision());
        w.append(finding(s));
        w.append(action(s));
        const auto d = w.append(decision());
        w.append(CorrectionEntry{d, ymd(2027, 3, 21), "Forkert område"});
    });
}

}  // namespace tilsyn::test
