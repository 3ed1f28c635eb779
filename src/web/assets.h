#pragma once
// The files of src/web/assets/ (templates, style sheet), compiled into the binary.

#include <optional>
#include <string_view>

namespace tilsyn {

/// The asset with this file name, e.g. "tilsyn.css" or "layout.mustache".
std::optional<std::string_view> web_asset(std::string_view name);

}  // namespace tilsyn
