// Store::verify: the whole chain walked and every row accounted for.
#include "log/entry_checks.h"
#include "log/entry_rows.h"
#include "log/schema.h"
#include "log/signature_checks.h"
#include "log/store.h"

#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <span>
#include <utility>

namespace tilsyn {

Store::Verification Store::verify(const VerifyOptions& options) {
    Verification v;
    v.head_found = !options.expected_head;
    v.key_found = !options.expected_key;
    // The schema must be there as created. A dropped table means part of the log is gone;
    // a dropped or changed trigger means someone was about to edit, so it is reported after
    // the chain, which tells what (if anything) was changed.
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
    std::string previous_recorded;
    std::optional<PublicKey> key;  // in force: entries are signed from the log's first key on
    SignatureChecks signatures;    // queued, run a batch at a time on every processor
    auto bad_signature = [&](const SignatureChecks::Failure& f) {
        v.bad_seq = f.seq;
        v.problem = "its signature is not that of the log's key " + key_id(f.key) +
                    " (added or changed without the key)";
        return v;
    };
    // A problem at `seq`, unless an earlier entry's queued signature check fails: the first
    // problem in the log is the one reported.
    auto fail = [&](std::int64_t seq, std::string problem) {
        if (auto bad = signatures.run()) return bad_signature(*bad);
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
        const auto* new_key = std::get_if<KeyEntry>(&e.body);
        if (new_key && !key && new_key->replaces)
            return fail(seq, "the log's first key claims to replace another key");
        if (new_key && key && new_key->replaces != key_id(*key))
            return fail(seq,
                        "a new key that does not name the key it replaces (" + key_id(*key) + ")");
        // A log's first key signs its own entry; every later entry is signed by the key in force.
        const std::optional<PublicKey> signer =
            key ? key : (new_key ? std::optional(new_key->public_key) : std::nullopt);
        if (signer && e.signature.empty())
            return fail(seq, "it is not signed, though the log is signed from entry " +
                                 std::to_string(v.keys.empty() ? seq : v.keys.front().since) +
                                 " on");
        if (signer) {
            signatures.add(seq, *signer, e.hash, std::move(e.signature));
            if (signatures.batch_full())
                if (auto bad = signatures.run()) return bad_signature(*bad);
        } else {
            if (!e.signature.empty())
                return fail(seq, "it carries a signature, but the log has no key before it");
            ++v.unsigned_entries;
        }
        if (new_key) {
            key = new_key->public_key;
            v.keys.push_back({new_key->public_key, seq});
        }
        if (e.recorded_at < previous_recorded)
            v.warnings.push_back("entry " + std::to_string(seq) + ": recorded at " + e.recorded_at +
                                 ", before the entry it follows (" + previous_recorded + ")");
        if (!options.now.empty() && e.recorded_at > options.now)
            v.warnings.push_back("entry " + std::to_string(seq) + ": recorded at " + e.recorded_at +
                                 ", which is in the future");
        for (const std::string& problem : content_problems(e.body))
            v.warnings.push_back("entry " + std::to_string(seq) + ": " + problem);
        previous = e.hash;
        previous_recorded = std::max(previous_recorded, e.recorded_at);
        ++v.count;
        if (options.expected_head && e.hash == *options.expected_head) v.head_found = true;
    }
    if (auto bad = signatures.run()) return bad_signature(*bad);
    v.head = previous;
    // The auditor's key vouches for the log only if it signed an entry: that entry's hash
    // covers everything before it, and the keys after it were brought in by entries it signed.
    // A key merely named in the log (a forged chain can end by "rotating" to any public key)
    // vouches for nothing.
    if (options.expected_key)
        v.key_found = std::ranges::any_of(v.keys, [&](const LogKey& k) {
            const auto [first, last] = v.signed_by(k);
            return k.key == *options.expected_key && first <= last;
        });
    // Rows that belong to no entry of their kind were added behind the tool's back.
    for (const char* kind : {"supervision", "finding", "action", "decision", "correction", "key"}) {
        const std::string table(kind_table(kind));
        SQLite::Statement orphans(
            *db_, "SELECT min(t.entry) FROM " + table +
                      " t LEFT JOIN entry e ON e.seq = t.entry AND e.kind = '" + kind +
                      "' WHERE e.seq IS NULL");
        if (orphans.executeStep() && !orphans.getColumn(0).isNull())
            return fail(orphans.getColumn(0).getInt64(),
                        "a " + table + " row exists that no log entry of that kind covers");
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
    if (auto trigger = missing(guard_triggers())) {
        v.problem =
            "the schema was changed outside tilsyn: the trigger " + *trigger + " is missing";
        return v;
    }
    // A trigger replaced by one of the same name that lets everything through.
    for (const auto& [name, sql] : expected_triggers()) {
        SQLite::Statement actual(
            *db_, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?");
        actual.bind(1, name);
        if (!actual.executeStep() || actual.getColumn(0).getString() != sql) {
            v.problem = "the schema was changed outside tilsyn: the trigger " + name +
                        " is not as tilsyn made it";
            return v;
        }
    }
    return v;
}

std::pair<std::int64_t, std::int64_t> Store::Verification::signed_by(const LogKey& k) const {
    // The first key signs its own entry; a later key's entry is signed by the key it replaces.
    const bool first_key = &k == &keys.front();
    const std::int64_t first = first_key ? k.since : k.since + 1;
    const auto next = std::next(keys.begin(), &k - keys.data() + 1);
    return {first, next == keys.end() ? count : next->since};
}

std::string verified_text(const Store::Verification& v) {
    std::string out = std::to_string(v.count) + (v.count == 1 ? " entry" : " entries") +
                      " verified; head " + v.head;
    if (v.unsigned_entries > 0)
        out += "\nnot signed: entries 1-" + std::to_string(v.unsigned_entries) +
               ", written before the log had a signing key (their hashes are checked)";
    for (const Store::LogKey& k : v.keys) {
        const auto [first, last] = v.signed_by(k);
        out +=
            "\nsigned by key " + key_id(k.key) + ": " +
            (first <= last ? "entries " + std::to_string(first) + "-" + std::to_string(last)
                           : "no entry yet (brought in by entry " + std::to_string(k.since) + ")");
    }
    for (const std::string& w : v.warnings) out += "\nwarning: " + w;
    if (!v.keys.empty()) {
        std::string pem = public_key_pem(v.keys.back().key);
        if (pem.ends_with('\n')) pem.pop_back();
        out +=
            "\npublic key (keep a copy apart from the log; 'tilsyn verify --key FILE' checks "
            "against it):\n" +
            pem;
    }
    return out;
}

}  // namespace tilsyn
