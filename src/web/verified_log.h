#pragma once
// The findings log as a download reads it: opened for this request and verified first, so
// nothing is handed out from a log that does not verify, as `tilsyn log`, `report` and `audit`
// refuse it. Tilsynsloggen shows the snapshot's verification instead, prominently when it
// fails.

#include "web/page.h"

#include <memory>
#include <optional>
#include <string>

namespace tilsyn {

struct VerifiedLog {
    std::unique_ptr<Store> store;              ///< null when there is no log yet
    std::optional<Store::Verification> chain;  ///< set exactly when store is
};

/// The log, verified now. Throws Error with the problem, in Danish, when it does not verify.
VerifiedLog open_verified_log(const PageRequest& r);

/// What is wrong with a chain that does not verify, in Danish ("" when it verifies): the
/// first entry that fails and why.
std::string chain_problem(const Store::Verification& v);

}  // namespace tilsyn
