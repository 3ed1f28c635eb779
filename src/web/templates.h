#pragma once
// Server-side HTML through mustache templates (kainjow's, from Debian) compiled into the
// binary: {{name}} escapes, so text from registers and the log can never become markup. The
// one unescaped insertion, {{{body}}} of the layout, takes a page already rendered here.

#include <kainjow/mustache.hpp>

#include <string>
#include <string_view>

namespace tilsyn {

using Data = kainjow::mustache::data;

/// An empty list to push_back items into.
inline Data list() {
    return Data(Data::type::list);
}

/// Renders the template `name` (a file of src/web/assets/, e.g. "my_day.mustache"). Throws
/// std::logic_error when the template is missing or does not parse: a bug, not bad input.
std::string render(std::string_view name, const Data& data);

}  // namespace tilsyn
