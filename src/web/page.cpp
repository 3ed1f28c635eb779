#include "web/page.h"

namespace tilsyn {

std::optional<std::string> Params::get(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end()) return std::nullopt;
    return it->second;
}

std::vector<std::string> Params::all(const std::string& name) const {
    std::vector<std::string> out;
    const auto [first, last] = values_.equal_range(name);
    for (auto it = first; it != last; ++it) out.push_back(it->second);
    return out;
}

int year_param(const PageRequest& r) {
    const auto text = r.params.get("aar");
    if (!text || text->empty()) return r.today.year();
    if (text->size() != 4 || text->find_first_not_of("0123456789") != std::string::npos)
        throw BadRequest("aar: \"" + *text + "\" er ikke et årstal (ÅÅÅÅ)");
    const int year = std::stoi(*text);
    if (year < 2000 || year > 2200)
        throw BadRequest("aar: " + *text + " ligger uden for 2000-2200");
    return year;
}

}  // namespace tilsyn
