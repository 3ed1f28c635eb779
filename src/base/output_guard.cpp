#include "base/output_guard.h"

#include "base/error.h"

#include <sys/stat.h>

#include <filesystem>
#include <optional>

namespace fs = std::filesystem;

namespace tilsyn {

namespace {

struct FileId {
    dev_t device;
    ino_t inode;
    bool operator==(const FileId&) const = default;
};

// stat() follows symbolic links: a link to the log is the log.
std::optional<FileId> id_of(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return FileId{st.st_dev, st.st_ino};
}

fs::path resolved(const fs::path& path) {
    std::error_code ec;
    fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
    return ec ? path.lexically_normal() : p;
}

}  // namespace

void refuse_input_as_output(const std::string& output, const std::string& flag,
                            const ProtectedInputs& inputs) {
    auto refuse = [&](const std::string& what) {
        throw UsageError(flag + ": " + output + " is " + what +
                         "; write the output somewhere else (nothing was written)");
    };
    const fs::path out_path = resolved(output);
    const std::optional<FileId> out_id = id_of(output);
    for (const ProtectedFile& f : inputs.files) {
        const std::optional<FileId> id = id_of(f.path);
        if ((out_id && id && *out_id == *id) || out_path == resolved(f.path)) refuse(f.what);
    }
    if (!inputs.rules_dir.empty() && out_path.extension() == ".toml") {
        const std::optional<FileId> dir = id_of(inputs.rules_dir);
        const std::optional<FileId> parent = id_of(out_path.parent_path());
        if (dir && parent && *dir == *parent)
            refuse("a .toml file in the rules directory " + inputs.rules_dir +
                   " (it would be read as a register)");
    }
}

}  // namespace tilsyn
