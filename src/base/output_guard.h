#pragma once
// An output must never land on what the command reads: `log --format csv -o tilsyn.db` would
// otherwise replace the append-only log with a CSV file, and `plan -o rules/jc.toml` a
// register with a calendar. Files are compared by device and inode after following links
// (so a symbolic or hard link to the log is the log), and by resolved path for files that
// may not exist yet (the log's -wal and -shm).

#include <string>
#include <vector>

namespace tilsyn {

/// A file no output may be, and what it is, for the message ("the findings log").
struct ProtectedFile {
    std::string path;
    std::string what;
};

struct ProtectedInputs {
    std::vector<ProtectedFile> files;
    /// A directory whose *.toml files are read as rules: a new .toml file there would be read
    /// as a register the next time. Empty: none.
    std::string rules_dir;
};

/// Throws UsageError (exit 2) "<flag>: <path> is <what>; ..." when `output` is one of the
/// protected files or a .toml file in the rules directory. Nothing has been written then.
void refuse_input_as_output(const std::string& output, const std::string& flag,
                            const ProtectedInputs& inputs);

}  // namespace tilsyn
