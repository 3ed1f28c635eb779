// tilsyn rotate-key: a new signing key takes over from the log's key (docs/log.md,
// "Signatures"). The entry that brings it in is signed by the old key, so the whole log keeps
// verifying from its first key on; the new private key then replaces the old one in the key
// file. Until the rename at the end, the new key waits beside it as <key file>.new.
#include "base/error.h"
#include "cli/options.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace tilsyn {

void rotate_key_options(po::options_description& d) {
    d.add_options()("reason", po::value<std::string>()->value_name("TEXT"),
                    "why the key is replaced (required), e.g. a leaver who could read it");
}

int run_rotate_key(const po::variables_map& vm, Context& ctx) {
    const std::string reason = reason_option(vm);
    Store store(ctx.db_path, Store::Mode::existing);
    KeyFile current = key_file(ctx);
    const SigningKey next = SigningKey::generate();
    const std::string staged = ctx.key_path + ".new";
    next.save_new(staged, "--signing-key");
    std::int64_t seq = 0;
    std::optional<PublicKey> replaced;
    Head head;
    try {
        head = store.write(recorded_at(ctx), current, [&](Store::Writer& w) {
            replaced = w.key_in_log();
            seq = w.rotate_key(next, reason);
        });
    } catch (...) {
        std::error_code ec;
        std::filesystem::remove(staged, ec);
        throw;
    }
    if (std::rename(staged.c_str(), ctx.key_path.c_str()) != 0)
        throw OutputError("--signing-key: the log is now signed with the key in " + staged +
                          ", but it could not replace " + ctx.key_path + " (" +
                          std::strerror(errno) + "); move it there before the next entry");
    ctx.out << "Nøgle #" << seq << ": loggen signeres fra nu af med nøgle "
            << key_id(next.public_key());
    if (replaced) ctx.out << ", som afløser nøgle " << key_id(*replaced);
    ctx.out << "\n  Den nye private nøgle ligger i " << ctx.key_path
            << "; tag en sikkerhedskopi af den, og giv revisionen den nye offentlige nøgle "
               "('tilsyn verify' viser den)\n"
            << head_line(head) << "\n";
    return 0;
}

}  // namespace tilsyn
