#include "web/verified_log.h"

#include "base/error.h"

#include <boost/date_time/posix_time/posix_time.hpp>

namespace tilsyn {

std::string chain_problem(const Store::Verification& v) {
    if (v.problem.empty()) return "";
    // The problem itself is verify's own wording, as `tilsyn verify` prints it.
    return (v.bad_seq ? "post " + std::to_string(*v.bad_seq) + " kan ikke bekræftes: "
                      : std::string("loggens opbygning kan ikke bekræftes: ")) +
           v.problem;
}

VerifiedLog open_verified_log(const PageRequest& r) {
    VerifiedLog log;
    log.store = r.site.open_log();
    if (!log.store) return log;
    const std::string now = boost::posix_time::to_iso_extended_string(r.now).substr(0, 19) + "Z";
    Store::Verification v = log.store->verify({std::nullopt, std::nullopt, now});
    if (!v.problem.empty())
        throw Error("Tilsynsloggen kan ikke bekræftes (" + chain_problem(v) +
                        "), og derfor hentes intet fra den. Bed administratoren køre tilsyn "
                        "verify.",
                    ExitCode::attention);
    log.chain = std::move(v);
    return log;
}

}  // namespace tilsyn
