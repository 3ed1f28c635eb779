#pragma once
// Parsed registers kept between runs. A large municipality's registers are tens of megabytes
// of TOML, and parsing them is most of what `tilsyn plan` costs; a register whose bytes have
// not changed since the last run is read back from a binary copy instead.
//
// A cached center is used only when everything it was made from is the same: this executable
// (a rebuild invalidates every entry), the policy's bytes, the name the register is shown
// under, and the register's bytes, all hashed into one key. Only registers that loaded without
// a problem are kept, so every error message still comes from a fresh parse. The cache is
// derived data: an entry that cannot be read, written or trusted is ignored and made again.
//
// Each executable has an entry per register file, by the paths of both: an installed tilsyn
// and a build of it that share the cache do not replace each other's entries at every run,
// while a rebuild in place replaces its own.

#include "risk_register.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace tilsyn {

class RegisterCache {
public:
    /// Caches in `dir`, created when first written to, for this executable. An empty `dir`
    /// turns caching off, and so does a system where this executable cannot be identified.
    explicit RegisterCache(std::filesystem::path dir);
    /// The same, as if `executable` were the one running (for tests).
    RegisterCache(std::filesystem::path dir, const std::filesystem::path& executable);

    bool enabled() const { return !dir_.empty(); }

    /// What identifies one parse: this executable, the policy file's bytes (policy_text, or
    /// nullopt when there is none), the register's shown name and its bytes.
    std::string key(const std::optional<std::string>& policy_text, const std::string& shown,
                     std::string_view register_text) const;

    /// The center kept for the register file under this key, if there is one and it is whole.
    std::optional<Center> find(const std::filesystem::path& file, const std::string& key) const;

    /// Keeps the center read from the register file under this key, replacing what was kept
    /// for that file before. Best effort: failures are ignored (the next run parses again).
    void keep(const std::filesystem::path& file, const std::string& key, const Center& center) const;

    /// Removes the entries of registers or executables that no longer exist, entries this
    /// build cannot read, and temporary files older than an hour (left by a run that was
    /// killed while writing). load_rules runs it once after a run that wrote entries, so a
    /// cache holds at most one entry per register and executable that exist; it reads every
    /// entry's header, so not after each write.
    void prune() const;

private:
    std::filesystem::path registers() const { return dir_ / "registers"; }
    /// The entry's file for a register, by the register's absolute path and the executable's.
    std::filesystem::path slot(const std::filesystem::path& absolute) const;

    std::filesystem::path dir_;
    std::filesystem::path executable_;  ///< where the executable is
    std::string build_;                 ///< identifies its content
};

}  // namespace tilsyn
