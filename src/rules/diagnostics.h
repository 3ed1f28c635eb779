#pragma once
// Problems found in rule files, with their place. Loading collects every problem instead of
// stopping at the first, so that `tilsyn validate` can list them all.

#include "base/error.h"

#include <iosfwd>
#include <string>
#include <vector>

namespace tilsyn {

struct SourcePlace {
    std::string file;  ///< as the user named it (relative paths stay relative)
    int line = 0;      ///< 1-based; 0 when the problem concerns the whole file
    int column = 0;    ///< 1-based; 0 when unknown
};

struct Diagnostic {
    SourcePlace place;
    std::string message;
};

/// Renders "file:line:col: message", then the source line and a caret under the column.
std::string format_diagnostic(const Diagnostic& d);

class Diagnostics {
public:
    void add(SourcePlace place, std::string message);
    void append(const Diagnostics& other);
    bool empty() const { return items_.empty(); }
    std::size_t size() const { return items_.size(); }
    const std::vector<Diagnostic>& items() const { return items_; }
    /// Throws RulesError holding every diagnostic if there is at least one.
    void throw_if_any() const;

private:
    std::vector<Diagnostic> items_;
};

/// One or more problems in the rules; what() is all of them, formatted, one after the other.
class RulesError : public InputError {
public:
    explicit RulesError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace tilsyn
