#pragma once
// Where a command's output goes (-o, --lp, --out), and what it may never be: the files the
// command reads (base/output_guard.h).

#include "base/output_guard.h"
#include "cli/context.h"

#include <functional>
#include <optional>
#include <ostream>
#include <string>

namespace tilsyn {

/// What every command reads or may write, which no output may be: the findings log with its
/// -wal, -shm and -journal files, the signing key and a key being rotated in, and the rules
/// directory's .toml files.
ProtectedInputs protected_inputs(const Context& ctx);

/// Refuses (UsageError, exit 2) an output path that is one of the command's inputs.
void guard_output(const Context& ctx, const std::string& path, const std::string& flag);

/// write_output (base/atomic_file.h) after guard_output: the file at `path` written whole, or
/// standard output when there is no path or it is "-".
void write_command_output(const Context& ctx, const std::optional<std::string>& path,
                          const std::string& flag, const std::function<void(std::ostream&)>& write);

}  // namespace tilsyn
