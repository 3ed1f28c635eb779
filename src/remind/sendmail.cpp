#include "remind/sendmail.h"

#include "base/error.h"

#include <sys/wait.h>
#include <csignal>
#include <cstdio>

namespace tilsyn {

namespace {

// A command that exits before reading its input must be an error, not SIGPIPE killing us half
// way through the leaders: the broken pipe is ignored while writing and shows up as a failed write.
class IgnoreSigpipe {
public:
    IgnoreSigpipe() { previous_ = std::signal(SIGPIPE, SIG_IGN); }
    ~IgnoreSigpipe() { std::signal(SIGPIPE, previous_); }
    IgnoreSigpipe(const IgnoreSigpipe&) = delete;
    IgnoreSigpipe& operator=(const IgnoreSigpipe&) = delete;

private:
    void (*previous_)(int);
};

}  // namespace

void send_with_sendmail(const std::string& command, const std::string& message,
                        const std::string& recipient) {
    const std::string where = "--send: sendmail command '" + command + "' for " + recipient;
    IgnoreSigpipe guard;
    std::fflush(nullptr);  // popen's child inherits our buffers otherwise
    FILE* pipe = popen(command.c_str(), "w");
    if (!pipe) throw OutputError(where + ": cannot start it");
    const bool written = std::fwrite(message.data(), 1, message.size(), pipe) == message.size() &&
                         std::fflush(pipe) == 0;
    const int status = pclose(pipe);
    if (status == -1) throw OutputError(where + ": cannot wait for it");
    if (WIFSIGNALED(status))
        throw OutputError(where + ": killed by signal " + std::to_string(WTERMSIG(status)));
    if (WEXITSTATUS(status) != 0)
        throw OutputError(where + ": exit status " + std::to_string(WEXITSTATUS(status)));
    if (!written) throw OutputError(where + ": it did not read the whole message");
}

}  // namespace tilsyn
