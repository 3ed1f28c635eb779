#pragma once
// Reads a rules directory: policy.toml plus one register per center (every other *.toml but
// access.toml, which says who may use `tilsyn serve` and is read by rules/access.h), and
// checks what no single file can check (ids unique across registers).

#include "rules/policy.h"
#include "rules/risk_register.h"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace tilsyn {

struct Rules {
    std::string dir;
    Policy policy;
    std::vector<Center> centers;  ///< in file-name order

    std::size_t area_count() const;
    /// The area with this id and its center, or {nullptr, nullptr}. The first call builds an
    /// index; the plan, which never looks areas up by id, does not pay for it.
    std::pair<const Center*, const Area*> find_area(std::string_view id) const;

private:
    /// Area id -> (center index, area index): positions, so it survives moving the Rules.
    mutable std::map<std::string, std::pair<std::size_t, std::size_t>, std::less<>> area_index_;
};

/// The register files of a rules directory (every *.toml but policy.toml and access.toml),
/// sorted by name.
std::vector<std::filesystem::path> register_files(const std::string& dir);

/// Throws RulesError listing every problem found, or InputError if the directory is unusable.
Rules load_rules(const std::string& dir);

/// Only the directory's policy.toml (the defaults when there is none); throws like load_rules.
Policy load_policy(const std::string& dir);

}  // namespace tilsyn
