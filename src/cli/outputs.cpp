#include "cli/outputs.h"

#include "base/atomic_file.h"

namespace tilsyn {

ProtectedInputs protected_inputs(const Context& ctx) {
    ProtectedInputs p;
    for (const char* suffix : {"", "-wal", "-shm", "-journal"})
        p.files.push_back({ctx.db_path + suffix, "the findings log (" + ctx.db_path + ")"});
    p.files.push_back({ctx.key_path, "the log's signing key"});
    p.files.push_back({ctx.key_path + ".new", "the log's signing key"});
    p.rules_dir = ctx.rules_dir;
    return p;
}

void guard_output(const Context& ctx, const std::string& path, const std::string& flag) {
    refuse_input_as_output(path, flag, protected_inputs(ctx));
}

void write_command_output(const Context& ctx, const std::optional<std::string>& path,
                          const std::string& flag,
                          const std::function<void(std::ostream&)>& write) {
    if (path && *path != "-") guard_output(ctx, *path, flag);
    write_output(path, flag, ctx.out, write);
}

}  // namespace tilsyn
