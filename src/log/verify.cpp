// Store::verify: the whole chain walked and every row accounted for.
#include "log/entry_rows.h"
#include "log/schema.h"
#include "log/store.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <optional>
#include <span>
#include <utility>

namespace tilsyn {

Store::Verification Store::verify(const std::optional<std::string>& expected_head) {
    Verification v;
    v.head_found = !expected_head;
    // The schema must be there as created. A dropped table means part of the log is gone;
    // a dropped trigger means someone was about to edit, so it is reported after the chain,
    // which tells what (if anything) was changed.
    auto missing = [&](std::span<const char* const> names) -> std::optional<std::string> {
        for (const char* name : names) {
            SQLite::Statement has(*db_, "SELECT count(*) FROM sqlite_master WHERE name = ?");
            has.bind(1, name);
            if (has.executeStep() && has.getColumn(0).getInt() == 0) return std::string(name);
        }
        return std::nullopt;
    };
    if (auto table = missing(log_tables())) {
        v.problem = "the schema was changed outside tilsyn: the table " + *table + " is missing";
        return v;
    }
    SQLite::Statement q(*db_, std::string(select_entries) + " ORDER BY e.seq");
    std::string previous = genesis_hash;
    auto fail = [&](std::int64_t seq, std::string problem) {
        v.bad_seq = seq;
        v.problem = std::move(problem);
        return v;
    };
    while (q.executeStep()) {
        const std::int64_t seq = q.getColumn(0).getInt64();
        if (seq != v.count + 1)
            return fail(seq, v.count + 1 == 1
                                 ? "the log does not start at entry 1"
                                 : "entry " + std::to_string(v.count + 1) + " is missing");
        LogEntry e;
        try {
            e = read_entry(q, [this](std::int64_t entry) { return sample_cases(entry); });
        } catch (const Unreadable& u) {
            return fail(seq, u.problem);
        }
        if (e.prev_hash != previous)
            return fail(seq, "it does not link to the entry before it (prev_hash differs)");
        if (compute_hash(e) != e.hash)
            return fail(seq, "its content does not match its hash (changed after it was written)");
        previous = e.hash;
        ++v.count;
        if (expected_head && e.hash == *expected_head) v.head_found = true;
    }
    v.head = previous;
    // Rows that belong to no entry of their kind were added behind the tool's back.
    // (Each typed table is named after its kind.)
    for (const char* kind : log_tables().subspan(1, 5)) {
        SQLite::Statement orphans(
            *db_, std::string("SELECT min(t.entry) FROM ") + kind +
                      " t LEFT JOIN entry e ON e.seq = t.entry AND e.kind = '" + kind +
                      "' WHERE e.seq IS NULL");
        if (orphans.executeStep() && !orphans.getColumn(0).isNull())
            return fail(
                orphans.getColumn(0).getInt64(),
                std::string("a ") + kind + " row exists that no log entry of that kind covers");
    }
    // A sample belongs to a supervision entry, a drawn case to a sample.
    for (const auto& [table, problem] :
         {std::pair{"SELECT min(t.entry) FROM sample t LEFT JOIN entry e ON e.seq = t.entry AND "
                    "e.kind = 'supervision' WHERE e.seq IS NULL",
                    "a sample row exists that no supervision entry covers"},
          std::pair{
              "SELECT min(t.entry) FROM sample_case t LEFT JOIN sample s ON s.entry = t.entry "
              "WHERE s.entry IS NULL",
              "a sampled case row exists that no sample covers"}}) {
        SQLite::Statement orphans(*db_, table);
        if (orphans.executeStep() && !orphans.getColumn(0).isNull())
            return fail(orphans.getColumn(0).getInt64(), problem);
    }
    if (auto trigger = missing(guard_triggers()))
        v.problem =
            "the schema was changed outside tilsyn: the trigger " + *trigger + " is missing";
    return v;
}

std::string verified_text(const Store::Verification& v) {
    return std::to_string(v.count) + (v.count == 1 ? " entry" : " entries") + " verified; head " +
           v.head;
}

}  // namespace tilsyn
