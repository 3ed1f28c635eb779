#pragma once
// Strict, position-aware reading of TOML tables. Every getter records the key as known, so
// finish() can report each unknown key (a typo must never fall back to a default silently).
// Problems go to a Diagnostics list instead of being thrown, so one run reports them all.

#include "base/dates.h"
#include "rules/diagnostics.h"

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tilsyn {

SourcePlace place_of(const std::string& file, const toml::source_region& region);

/// A file's bytes; when it cannot be read, records that and returns nullopt.
std::optional<std::string> read_source_file(const std::string& file, Diagnostics& diags);
/// Parses TOML read from `file` (the name positions are given in); on a syntax error records
/// it (with toml++'s position) and returns nullopt, as it does, without calling toml++, for
/// text nesting deeper than max_toml_nesting (toml_nesting.h).
std::optional<toml::table> parse_toml(std::string_view text, const std::string& file,
                                      Diagnostics& diags);
/// read_source_file, then parse_toml.
std::optional<toml::table> parse_toml_file(const std::string& file, Diagnostics& diags);

class TableReader {
public:
    /// `what` names the table in messages, e.g. "[scale]" or "area \"jc-mentor\"".
    TableReader(const toml::table& table, const std::string& file, Diagnostics& diags,
                std::string what);

    /// A string, refused (and reported) when free_text's text_problem finds fault with it at
    /// max_long_text characters: control characters, a CPR number, invalid UTF-8.
    std::optional<std::string> string(std::string_view key, bool required = false);
    std::optional<std::int64_t> integer(std::string_view key, bool required = false);
    /// An integer from `min` to `max`; anything else is reported with the range.
    std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max,
                                        bool required = false);
    std::optional<bool> boolean(std::string_view key, bool required = false);
    std::optional<Date> date(std::string_view key, bool required = false);
    /// Hours as an integer or a float, returned as whole minutes so that sums stay exact;
    /// must be above 0 and at most max_hours.
    std::optional<int> hours(std::string_view key, int max_hours, bool required = false);
    const toml::table* table(std::string_view key, bool required = false);
    const toml::array* array(std::string_view key, bool required = false);
    /// The raw value of an optional key, for values of more than one type.
    const toml::node* node(std::string_view key) { return get(key, false); }
    /// Marks a key as known without reading it (for keys read some other way).
    void allow(std::string_view key);

    SourcePlace place() const;                      ///< where the table itself starts
    SourcePlace place(std::string_view key) const;  ///< where the key's value starts
    void error(std::string_view key, std::string message, Excerpt excerpt = Excerpt::shown) const;
    const std::string& file() const { return file_; }
    Diagnostics& diagnostics() const { return diags_; }

    /// Reports every key that no getter asked for.
    void finish();

private:
    const toml::node* get(std::string_view key, bool required);
    /// The known keys, sorted, for a message: "a, b, c".
    std::string expected_keys() const;

    const toml::table& table_;
    const std::string& file_;
    Diagnostics& diags_;
    std::string what_;
    std::vector<std::string> known_;  ///< the keys asked for: a table has a dozen at most
};

/// Name of a TOML value's type for messages: "a string", "an integer", "a table", ...
std::string_view toml_type_name(const toml::node& node);

}  // namespace tilsyn
