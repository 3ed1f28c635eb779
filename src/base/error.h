#pragma once
// Typed errors. Everything the user can cause derives from Error and carries its exit status;
// cli.cpp catches them once and prints "tilsyn: error: ...".

#include <stdexcept>
#include <string>
#include <vector>

namespace tilsyn {

/// Process exit statuses; documented in README.md ("Exit status").
enum class ExitCode : int {
    ok = 0,
    attention = 1,  ///< the command ran, and what it checks needs attention (reserved)
    bad_input = 2,  ///< bad flags, rules, data or output path: nothing was written
    internal = 3,   ///< a bug or an unexpected system failure
};

class Error : public std::runtime_error {
public:
    explicit Error(const std::string& what, ExitCode code = ExitCode::bad_input)
        : std::runtime_error(what), code_(code) {}
    ExitCode code() const noexcept { return code_; }

private:
    ExitCode code_;
};

/// A command-line mistake: unknown command or option, bad option value.
class UsageError : public Error {
public:
    using Error::Error;
};

/// Input that is not acceptable: a value out of range, an unknown name, an impossible date.
class InputError : public Error {
public:
    using Error::Error;
};

/// Several problems in one input (a CSV import), each a full message with its place.
class InputErrors : public InputError {
public:
    explicit InputErrors(std::vector<std::string> messages)
        : InputError(messages.empty() ? std::string() : messages.front()),
          messages_(std::move(messages)) {}
    const std::vector<std::string>& messages() const { return messages_; }

private:
    std::vector<std::string> messages_;
};

/// An output could not be written (permissions, missing directory, full disk).
class OutputError : public Error {
public:
    using Error::Error;
};

}  // namespace tilsyn
