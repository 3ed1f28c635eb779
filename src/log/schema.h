#pragma once
// The findings log's SQLite schema (docs/log.md): its migrations, one per version, and what
// verify expects to find of it.

#include <span>

namespace tilsyn {

/// The schema version this build writes (PRAGMA user_version).
inline constexpr int schema_version = 5;

/// The SQL that brings the schema from version i to i + 1, for i from 0 to schema_version - 1.
std::span<const char* const> migrations();
/// The log's tables: the five kinds' tables, each named after its kind, then the sample tables.
std::span<const char* const> log_tables();
/// The triggers that keep the log's tables append-only.
std::span<const char* const> guard_triggers();

}  // namespace tilsyn
