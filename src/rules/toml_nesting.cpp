#include "rules/toml_nesting.h"

#include <cstddef>
#include <vector>

namespace tilsyn {

namespace {

// Reads TOML only as far as it takes to know how deep each key and value sits, in one pass and
// without recursion (its own stack stops at the limit). Numbers and dates are skipped as
// opaque scalars in values; should a float such as 1.5 or a date ever be read where a key is
// expected, it counts as two segments, which is harmless with a limit of 64.
class NestingScanner {
public:
    NestingScanner(std::string_view text, const std::string& file, int limit)
        : text_(text), file_(file), limit_(limit) {}

    std::optional<SourcePlace> run() {
        // toml++ skips a byte order mark without counting it in the column.
        if (text_.starts_with("\xEF\xBB\xBF")) i_ = 3;
        while (!found_) {
            skip_blank();
            if (at_end()) break;
            const std::size_t before = i_;
            step();
            // Text that is not TOML may match nothing; move on, toml++ will say what is wrong.
            if (i_ == before && !found_) advance();
        }
        return found_;
    }

private:
    struct Open {
        char kind;  ///< '[' an array, '{' an inline table
        int depth;  ///< the depth of the array or table itself
    };

    bool at_end() const { return i_ >= text_.size(); }
    char peek(std::size_t ahead = 0) const {
        return i_ + ahead < text_.size() ? text_[i_ + ahead] : '\0';
    }

    // The column counts characters, so UTF-8 continuation bytes do not move it.
    void advance() {
        const auto c = static_cast<unsigned char>(text_[i_++]);
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if ((c & 0xC0) != 0x80) {
            ++column_;
        }
    }

    void skip_spaces() {
        while (peek() == ' ' || peek() == '\t') advance();
    }

    void skip_blank() {
        for (;;) {
            const char c = peek();
            if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                advance();
            } else if (c == '#') {
                while (!at_end() && peek() != '\n') advance();
            } else {
                return;
            }
        }
    }

    bool too_deep(int depth) {
        if (depth <= limit_) return false;
        found_ = SourcePlace{file_, line_, column_};
        return true;
    }

    // One item where the scanner stands: a table header, a key and its value, an element of an
    // array, or the end of an array or inline table.
    void step() {
        if (open_.empty()) {
            if (peek() == '[') return header();
            return key_value(header_depth_);
        }
        const Open top = open_.back();
        const char c = peek();
        if (c == ',') return advance();
        if (c == (top.kind == '[' ? ']' : '}')) {
            open_.pop_back();
            return advance();
        }
        if (top.kind == '[') return value(top.depth + 1);
        key_value(top.depth);
    }

    void header() {
        advance();
        if (peek() == '[') advance();  // [[an array of tables]]
        header_depth_ = key(0);
        while (!at_end() && peek() != '\n') advance();  // the closing brackets and a comment
    }

    void key_value(int depth) {
        const int value_depth = key(depth);
        if (found_) return;
        skip_spaces();
        if (peek() != '=') return;
        advance();
        skip_spaces();
        value(value_depth);
    }

    // A key, dotted or not, whose first segment sits one level below `depth`; returns the
    // depth of its last segment, which is where its value sits.
    int key(int depth) {
        for (;;) {
            skip_spaces();
            if (too_deep(++depth)) return depth;
            if (peek() == '"' || peek() == '\'') {
                skip_string();
            } else {
                while (!at_end() && !ends_bare_key(peek())) advance();
            }
            skip_spaces();
            if (peek() != '.') return depth;
            advance();
        }
    }

    static bool ends_bare_key(char c) {
        return std::string_view(" \t\r\n.=[]{},#\"'").find(c) != std::string_view::npos;
    }

    // A number, boolean or date, read as one word: a date-time may hold a space.
    static bool ends_scalar(char c) {
        return std::string_view(",[]{}#\r\n").find(c) != std::string_view::npos;
    }

    void value(int depth) {
        const char c = peek();
        if (c == '[' || c == '{') {
            if (too_deep(depth)) return;
            open_.push_back({c, depth});
            advance();
        } else if (c == '"' || c == '\'') {
            skip_string();
        } else {
            while (!at_end() && !ends_scalar(peek())) advance();
        }
    }

    // Any of the four kinds of string, from its opening quote. An unclosed one-line string
    // stops at the end of its line, so the rest of the file is still scanned.
    void skip_string() {
        const char quote = peek();
        const bool escapes = quote == '"';
        if (peek(1) == quote && peek(2) == quote) return skip_multiline_string(quote, escapes);
        advance();
        while (!at_end() && peek() != '\n') {
            if (escapes && peek() == '\\') {
                advance();
                if (peek() != '\n' && !at_end()) advance();
            } else if (peek() == quote) {
                return advance();
            } else {
                advance();
            }
        }
    }

    void skip_multiline_string(char quote, bool escapes) {
        for (int n = 0; n < 3; ++n) advance();
        while (!at_end()) {
            if (escapes && peek() == '\\') {
                advance();
                if (!at_end()) advance();
            } else if (peek() == quote && peek(1) == quote && peek(2) == quote) {
                // Up to two quotes may end the text just before the closing three.
                for (int n = 0; n < 5 && peek() == quote; ++n) advance();
                return;
            } else {
                advance();
            }
        }
    }

    std::string_view text_;
    const std::string& file_;
    int limit_;
    std::size_t i_ = 0;
    int line_ = 1;
    int column_ = 1;
    int header_depth_ = 0;    ///< where the keys after the last table header start
    std::vector<Open> open_;  ///< the arrays and inline tables open around the scanner
    std::optional<SourcePlace> found_;
};

}  // namespace

std::optional<SourcePlace> too_deep_nesting(std::string_view text, const std::string& file,
                                            int limit) {
    return NestingScanner(text, file, limit).run();
}

}  // namespace tilsyn
