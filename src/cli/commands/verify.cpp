// tilsyn verify: walks the log's hash chain; any change made behind the tool's back shows.
#include "base/error.h"
#include "cli/options.h"

namespace tilsyn {

void verify_options(po::options_description& d) {
    d.add_options()(
        "head", po::value<std::string>()->value_name("HASH"),
        "a head hash printed earlier: it must still be in the chain (catches cut-off entries)");
}

int run_verify(const po::variables_map& vm, Context& ctx) {
    std::optional<std::string> head;
    if (vm.count("head")) {
        head = vm["head"].as<std::string>();
        if (head->size() != 64 || head->find_first_not_of("0123456789abcdef") != std::string::npos)
            throw UsageError("--head: '" + *head +
                             "' is not a SHA-256 hash (64 lower-case hex digits)");
    }
    Store store(ctx.db_path, Store::Mode::existing);
    const Store::Verification v = store.verify(head);
    if (!v.problem.empty() && !v.bad_seq) {
        ctx.err << "tilsyn: verify: " << v.problem << "\ntilsyn: verify: the log in "
                << store.path() << " has been changed outside tilsyn\n";
        return static_cast<int>(ExitCode::attention);
    }
    if (v.bad_seq) {
        ctx.out << v.count << " entries verified before the first that does not\n";
        ctx.err << "tilsyn: verify: entry " << *v.bad_seq << " does not verify: " << v.problem
                << "\ntilsyn: verify: the log in " << store.path()
                << " has been changed outside tilsyn\n";
        return static_cast<int>(ExitCode::attention);
    }
    if (!v.head_found) {
        ctx.out << v.count << " entries verified; head " << v.head << "\n";
        ctx.err << "tilsyn: verify: the expected head " << *head << " is not in the chain: entries "
                << "have been removed from the end of the log, the log was rewritten, or it is "
                   "another log\n";
        return static_cast<int>(ExitCode::attention);
    }
    ctx.out << verified_text(v) << "\n";
    return 0;
}

}  // namespace tilsyn
