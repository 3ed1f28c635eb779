// tilsyn correct: withdraws an entry by appending a correction that points at it.
#include "base/error.h"
#include "cli/options.h"

#include <limits>

namespace tilsyn {

void correct_options(po::options_description& d) {
    d.add_options()("entry", po::value<std::string>()->value_name("N"),
                    "the entry to withdraw (its # in 'tilsyn log')")(
        "reason", po::value<std::string>()->value_name("TEXT"), "why it is withdrawn (required)");
}

int run_correct(const po::variables_map& vm, Context& ctx) {
    if (!vm.count("entry")) throw UsageError("correct: --entry N is required");
    const std::int64_t target =
        count_option(vm, "entry", 1, std::numeric_limits<std::int64_t>::max());
    const std::string reason = reason_option(vm);
    Store store(ctx.db_path, Store::Mode::existing);
    std::string kind;
    std::int64_t seq = 0;
    KeyFile key = key_file(ctx);
    const Head head = store.write(recorded_at(ctx), key, [&](Store::Writer& w) {
        const auto e = w.store().entry(target);
        if (!e)
            throw InputError("--entry: there is no entry " + std::to_string(target) +
                             " in the log");
        kind = kind_danish(e->body);
        if (std::holds_alternative<CorrectionEntry>(e->body))
            throw InputError("--entry: entry " + std::to_string(target) +
                             " is itself a correction; a correction cannot be withdrawn");
        if (std::holds_alternative<KeyEntry>(e->body))
            throw InputError("--entry: entry " + std::to_string(target) +
                             " is a signing key; a key is replaced with 'tilsyn rotate-key', "
                             "not withdrawn");
        if (w.store().withdrawn().count(target))
            throw InputError("--entry: entry " + std::to_string(target) + " is already withdrawn");
        seq = w.append(CorrectionEntry{target, ctx.today, reason});
    });
    ctx.out << "Rettelse #" << seq << ": " << kind << " #" << target << " er trukket tilbage ("
            << reason << ")\n";
    if (kind == "tilsyn") ctx.out << "  Tilsynets fund og handlinger er trukket tilbage med det\n";
    ctx.out << head_line(head) << "\n";
    return 0;
}

}  // namespace tilsyn
