#pragma once
// The findings log's SQLite schema (docs/log.md): its migrations, one per version, and what
// verify expects to find of it.

#include <map>
#include <span>
#include <string>
#include <string_view>

namespace tilsyn {

/// The schema version this build writes (PRAGMA user_version).
inline constexpr int schema_version = 6;

/// The SQL that brings the schema from version i to i + 1, for i from 0 to schema_version - 1.
std::span<const char* const> migrations();
/// The log's tables: entry, one table per kind of entry (in the order of EntryBody), then the
/// sample tables.
std::span<const char* const> log_tables();
/// The table that holds entries of this kind ("signing_key" for "key", else the kind's name).
std::string_view kind_table(std::string_view kind);
/// The SQL of every trigger as a fresh log has it, by name: what verify compares the
/// database's triggers with, so that a trigger replaced by one that does nothing is noticed.
std::map<std::string, std::string> expected_triggers();
/// The triggers that keep the log's tables append-only.
std::span<const char* const> guard_triggers();

}  // namespace tilsyn
