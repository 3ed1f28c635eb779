#include "web/page.h"

#include "base/dates.h"

#include <string_view>

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

std::optional<Date> date_param(const PageRequest& r, const std::string& name) {
    const auto text = r.params.get(name);
    if (!text || text->empty()) return std::nullopt;
    const std::optional<Date> date = parse_iso_date(*text);
    if (!date || date->year() < 2000 || date->year() > 2200)
        throw BadRequest(name + ": \"" + *text + "\" er ikke en dato (ÅÅÅÅ-MM-DD)");
    return date;
}

std::string query_escape(std::string_view value) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (const char ch : value) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
            c == '-' || c == '.' || c == '_' || c == '~') {
            out += ch;
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

CsvDialect dialect_param(const PageRequest& r) {
    const auto text = r.params.get("dialekt");
    if (!text || text->empty() || *text == "rfc4180") return CsvDialect::rfc4180;
    if (*text == "excel-da") return CsvDialect::excel_da;
    throw BadRequest("dialekt: \"" + *text + "\" er ukendt; vælg rfc4180 eller excel-da");
}

}  // namespace tilsyn
