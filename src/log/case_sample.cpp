#include "log/case_sample.h"

#include "base/error.h"
#include "base/free_text.h"
#include "base/sha256.h"

#include <algorithm>

namespace tilsyn {

std::string sample_key(std::string_view seed, std::string_view case_ref) {
    std::string input = "tilsyn-sample-1\n";
    input.append(seed).append("\n").append(case_ref);
    return sha256_hex(input);
}

std::string default_seed(std::string_view area, std::string_view occurrence) {
    return std::string(area) + "/" + std::string(occurrence);
}

void check_seed(const std::string& seed, const std::string& place) {
    if (seed.empty()) throw InputError(place + ": the seed is empty");
    if (seed.find_first_of("\n\t") != std::string::npos)
        throw InputError(place + ": the seed must be one line of text without tabs");
    check_text(seed, place);
}

std::vector<DrawnCase> draw_sample(const CaseList& list, std::string_view seed, std::int64_t size) {
    const auto population = static_cast<std::int64_t>(list.cases.size());
    if (size < 1)
        throw InputError(list.file + ": a sample needs at least one case, not " +
                         std::to_string(size));
    if (size > population)
        throw InputError(list.file + ": the sample size " + std::to_string(size) +
                         " is larger than the " + std::to_string(population) +
                         (population == 1 ? " case" : " cases") +
                         " in the list; a sample cannot be larger than the list it is drawn from");
    std::vector<DrawnCase> all;
    all.reserve(list.cases.size());
    for (const ListedCase& c : list.cases) all.push_back({c.ref, sample_key(seed, c.ref), c.row});
    // Keys are distinct for distinct case numbers (a SHA-256 collision aside); the case number
    // breaks a tie anyway, so the order is total and independent of the list's order.
    auto by_key = [](const DrawnCase& a, const DrawnCase& b) {
        return a.key != b.key ? a.key < b.key : a.ref < b.ref;
    };
    const auto end = all.begin() + size;
    std::partial_sort(all.begin(), end, all.end(), by_key);
    all.erase(end, all.end());
    return all;
}

std::vector<std::string> sample_differences(const std::vector<std::string>& logged,
                                            const std::vector<DrawnCase>& drawn) {
    std::vector<std::string> out;
    std::vector<std::string> redrawn;
    for (const DrawnCase& c : drawn) redrawn.push_back(c.ref);
    if (logged == redrawn) return out;
    for (const std::string& c : logged)
        if (std::find(redrawn.begin(), redrawn.end(), c) == redrawn.end())
            out.push_back("logged as reviewed, but not drawn by the seed: " + c);
    for (const std::string& c : redrawn)
        if (std::find(logged.begin(), logged.end(), c) == logged.end())
            out.push_back("drawn by the seed, but not logged as reviewed: " + c);
    if (out.empty()) out.push_back("the same cases, but logged in another order than drawn");
    return out;
}

}  // namespace tilsyn
