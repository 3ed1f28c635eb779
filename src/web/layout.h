#pragma once
// The frame around every page: navigation for the user's role (from the route table), the
// rules' problems for those who can fix them, the user and log-out.

#include "web/page.h"

#include <string>
#include <string_view>

namespace tilsyn {

/// A whole page: the layout (navigation for the user's role, the rules' problems for those who
/// can fix them, the user and log-out) around `body`, which must be HTML rendered by
/// render(). `title` is the page's <h1> and <title>.
Reply page(const PageRequest& r, std::string_view title, std::string body, int status = 200);

/// A page with a short message: errors, "not allowed", confirmations.
Reply message_page(const PageRequest& r, std::string_view title, std::string_view text, int status);

}  // namespace tilsyn
