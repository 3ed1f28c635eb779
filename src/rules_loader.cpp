#include "rules_loader.h"

#include <algorithm>
#include <filesystem>
#include <map>

namespace tilsyn {

namespace fs = std::filesystem;

std::size_t Rules::area_count() const {
    std::size_t n = 0;
    for (const auto& c : centers) n += c.areas.size();
    return n;
}

Rules load_rules(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw InputError("--rules: '" + dir + "' is not a directory (it should hold policy.toml and the registers)");

    Rules rules;
    rules.dir = dir;
    Diagnostics diags;

    // Paths are shown as the user wrote --rules, so messages read "rules/jc.toml:12:5".
    auto shown = [&](const fs::path& p) { return (fs::path(dir) / p.filename()).string(); };
    std::vector<fs::path> registers;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const fs::path& p = entry.path();
        if (p.extension() != ".toml" || p.filename() == "policy.toml") continue;
        if (!entry.is_regular_file(ec)) continue;
        registers.push_back(p);
    }
    if (ec) throw InputError("--rules: cannot list '" + dir + "': " + ec.message());
    std::sort(registers.begin(), registers.end());

    const fs::path policy_path = fs::path(dir) / "policy.toml";
    if (fs::exists(policy_path, ec)) rules.policy = read_policy(policy_path.string(), diags);
    if (registers.empty())
        diags.add({dir, 0, 0}, "no register files: expected one *.toml per center besides policy.toml");

    std::map<std::string, std::string, std::less<>> center_file;
    std::map<std::string_view, SourcePlace, std::less<>> area_place;
    for (const auto& p : registers) {
        Center c = read_register(shown(p), rules.policy, diags);
        if (!c.id.empty()) {
            if (auto [it, fresh] = center_file.emplace(c.id, c.source); !fresh)
                diags.add({c.source, 0, 0}, "center id \"" + c.id + "\" is also used by " + it->second);
        }
        rules.centers.push_back(std::move(c));
    }
    // Area ids go into calendar UIDs, so they must be unique across all centers.
    for (const auto& c : rules.centers)
        for (const auto& a : c.areas) {
            const SourcePlace here{c.source, a.line, a.column};
            if (auto [it, fresh] = area_place.emplace(a.id, here); !fresh)
                diags.add(here, "duplicate area id \"" + a.id + "\" (first defined at " +
                                    it->second.file + ":" + std::to_string(it->second.line) + ")");
        }
    diags.throw_if_any();
    return rules;
}

}  // namespace tilsyn
