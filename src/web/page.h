#pragma once
// What a page handler gets and gives: the request as the web layer sees it (the user, their
// scope, one snapshot of the site, the parameters) and the reply, free of the HTTP library's
// types so that pages can be tested on their own.

#include "base/csv_writer.h"
#include "web/scope.h"
#include "web/site.h"
#include "web/templates.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tilsyn {

/// Query and form parameters; a name may come more than once (checkboxes).
class Params {
public:
    Params() = default;
    explicit Params(std::multimap<std::string, std::string> values) : values_(std::move(values)) {}
    std::optional<std::string> get(const std::string& name) const;
    std::vector<std::string> all(const std::string& name) const;

private:
    std::multimap<std::string, std::string> values_;
};

struct PageRequest {
    Site& site;
    const Snapshot& snapshot;
    const User& user;
    const Scope& scope;
    Params params;
    Date today;
    boost::posix_time::ptime now;
    std::string path;    ///< the route's path, e.g. "/plan"
    std::string csrf;    ///< the session's form token, for the page's forms
    std::string origin;  ///< "https://tilsyn.kommune.dk": for addresses shown to the user
    std::string rest;    ///< what follows a route that ends in '/', e.g. a token
};

struct Reply {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    /// Offered as a file to save under this name (Content-Disposition: attachment).
    std::optional<std::string> file_name;
    /// 303 See Other to this local path (after a form, or to the login page).
    std::optional<std::string> redirect;
    std::vector<std::pair<std::string, std::string>> headers;
};

/// Thrown by a handler for a bad parameter: the reply is 400 with the message, which names
/// the parameter (the form field or the query key).
class BadRequest : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Thrown by a handler when the user may use the page but not this thing on it (another
/// leader's area): 403 with the message.
class Forbidden : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Thrown by a handler for something that does not exist (an unknown area): 404.
class NotFound : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// The year a page shows: ?aar=YYYY, else today's. BadRequest names the field.
int year_param(const PageRequest& r);

/// The date in field `name` (YYYY-MM-DD), or nullopt when absent or empty. BadRequest names
/// the field.
std::optional<Date> date_param(const PageRequest& r, const std::string& name);

/// `value` percent-encoded for a query string: everything but RFC 3986's unreserved characters.
std::string query_escape(std::string_view value);

/// The CSV dialect of ?dialekt=: rfc4180 (the default) or excel-da. BadRequest otherwise.
CsvDialect dialect_param(const PageRequest& r);

}  // namespace tilsyn
