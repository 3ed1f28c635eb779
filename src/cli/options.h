#pragma once
// What several command handlers share: opening the findings log and reading typed flags.

#include "base/csv_writer.h"
#include "cli/command_table.h"
#include "log/store.h"
#include "plan/plan.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tilsyn {

/// Whether the log's file exists yet (commands that write check their input before creating it).
bool log_exists(const Context& ctx);
/// The log for commands that write: created with its schema on first use.
std::unique_ptr<Store> open_log_for_writing(const Context& ctx);
/// The log for commands that only read it, or null when it does not exist yet: nothing has been
/// recorded, and nothing is created. Throws InputError when the directory named for it does not
/// exist either.
std::unique_ptr<Store> open_log_for_reading(const Context& ctx);

/// Verifies the whole chain; a log that does not verify is refused (exit 1) with the first bad
/// entry, naming `tilsyn verify`: what is read from it could not be trusted.
Store::Verification require_verified(Store& store, const Context& ctx);

/// When an entry is recorded, "2027-03-15T08:30:00Z": the recording clock, asked by the store
/// under its write lock.
RecordedAt recorded_at(const Context& ctx);
/// The log's signing key file (ctx.key_path), for commands that write.
KeyFile key_file(const Context& ctx);
/// "Loggens hoved: HASH (N poster)": printed by every command that writes, so that the head
/// can be kept somewhere else and checked later with `tilsyn verify --head`.
std::string head_line(const Head& head);

/// The value of a flag as a whole number from `min` to `max`; throws UsageError naming the
/// flag and the range (with `unit` after it: "working days").
std::int64_t count_option(const po::variables_map& vm, const std::string& flag, std::int64_t min,
                          std::int64_t max, std::string_view unit = "");
/// The value of a flag as a date; throws UsageError naming the flag.
std::optional<Date> date_option(const po::variables_map& vm, const std::string& flag);
/// --dialect, checked: only with CSV output (`is_csv`), rfc4180 (the default) or excel-da.
CsvDialect dialect_option(const po::variables_map& vm, bool is_csv);
/// --center and --leader, where the command has them.
PlanFilter filter_option(const po::variables_map& vm);
/// A required --reason: not empty, no CPR number.
std::string reason_option(const po::variables_map& vm);

}  // namespace tilsyn
