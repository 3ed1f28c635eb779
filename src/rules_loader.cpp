#include "rules_loader.h"

#include "heap.h"
#include "parallel.h"
#include "register_cache.h"
#include "toml_reader.h"

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>
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

// The directory's policy.toml (the defaults when there is none) and its bytes, which are
// part of every register's cache key: a register is checked against the policy's scales and
// workload settings.
struct PolicyFile {
    Policy policy;
    std::optional<std::string> text;
};

PolicyFile read_policy_in(const std::string& dir, Diagnostics& diags) {
    PolicyFile p;
    const std::string file = (fs::path(dir) / "policy.toml").string();
    std::error_code ec;
    if (!fs::exists(file, ec)) return p;
    p.policy.source = file;
    p.text = read_source_file(file, diags);
    if (p.text) p.policy = read_policy(file, *p.text, diags);
    return p;
}

}  // namespace

Policy load_policy(const std::string& dir) {
    require_directory(dir);
    Diagnostics diags;
    PolicyFile p = read_policy_in(dir, diags);
    diags.throw_if_any();
    return std::move(p.policy);
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

Rules load_rules(const std::string& dir, const std::string& cache_dir) {
    require_directory(dir);

    Rules rules;
    rules.dir = dir;
    Diagnostics diags;

    // Paths are shown as the user wrote --rules, so messages read "rules/jc.toml:12:5".
    auto shown = [&](const fs::path& p) { return (fs::path(dir) / p.filename()).string(); };
    const std::vector<fs::path> registers = register_files(dir);

    PolicyFile policy_file = read_policy_in(dir, diags);
    rules.policy = std::move(policy_file.policy);
    if (registers.empty())
        diags.add({dir, 0, 0}, "no register files: expected one *.toml per center besides policy.toml");
    // Registers are checked against the policy, so a broken one is not a key to trust.
    const RegisterCache cache(diags.empty() ? fs::path(cache_dir) : fs::path());

    // Registers are independent until the cross-file checks below, so they are parsed on all
    // cores (a large municipality's registers are tens of megabytes of TOML).
    std::vector<Center> centers(registers.size());
    std::vector<Diagnostics> file_diags(registers.size());
    std::atomic<bool> parsed{false};
    auto read_one = [&](std::size_t i) {
        const std::string name = shown(registers[i]);
        const auto text = read_source_file(name, file_diags[i]);
        if (!text) {
            centers[i].source = name;
            return;
        }
        std::optional<std::string> key;
        if (cache.enabled()) {
            key = cache.key(policy_file.text, name, *text);
            if (auto kept = cache.find(registers[i], *key)) {
                centers[i] = std::move(*kept);
                return;
            }
        }
        centers[i] = read_register(name, *text, rules.policy, file_diags[i]);
        parsed = true;
        if (key && file_diags[i].empty()) cache.keep(registers[i], *key, centers[i]);
    };
    for_each_index(registers.size(), [&](std::size_t i, unsigned) { read_one(i); });
    // A run that parsed has written entries; one that only read the cache has nothing to prune.
    if (parsed) cache.prune();
    // toml++ builds a node per value and frees them all again, leaving the heap of each
    // worker full of holes; handing them back here keeps a run that parses near the peak of
    // one that reads the cache (100,000 areas, peak without and with this: 148 and 127 MiB on
    // glibc, 158-164 and 128-133 MiB on mimalloc, whose cached peak is 132 MiB).
    if (parsed) release_free_memory();

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
    // Area ids go into calendar UIDs, so they must be unique across all centers. Checked on
    // every run, for 100,000 areas: by sorting pairs of an id's hash and its area's place in
    // register order, so that the sort compares and moves 16 bytes of numbers rather than
    // following pointers to the ids (half the time of sorting the places themselves). Equal
    // ids then sit among equal hashes, the first defined first.
    struct Place {
        const Center* center;
        const Area* area;
    };
    std::vector<Place> places;
    std::vector<std::pair<std::size_t, std::size_t>> by_hash;  // (hash of the id, place)
    places.reserve(rules.area_count());
    by_hash.reserve(rules.area_count());
    for (const auto& c : rules.centers)
        for (const auto& a : c.areas) {
            by_hash.emplace_back(std::hash<std::string_view>{}(a.id), places.size());
            places.push_back({&c, &a});
        }
    std::sort(by_hash.begin(), by_hash.end());
    std::vector<std::pair<std::size_t, std::size_t>> duplicates;  // (again, first), as places
    for (std::size_t run = 0, end = 0; run < by_hash.size(); run = end) {
        for (end = run + 1; end < by_hash.size() && by_hash[end].first == by_hash[run].first;) ++end;
        // Each id of the run is compared with those before it, the first defined first; a
        // run holds more than one distinct id only when two ids share a hash.
        for (std::size_t i = run + 1; i < end; ++i)
            for (std::size_t j = run; j < i; ++j)
                if (places[by_hash[i].second].area->id == places[by_hash[j].second].area->id) {
                    duplicates.emplace_back(by_hash[i].second, by_hash[j].second);
                    break;
                }
    }
    // Reported in register order, like every other problem.
    std::sort(duplicates.begin(), duplicates.end());
    for (const auto& [again_at, first_at] : duplicates) {
        const Place& again = places[again_at];
        const Place& first = places[first_at];
        diags.add({again.center->source, again.area->line, again.area->column},
                  "duplicate area id \"" + again.area->id + "\" (first defined at " + first.center->source + ":" +
                      std::to_string(first.area->line) + ")");
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
