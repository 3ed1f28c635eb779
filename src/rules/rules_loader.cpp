#include "rules/rules_loader.h"

#include "rules/toml_reader.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <future>
#include <map>
#include <string_view>
#include <thread>
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
        throw InputError("--rules: '" + dir +
                         "' is not a directory (it should hold policy.toml and the registers)");
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
        if (p.extension() != ".toml" || p.filename() == "policy.toml" ||
            p.filename() == "access.toml")
            continue;
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
        diags.add({dir, 0, 0},
                  "no register files: expected one *.toml per center besides policy.toml and "
                  "access.toml");

    // The registers are independent of each other until the checks across them below, so
    // they are parsed on every processor, a register at a time each: parsing is most of what
    // a large rules directory costs. Each register keeps its own problems, reported in file
    // order.
    std::vector<Center> centers(registers.size());
    std::vector<Diagnostics> problems(registers.size());
    std::atomic<std::size_t> next{0};
    auto parse = [&] {
        for (std::size_t i = next++; i < registers.size(); i = next++) {
            // Paths are shown as the user wrote --rules, so messages read "rules/jc.toml:12:5".
            const std::string name = (fs::path(dir) / registers[i].filename()).string();
            if (const auto text = read_source_file(name, problems[i]))
                centers[i] = read_register(name, *text, rules.policy, problems[i]);
            else
                centers[i].source = name;
        }
    };
    std::vector<std::future<void>> workers;
    const std::size_t processors = std::max(1U, std::thread::hardware_concurrency());
    for (std::size_t w = 1; w < std::min(processors, registers.size()); ++w)
        workers.push_back(std::async(std::launch::async, parse));
    parse();
    for (auto& w : workers) w.get();

    std::map<std::string, std::string, std::less<>> center_file;
    for (std::size_t i = 0; i < registers.size(); ++i) {
        diags.append(problems[i]);
        Center& c = centers[i];
        if (!c.id.empty()) {
            if (auto [it, fresh] = center_file.emplace(c.id, c.source); !fresh)
                diags.add({c.source, c.line, c.column},
                          "center id \"" + c.id + "\" is also used by " + it->second);
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
                      "duplicate area id \"" + a.id + "\" (first defined at " +
                          first_center->source + ":" + std::to_string(first_area->line) + ")");
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
