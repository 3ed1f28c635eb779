#include "rules_loader.h"

#include "toml_reader.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <string_view>
#include <vector>

namespace tilsyn {

namespace fs = std::filesystem;

std::size_t Rules::area_count() const {
    std::size_t n = 0;
    for (const auto& c : centers) n += c.areas.size();
    return n;
}

namespace {

void require_directory(const std::string& dir) {
    std::error_code ec;
    if (!fs::is_directory(dir, ec))
        throw InputError("--rules: '" + dir + "' is not a directory (it should hold policy.toml and the registers)");
}

// The directory's policy.toml, or the defaults when there is none.
Policy read_policy_in(const std::string& dir, Diagnostics& diags) {
    const std::string file = (fs::path(dir) / "policy.toml").string();
    std::error_code ec;
    if (!fs::exists(file, ec)) return {};
    const auto text = read_source_file(file, diags);
    if (!text) {
        Policy p;
        p.source = file;
        return p;
    }
    return read_policy(file, *text, diags);
}

}  // namespace

Policy load_policy(const std::string& dir) {
    require_directory(dir);
    Diagnostics diags;
    Policy p = read_policy_in(dir, diags);
    diags.throw_if_any();
    return p;
}

std::vector<fs::path> register_files(const std::string& dir) {
    std::error_code ec;
    std::vector<fs::path> registers;
    for (const auto& entry : fs::directory_iterator(dir, ec)) {
        const fs::path& p = entry.path();
        if (p.extension() != ".toml" || p.filename() == "policy.toml") continue;
        if (!entry.is_regular_file(ec)) continue;
        registers.push_back(p);
    }
    if (ec) throw InputError("--rules: cannot list '" + dir + "': " + ec.message());
    std::sort(registers.begin(), registers.end());
    return registers;
}

Rules load_rules(const std::string& dir) {
    require_directory(dir);

    Rules rules;
    rules.dir = dir;
    Diagnostics diags;

    rules.policy = read_policy_in(dir, diags);
    const std::vector<fs::path> registers = register_files(dir);
    if (registers.empty())
        diags.add({dir, 0, 0}, "no register files: expected one *.toml per center besides policy.toml");

    std::map<std::string, std::string, std::less<>> center_file;
    for (const fs::path& file : registers) {
        // Paths are shown as the user wrote --rules, so messages read "rules/jc.toml:12:5".
        const std::string name = (fs::path(dir) / file.filename()).string();
        Center c;
        if (const auto text = read_source_file(name, diags)) c = read_register(name, *text, rules.policy, diags);
        else c.source = name;
        if (!c.id.empty()) {
            if (auto [it, fresh] = center_file.emplace(c.id, c.source); !fresh)
                diags.add({c.source, 0, 0}, "center id \"" + c.id + "\" is also used by " + it->second);
        }
        rules.centers.push_back(std::move(c));
    }
    // Area ids go into calendar UIDs, so they must be unique across all centers.
    std::map<std::string_view, std::pair<const Center*, const Area*>> first;
    for (const Center& c : rules.centers)
        for (const Area& a : c.areas) {
            const auto [it, fresh] = first.try_emplace(a.id, &c, &a);
            if (fresh) continue;
            const auto& [first_center, first_area] = it->second;
            diags.add({c.source, a.line, a.column},
                      "duplicate area id \"" + a.id + "\" (first defined at " + first_center->source + ":" +
                          std::to_string(first_area->line) + ")");
        }
    diags.throw_if_any();
    return rules;
}

std::pair<const Center*, const Area*> Rules::find_area(std::string_view id) const {
    if (area_index_.empty())
        for (std::size_t c = 0; c < centers.size(); ++c)
            for (std::size_t a = 0; a < centers[c].areas.size(); ++a)
                area_index_.emplace(centers[c].areas[a].id, std::make_pair(c, a));
    const auto found = area_index_.find(id);
    if (found == area_index_.end()) return {nullptr, nullptr};
    const Center& c = centers[found->second.first];
    return {&c, &c.areas[found->second.second]};
}

}  // namespace tilsyn
