#include "web/templates.h"

#include "web/assets.h"

#include <map>
#include <mutex>
#include <stdexcept>

namespace tilsyn {

namespace {

// Parsed once: the compiled templates never change while the server runs.
const kainjow::mustache::mustache& compiled(std::string_view name) {
    static std::mutex mutex;
    static std::map<std::string, kainjow::mustache::mustache, std::less<>> cache;
    std::lock_guard lock(mutex);
    if (auto it = cache.find(name); it != cache.end()) return it->second;
    const auto text = web_asset(name);
    if (!text) throw std::logic_error("no web template " + std::string(name));
    auto [it, added] =
        cache.emplace(std::string(name), kainjow::mustache::mustache(std::string(*text)));
    if (!it->second.is_valid())
        throw std::logic_error("web template " + std::string(name) + ": " +
                               it->second.error_message());
    return it->second;
}

}  // namespace

std::string render(std::string_view name, const Data& data) {
    const kainjow::mustache::mustache& t = compiled(name);
    // render() is const but keeps an error state in the object; copies keep threads apart.
    kainjow::mustache::mustache copy = t;
    return copy.render(data);
}

}  // namespace tilsyn
