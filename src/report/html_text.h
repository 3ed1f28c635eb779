#pragma once
// Text for HTML and SVG: everything that comes from the registers or the log is escaped on
// its way into markup, so a name like "Børn & unge <18" can neither break nor inject markup.

#include <string>
#include <string_view>

namespace tilsyn {

/// Escapes &, <, >, " and ' : safe both as element text and inside a quoted attribute.
std::string html_escape(std::string_view text);

}  // namespace tilsyn
