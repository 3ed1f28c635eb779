// tilsyn passwd: sets (or removes) the local password a user of `tilsyn serve` logs in with.
// The user must be in the rules directory's access.toml; the Argon2id hash goes to the login
// store beside the log, never to the rules directory.
#include "base/error.h"
#include "cli/command_table.h"
#include "rules/access.h"
#include "rules/rules_loader.h"
#include "web/login_store.h"
#include "web/passwords.h"

#include <boost/date_time/posix_time/posix_time.hpp>

#include <filesystem>

#include <termios.h>
#include <unistd.h>

namespace tilsyn {

void passwd_options(po::options_description& d) {
    d.add_options()("login", po::value<std::string>()->required()->value_name("LOGIN"),
                    "the user's login in access.toml")(
        "delete", "remove the password (and end the user's sessions) instead of setting one");
}

namespace {

// Reads one line; from a terminal without echo, so the password is not shown.
std::string read_secret(Context& ctx, const char* prompt) {
    std::istream& in = *ctx.in;
    const bool terminal = &in == &std::cin && ::isatty(STDIN_FILENO);
    termios saved{};
    if (terminal) {
        ctx.err << prompt << std::flush;
        ::tcgetattr(STDIN_FILENO, &saved);
        termios quiet = saved;
        quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::string line;
    const bool got = static_cast<bool>(std::getline(in, line));
    if (terminal) {
        ::tcsetattr(STDIN_FILENO, TCSANOW, &saved);
        ctx.err << '\n';
    }
    if (!got) throw UsageError("passwd: no password on standard input");
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return line;
}

}  // namespace

int run_passwd(const po::variables_map& vm, Context& ctx) {
    const std::string login = vm["login"].as<std::string>();
    const Rules rules = load_rules(ctx.rules_dir);
    const Access access = load_access(ctx.rules_dir, rules);
    const User* user = access.find(login);
    if (!user)
        throw UsageError("passwd: no user \"" + login + "\" in " +
                         (access.source.empty() ? ctx.rules_dir + "/access.toml (there is none)"
                                                : access.source));
    const std::filesystem::path dir =
        std::filesystem::absolute(std::filesystem::path(ctx.db_path)).parent_path();
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec))
        throw InputError("--db: the directory " + dir.string() + " does not exist");
    LoginStore store(LoginStore::path_beside(ctx.db_path));

    if (vm.count("delete")) {
        store.remove_password(user->login);
        ctx.out << "Adgangskoden for " << user->login
                << " er fjernet, og brugerens sessioner er afsluttet.\n";
        return 0;
    }
    const std::string password = read_secret(ctx, "Ny adgangskode: ");
    if (const std::string problem = password_problem(password); !problem.empty())
        throw UsageError("passwd: " + problem);
    if (&*ctx.in == &std::cin && ::isatty(STDIN_FILENO) &&
        read_secret(ctx, "Gentag adgangskoden: ") != password)
        throw UsageError("passwd: the two passwords differ; nothing was changed");
    store.set_password(user->login, hash_password(password), unix_time(ctx.recording_clock()));
    ctx.out << "Adgangskoden for " << user->login << " (" << user->name
            << ") er sat; brugerens andre sessioner er afsluttet.\n";
    return 0;
}

}  // namespace tilsyn
