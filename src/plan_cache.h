#pragma once
// The plan cache: each year's plan, kept in the log's database so that `tilsyn remind` (run by
// cron every morning) answers from one indexed query instead of parsing the registers. It is
// derived data, outside the hash chain; a fingerprint of its inputs tells when it is stale, and
// it is then made again from the rules.

#include <memory>
#include <string>

namespace SQLite {
class Transaction;
}  // namespace SQLite

namespace tilsyn {

class Store;

/// What a cached plan was made from: this build of tilsyn, every rules file's name, size and
/// modification time, and the log's last decision and last correction of a decision. Cheap:
/// stat calls and two indexed lookups, no parsing.
std::string plan_fingerprint(const std::string& rules_dir, Store& store);

/// Makes the cache hold the plans of first_year..last_year for the current fingerprint, with
/// each occurrence marked done when a live supervision fulfils it. Stale or missing years are
/// made again from the rules inside a write transaction, which is returned uncommitted: the
/// caller commits it once what it reads from the cache has succeeded, so a command that fails
/// leaves the database as it was. Returns null when the cache was fresh (nothing to commit).
/// The rules are read only when something is stale. Periods before an area's first
/// assessment are left out. cache_dir is load_rules's register cache.
std::unique_ptr<SQLite::Transaction> refresh_plan_cache(Store& store, const std::string& rules_dir,
                                                        const std::string& cache_dir, int first_year,
                                                        int last_year, const std::string& generated_at);

}  // namespace tilsyn
