// tilsyn verify: walks the log's hash chain and its signatures; any change made behind the
// tool's back shows, and with --head and --key, so does a log cut short or signed again.
#include "base/error.h"
#include "base/file_bytes.h"
#include "cli/options.h"

#include <algorithm>

namespace tilsyn {

void verify_options(po::options_description& d) {
    d.add_options()(
        "head", po::value<std::string>()->value_name("HASH"),
        "a head hash printed earlier: it must still be in the chain (catches cut-off entries)")(
        "key", po::value<std::string>()->value_name("PUBLIC.pem"),
        "a public key kept apart from the log: it must have signed entries of the log (catches a "
        "log signed again under another key)");
}

namespace {

PublicKey key_option(const po::variables_map& vm) {
    const std::string& path = vm["key"].as<std::string>();
    std::string pem;
    try {
        pem = read_input_file(path, key_input);
    } catch (const UnreadableFile& e) {
        throw InputError("--key: " + std::string(e.what()));
    }
    const auto key = public_key_from_pem(pem);
    if (!key) throw InputError("--key: " + path + " holds no Ed25519 public key in PEM form");
    return *key;
}

}  // namespace

int run_verify(const po::variables_map& vm, Context& ctx) {
    Store::VerifyOptions options;
    if (vm.count("head")) {
        const std::string& head = vm["head"].as<std::string>();
        if (head.size() != 64 || head.find_first_not_of("0123456789abcdef") != std::string::npos)
            throw UsageError("--head: '" + head +
                             "' is not a SHA-256 hash (64 lower-case hex digits)");
        options.expected_head = head;
    }
    if (vm.count("key")) options.expected_key = key_option(vm);
    options.now = recorded_at(ctx)();
    Store store(ctx.db_path, Store::Mode::existing);
    const Store::Verification v = store.verify(options);
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
    ctx.out << verified_text(v) << "\n";
    if (!v.head_found) {
        ctx.err << "tilsyn: verify: the expected head " << *options.expected_head
                << " is not in the chain: entries have been removed from the end of the log, the "
                   "log was rewritten, or it is another log\n";
        return static_cast<int>(ExitCode::attention);
    }
    if (!v.key_found) {
        const bool named = std::ranges::any_of(
            v.keys, [&](const Store::LogKey& k) { return k.key == *options.expected_key; });
        ctx.err << "tilsyn: verify: the key in " << vm["key"].as<std::string>() << " (key "
                << key_id(*options.expected_key) << ") "
                << (named ? "has signed no entry of the log yet: it was brought in by the newest "
                            "entry, so check with the key before it until the next entry is "
                            "recorded\n"
                          : "signed no entry of the log: the log was signed again under another "
                            "key, or it is another log\n");
        return static_cast<int>(ExitCode::attention);
    }
    return 0;
}

}  // namespace tilsyn
