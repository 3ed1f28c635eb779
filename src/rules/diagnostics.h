#pragma once
// Problems found in rule files, with their place. Loading collects every problem instead of
// stopping at the first, so that `tilsyn validate` can list them all.

#include "base/error.h"

#include <cstddef>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

namespace tilsyn {

struct SourcePlace {
    std::string file;  ///< as the user named it (relative paths stay relative)
    int line = 0;      ///< 1-based; 0 when the problem concerns the whole file
    int column = 0;    ///< 1-based; 0 when unknown
};

/// Whether a diagnostic quotes its source line. A line whose own text is the problem (a CPR
/// number, control characters, a note of megabytes) must not be printed back.
enum class Excerpt { shown, withheld };

struct Diagnostic {
    SourcePlace place;
    std::string message;
    Excerpt excerpt = Excerpt::shown;
};

/// Renders "file:line:col: message", then the source line and a caret under the column.
std::string format_diagnostic(const Diagnostic& d);

/// How many problems a listing shows. A file generated wrong can hold thousands of mistakes,
/// and the first hundred say what is wrong as well as all of them; the rest are counted.
inline constexpr std::size_t max_listed_diagnostics = 100;

/// The first max_listed_diagnostics of `ds` as format_diagnostic renders them, each after
/// `prefix` and ending in a line break, reading each file they quote once.
std::string format_diagnostics(const std::vector<Diagnostic>& ds, std::string_view prefix = {});

class Diagnostics {
public:
    void add(SourcePlace place, std::string message, Excerpt excerpt = Excerpt::shown);
    void append(const Diagnostics& other);
    bool empty() const { return items_.empty(); }
    std::size_t size() const { return items_.size(); }
    const std::vector<Diagnostic>& items() const { return items_; }
    /// Throws RulesError holding every diagnostic if there is at least one.
    void throw_if_any() const;

private:
    std::vector<Diagnostic> items_;
};

/// One or more problems in the rules; what() is the first max_listed_diagnostics of them,
/// formatted one after the other, then how many more there are; diagnostics() holds them all.
class RulesError : public InputError {
public:
    explicit RulesError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace tilsyn
