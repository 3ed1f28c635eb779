#include "rules_loader.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <map>
#include <thread>

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

Policy read_policy_in(const std::string& dir, Diagnostics& diags) {
    const fs::path policy_path = fs::path(dir) / "policy.toml";
    std::error_code ec;
    return fs::exists(policy_path, ec) ? read_policy(policy_path.string(), diags) : Policy{};
}

}  // namespace

Policy load_policy(const std::string& dir) {
    require_directory(dir);
    Diagnostics diags;
    Policy policy = read_policy_in(dir, diags);
    diags.throw_if_any();
    return policy;
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

    // Paths are shown as the user wrote --rules, so messages read "rules/jc.toml:12:5".
    auto shown = [&](const fs::path& p) { return (fs::path(dir) / p.filename()).string(); };
    const std::vector<fs::path> registers = register_files(dir);

    rules.policy = read_policy_in(dir, diags);
    if (registers.empty())
        diags.add({dir, 0, 0}, "no register files: expected one *.toml per center besides policy.toml");

    // Registers are independent until the cross-file checks below, so they are parsed on all
    // cores (a large municipality's registers are tens of megabytes of TOML).
    std::vector<Center> centers(registers.size());
    std::vector<Diagnostics> file_diags(registers.size());
    std::atomic<std::size_t> next{0};
    auto worker = [&] {
        for (std::size_t i = next++; i < registers.size(); i = next++)
            centers[i] = read_register(shown(registers[i]), rules.policy, file_diags[i]);
    };
    const std::size_t workers =
        std::min<std::size_t>(registers.size(), std::max(1u, std::thread::hardware_concurrency()));
    std::vector<std::jthread> pool;
    for (std::size_t w = 1; w < workers; ++w) pool.emplace_back(worker);
    worker();
    pool.clear();

    std::map<std::string, std::string, std::less<>> center_file;
    for (std::size_t i = 0; i < centers.size(); ++i) {
        diags.append(file_diags[i]);
        Center& c = centers[i];
        if (!c.id.empty()) {
            if (auto [it, fresh] = center_file.emplace(c.id, c.source); !fresh)
                diags.add({c.source, 0, 0}, "center id \"" + c.id + "\" is also used by " + it->second);
        }
        rules.centers.push_back(std::move(c));
    }
    std::map<std::string_view, SourcePlace, std::less<>> area_place;
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
