#include "rules/toml_reader.h"

#include <algorithm>

#include "base/file_bytes.h"
#include "base/free_text.h"
#include "rules/toml_nesting.h"

#include <cmath>

namespace tilsyn {

SourcePlace place_of(const std::string& file, const toml::source_region& region) {
    return {file, static_cast<int>(region.begin.line), static_cast<int>(region.begin.column)};
}

namespace {

// toml++ describes what its parser saw; for the mistakes people make most often in a register
// we say what to do instead, and keep toml++'s words for everything else.
std::string explain_syntax_error(std::string_view description) {
    if (description.find("unescaped control characters") != std::string_view::npos &&
        description.find("string") != std::string_view::npos)
        return "the text is not closed: a '\"' is missing before the end of the line";
    if (description.find("could not determine value type") != std::string_view::npos)
        return "cannot read this value: text must be in double quotes (\"...\"), a date written "
               "as 2027-01-15, a number as digits";
    return std::string(description);
}

}  // namespace

std::optional<std::string> read_source_file(const std::string& file, Diagnostics& diags) {
    try {
        return read_input_file(file, toml_input);
    } catch (const UnreadableFile& e) {
        diags.add({file, 0, 0}, e.problem());
        return std::nullopt;
    }
}

std::optional<toml::table> parse_toml(std::string_view text, const std::string& file,
                                      Diagnostics& diags) {
    if (const auto place = too_deep_nesting(text, file)) {
        diags.add(*place, "nesting deeper than " + std::to_string(max_toml_nesting) +
                              " levels (dotted keys, table headers, arrays or inline tables); "
                              "tilsyn's files need at most a few");
        return std::nullopt;
    }
    try {
        return toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        diags.add(place_of(file, e.source()),
                  "TOML syntax: " + explain_syntax_error(e.description()));
        return std::nullopt;
    }
}

std::optional<toml::table> parse_toml_file(const std::string& file, Diagnostics& diags) {
    const auto text = read_source_file(file, diags);
    if (!text) return std::nullopt;
    return parse_toml(*text, file, diags);
}

std::string_view toml_type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::string:
            return "a string";
        case toml::node_type::integer:
            return "an integer";
        case toml::node_type::floating_point:
            return "a floating-point number";
        case toml::node_type::boolean:
            return "a boolean";
        case toml::node_type::date:
            return "a date";
        case toml::node_type::time:
            return "a time";
        case toml::node_type::date_time:
            return "a date-time";
        case toml::node_type::array:
            return "an array";
        case toml::node_type::table:
            return "a table";
        default:
            return "nothing";
    }
}

TableReader::TableReader(const toml::table& table, const std::string& file, Diagnostics& diags,
                         std::string what)
    : table_(table), file_(file), diags_(diags), what_(std::move(what)) {}

SourcePlace TableReader::place() const {
    return place_of(file_, table_.source());
}

SourcePlace TableReader::place(std::string_view key) const {
    if (const toml::node* n = table_.get(key)) return place_of(file_, n->source());
    return place();
}

void TableReader::error(std::string_view key, std::string message, Excerpt excerpt) const {
    diags_.add(place(key), std::move(message), excerpt);
}

void TableReader::allow(std::string_view key) {
    if (std::find(known_.begin(), known_.end(), key) == known_.end()) known_.emplace_back(key);
}

const toml::node* TableReader::get(std::string_view key, bool required) {
    allow(key);
    const toml::node* n = table_.get(key);
    if (!n) {
        if (required)
            diags_.add(place(), what_ + " is missing the required key '" + std::string(key) + "'");
        return nullptr;
    }
    return n;
}

std::optional<std::string> TableReader::string(std::string_view key, bool required) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    if (auto s = n->value<std::string>(); s && n->is_string()) {
        // Every text from every TOML file passes here: one place refuses control characters,
        // CPR numbers and texts beyond any use, with the value's line and column but without
        // quoting the line, which holds the very text refused.
        if (auto problem = text_problem(*s, max_long_text)) {
            error(key, "'" + std::string(key) + "': " + *problem, Excerpt::withheld);
            return std::nullopt;
        }
        return s;
    }
    error(key,
          "'" + std::string(key) + "' must be a string, not " + std::string(toml_type_name(*n)));
    return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, bool required) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    if (n->is_integer()) return n->as_integer()->get();
    error(key,
          "'" + std::string(key) + "' must be an integer, not " + std::string(toml_type_name(*n)));
    return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(std::string_view key, std::int64_t min,
                                                 std::int64_t max, bool required) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    const std::string range =
        "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    if (!n->is_integer()) {
        error(key, "'" + std::string(key) + "' must be " + range + ", not " +
                       std::string(toml_type_name(*n)));
        return std::nullopt;
    }
    const std::int64_t v = n->as_integer()->get();
    if (v < min || v > max) {
        error(key, "'" + std::string(key) + "' must be " + range + ", got " + std::to_string(v));
        return std::nullopt;
    }
    return v;
}

std::optional<int> TableReader::hours(std::string_view key, int max_hours, bool required) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    const std::string range = "a number of hours above 0 and at most " + std::to_string(max_hours);
    if (!n->is_integer() && !n->is_floating_point()) {
        error(key, "'" + std::string(key) + "' must be " + range + ", not " +
                       std::string(toml_type_name(*n)));
        return std::nullopt;
    }
    const double h = *n->value<double>();
    const double minutes = std::round(h * 60);
    if (!(h > 0) || h > max_hours || minutes < 1) {
        error(key, "'" + std::string(key) + "' must be " + range);
        return std::nullopt;
    }
    return static_cast<int>(minutes);
}

std::optional<bool> TableReader::boolean(std::string_view key, bool required) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    if (n->is_boolean()) return n->as_boolean()->get();
    error(key, "'" + std::string(key) + "' must be true or false, not " +
                   std::string(toml_type_name(*n)));
    return std::nullopt;
}

std::optional<Date> TableReader::date(std::string_view key, bool required) {
    const toml::node* n = get(key, required);
    if (!n) return std::nullopt;
    if (n->is_date()) {
        const toml::date d = n->as_date()->get();
        // toml++ has already checked the day against the month; our range is narrower.
        if (d.year < min_year || d.year > max_year) {
            error(key, "'" + std::string(key) + "': the year must be between " +
                           std::to_string(min_year) + " and " + std::to_string(max_year));
            return std::nullopt;
        }
        return Date(d.year, d.month, d.day);
    }
    error(key, "'" + std::string(key) + "' must be a date like 2027-01-15 (without quotes), not " +
                   std::string(toml_type_name(*n)));
    return std::nullopt;
}

const toml::table* TableReader::table(std::string_view key, bool required) {
    const toml::node* n = get(key, required);
    if (!n) return nullptr;
    if (const toml::table* t = n->as_table()) return t;
    error(key,
          "'" + std::string(key) + "' must be a table, not " + std::string(toml_type_name(*n)));
    return nullptr;
}

const toml::array* TableReader::array(std::string_view key, bool required) {
    const toml::node* n = get(key, required);
    if (!n) return nullptr;
    if (const toml::array* a = n->as_array()) return a;
    error(key,
          "'" + std::string(key) + "' must be an array, not " + std::string(toml_type_name(*n)));
    return nullptr;
}

std::string TableReader::expected_keys() const {
    std::vector<std::string> names = known_;
    std::sort(names.begin(), names.end());
    std::string expected;
    for (const auto& name : names) expected += (expected.empty() ? "" : ", ") + name;
    return expected;
}

void TableReader::finish() {
    // Made once, at the first unknown key: a generated table may hold thousands of them.
    std::optional<std::string> expected;
    for (auto&& [k, v] : table_) {
        if (std::find(known_.begin(), known_.end(), k.str()) != known_.end()) continue;
        if (!expected) expected = expected_keys();
        diags_.add(place_of(file_, k.source()), "unknown key '" + std::string(k.str()) + "' in " +
                                                    what_ + "; expected " + *expected);
    }
}

}  // namespace tilsyn
