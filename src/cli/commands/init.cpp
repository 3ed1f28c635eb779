// tilsyn init: a rules directory to start from, a commented policy.toml and one example
// register (rules/starter_rules.h), never over an existing file.
#include "base/atomic_file.h"
#include "base/error.h"
#include "cli/command_table.h"
#include "rules/starter_rules.h"

#include <filesystem>
#include <system_error>

namespace tilsyn {

namespace fs = std::filesystem;

void init_options(po::options_description& d) {
    d.add_options()("dir", po::value<std::string>()->value_name("DIR"),
                    "the directory to write into (default: the rules directory, --rules)");
}

int run_init(const po::variables_map& vm, Context& ctx) {
    const fs::path dir = vm.count("dir") ? vm["dir"].as<std::string>() : ctx.rules_dir;
    const fs::path policy = dir / "policy.toml";
    const fs::path center = dir / "center.toml";
    // Both checked before either is written: a started rules directory is the user's work.
    std::error_code ec;
    for (const fs::path& file : {policy, center})
        if (fs::exists(fs::symlink_status(file, ec)))
            throw InputError(file.string() +
                             " already exists; tilsyn init writes only into a directory without "
                             "policy.toml and center.toml");
    if (fs::exists(dir, ec) && !fs::is_directory(dir, ec))
        throw InputError(dir.string() + " is not a directory");
    fs::create_directories(dir, ec);
    if (ec) throw OutputError("cannot create " + dir.string() + " (" + ec.message() + ")");

    for (const auto& [file, text] :
         {std::pair{policy, starter_policy()}, std::pair{center, starter_register(ctx.today)}}) {
        AtomicFile out(file.string(), "init");
        out.stream() << text;
        out.commit();
    }
    ctx.out << "Skrevet: " << policy.string() << ", " << center.string() << "\n"
            << "Ret dem til, og kontrollér med: tilsyn --rules " << dir.string() << " validate\n";
    return 0;
}

}  // namespace tilsyn
