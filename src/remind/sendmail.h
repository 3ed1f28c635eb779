#pragma once
// Hands messages to a sendmail-compatible command (`sendmail -t -oi`, msmtp, a test's fake).

#include <string>

namespace tilsyn {

/// Runs `command` with /bin/sh, writes `message` to its standard input and waits for it.
/// Throws OutputError naming the command and the recipient when it cannot be started, does
/// not read the whole message, or exits with a non-zero status.
void send_with_sendmail(const std::string& command, const std::string& message,
                        const std::string& recipient);

}  // namespace tilsyn
