#include "cli/cli.h"

#include "base/error.h"
#include "base/free_text.h"
#include "cli/command_table.h"
#include "log/store.h"
#include "rules/diagnostics.h"

#include <boost/date_time/posix_time/posix_time.hpp>

#include <algorithm>
#include <iostream>
#include <sstream>
#include <typeinfo>

namespace tilsyn {

namespace {

void print_overview(std::ostream& out) {
    out << "usage: tilsyn [--rules DIR] [--db PATH] [--today YYYY-MM-DD] <command> [options]\n\n"
           "Plan, run and audit risk-based ledelsestilsyn.\n\ncommands:\n";
    // The summaries line up after the longest command name.
    std::size_t width = std::string_view("help").size();
    for (const Command& c : commands()) width = std::max(width, c.name.size());
    auto line = [&](std::string_view name, std::string_view summary) {
        std::string padded(name);
        padded.resize(width + 2, ' ');
        out << "  " << padded << summary << "\n";
    };
    for (const Command& c : commands()) line(c.name, c.summary);
    line("help", "show help for a command: tilsyn help <command>");
    out << "\n"
        << global_options()
        << "\nexit status: 0 ok, 1 needs attention, 2 bad input or output path, 3 internal error\n";
}

void print_command_help(std::ostream& out, const Command& c) {
    out << "usage: tilsyn " << c.name << (c.usage.empty() ? "" : " ") << c.usage << "\n\n"
        << c.summary << "\n\n"
        << options_of(c);
}

[[noreturn]] void unknown_command(std::string_view name) {
    std::string message = "unknown command '" + std::string(name) + "'";
    if (auto s = suggest_command(name); !s.empty())
        message += ", did you mean '" + std::string(s) + "'?";
    else
        message += "; 'tilsyn help' lists the commands";
    throw UsageError(message);
}

boost::posix_time::ptime start_of(Date d) {
    return boost::posix_time::ptime(d);
}

// The clock tests and reproducible builds see: --today wins, then SOURCE_DATE_EPOCH.
boost::posix_time::ptime effective_now(const std::optional<Date>& today, const GetEnv& getenv,
                                       const Clock& clock) {
    if (today) return start_of(*today);
    if (auto sde = getenv("SOURCE_DATE_EPOCH")) {
        long long seconds = 0;
        std::size_t used = 0;
        try {
            seconds = std::stoll(*sde, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        if (used == 0 || used != sde->size() || seconds < 0 || seconds > 7'289'654'399LL)
            throw UsageError("SOURCE_DATE_EPOCH: '" + *sde +
                             "' is not a number of seconds since 1970 up to the end of 2200");
        return boost::posix_time::from_time_t(static_cast<std::time_t>(seconds));
    }
    return clock();
}

// The clock entries are recorded by: the real one, unless the tests pin it.
Clock recording_clock(const GetEnv& getenv, const Clock& clock) {
    const auto pinned = getenv("TILSYN_TEST_RECORDED_AT");
    if (!pinned) return clock;
    const std::string& text = *pinned;
    const auto day = text.size() == 20 && text[10] == 'T' && text.back() == 'Z'
                         ? parse_iso_date(text.substr(0, 10))
                         : std::nullopt;
    boost::posix_time::time_duration time;
    try {
        if (day) time = boost::posix_time::duration_from_string(text.substr(11, 8));
    } catch (const std::exception&) {
        time = boost::posix_time::not_a_date_time;
    }
    if (!day || time.is_special() || time.hours() > 23)
        throw UsageError("TILSYN_TEST_RECORDED_AT: '" + text +
                         "' is not a time such as 2027-03-15T08:30:00Z");
    const boost::posix_time::ptime at(*day, time);
    return [at] { return at; };
}

// An option that names a file, given as "", would be reported by the file's name, which is
// empty: ": no such file". Refused here instead, naming the option. Such options are those
// whose value is shown as PATH, FILE or DIR, or with an extension (F.toml, S.csv).
void refuse_empty_paths(const po::options_description& desc, const po::variables_map& vm) {
    for (const auto& option : desc.options()) {
        const std::string shown = option->format_parameter();
        const bool path =
            shown.find("PATH") != std::string::npos || shown.find("FILE") != std::string::npos ||
            shown.find("DIR") != std::string::npos || shown.find('.') != std::string::npos;
        const std::string& key = option->long_name();
        if (!path || !vm.count(key) || vm[key].value().type() != typeid(std::string)) continue;
        if (vm[key].as<std::string>().empty())
            throw UsageError("--" + key + ": the path is empty; name a file");
    }
}

int dispatch(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
             std::ostream& err, const GetEnv& getenv, const Clock& clock) {
    po::options_description global = global_options();
    global.add_options()("command", po::value<std::string>(), "")(
        "args", po::value<std::vector<std::string>>(), "");
    po::positional_options_description positional;
    positional.add("command", 1).add("args", -1);

    // Global options are recognised anywhere, so `tilsyn plan --today D` works as well as
    // `tilsyn --today D plan`; everything else is left for the command's own parser.
    // No abbreviated options: `log --to D` must never be read as `--today D`.
    const int style =
        po::command_line_style::default_style & ~po::command_line_style::allow_guessing;
    po::parsed_options parsed = po::command_line_parser(args)
                                    .style(style)
                                    .options(global)
                                    .positional(positional)
                                    .allow_unregistered()
                                    .run();
    po::variables_map vm;
    po::store(parsed, vm);
    std::vector<std::string> rest =
        po::collect_unrecognized(parsed.options, po::include_positional);

    if (vm.count("version")) {
        out << "tilsyn " TILSYN_VERSION "\n";
        return 0;
    }
    if (!vm.count("command")) {
        if (vm.count("help")) {
            print_overview(out);
            return 0;
        }
        print_overview(err);
        return static_cast<int>(ExitCode::bad_input);
    }
    refuse_empty_paths(global, vm);
    const std::string name = vm["command"].as<std::string>();
    if (!rest.empty() && rest.front() == name) rest.erase(rest.begin());

    if (name == "help") {
        if (rest.empty()) {
            print_overview(out);
            return 0;
        }
        const Command* c = find_command(rest.front());
        if (!c) unknown_command(rest.front());
        print_command_help(out, *c);
        return 0;
    }
    const Command* command = find_command(name);
    if (!command) unknown_command(name);
    if (vm.count("help")) {
        print_command_help(out, *command);
        return 0;
    }

    std::optional<Date> today;
    if (vm.count("today")) {
        const auto& text = vm["today"].as<std::string>();
        today = parse_iso_date(text);
        if (!today)
            throw UsageError("--today: '" + text + "' is not a date: " + date_problem(text));
    }
    const auto now = effective_now(today, getenv, clock);
    Context ctx{out, err,     today ? *today : copenhagen_date(now),
                now, "rules", false,
                "",  false,   "ukendt",
                "",  clock,   clock,
                &in};
    if (vm.count("rules")) {
        ctx.rules_dir = vm["rules"].as<std::string>();
        ctx.rules_dir_given = true;
    }
    std::optional<std::string> db_flag;
    if (vm.count("db")) db_flag = vm["db"].as<std::string>();
    const auto db_env = getenv("TILSYN_DB");
    ctx.db_path = database_path(db_flag, db_env, ctx.rules_dir);
    ctx.db_path_given = db_flag || (db_env && !db_env->empty());
    if (vm.count("signing-key"))
        ctx.key_path = vm["signing-key"].as<std::string>();
    else if (auto key_env = getenv("TILSYN_SIGNING_KEY"); key_env && !key_env->empty())
        ctx.key_path = *key_env;
    else
        ctx.key_path = default_key_path(ctx.db_path);
    ctx.recording_clock = recording_clock(getenv, clock);
    if (today || getenv("SOURCE_DATE_EPOCH")) ctx.clock = [now] { return now; };
    for (const char* variable : {"TILSYN_USER", "USER", "LOGNAME"})
        if (auto v = getenv(variable); v && !v->empty()) {
            ctx.user = *v;
            break;
        }

    const po::options_description desc = options_of(*command);
    po::variables_map cvm;
    try {
        // At most one positional argument, and only where the table names its option (`tilsyn
        // history AREA`): a stray word is a mistake, not something to ignore (`tilsyn validate
        // other-dir` must not silently check rules/).
        po::positional_options_description positional_args;
        if (!command->positional.empty())
            positional_args.add(std::string(command->positional).c_str(), 1);
        po::store(po::command_line_parser(rest)
                      .style(style)
                      .options(desc)
                      .positional(positional_args)
                      .run(),
                  cvm);
        po::notify(cvm);
    } catch (const po::error& e) {
        throw UsageError(std::string(command->name) + ": " + e.what() + " (see 'tilsyn help " +
                         std::string(command->name) + "')");
    }
    refuse_empty_paths(desc, cvm);
    return command->run(cvm, ctx);
}

}  // namespace

int run_cli(const std::vector<std::string>& args, std::istream& in, std::ostream& out,
            std::ostream& err, const GetEnv& getenv, const Clock& clock) {
    // Messages may quote what was given (an unknown area, a line of a broken file): printed
    // through safe_to_print, so that they never repeat a CPR number or steer the terminal.
    std::ostringstream message;
    int status = 0;
    try {
        return dispatch(args, in, out, err, getenv, clock);
    } catch (const RulesError& e) {
        const std::size_t problems = e.diagnostics().size();
        message << format_diagnostics(e.diagnostics(), "tilsyn: error: ");
        if (problems > max_listed_diagnostics)
            message << "tilsyn: " << problems << " problems found (the first "
                    << max_listed_diagnostics << " are listed above)\n";
        else if (problems > 1)
            message << "tilsyn: " << problems << " problems found\n";
        status = static_cast<int>(e.code());
    } catch (const InputErrors& e) {
        for (const auto& m : e.messages()) message << "tilsyn: error: " << m << "\n";
        if (e.messages().size() > 1)
            message << "tilsyn: " << e.messages().size() << " problems found\n";
        status = static_cast<int>(e.code());
    } catch (const Error& e) {
        message << "tilsyn: error: " << e.what() << "\n";
        status = static_cast<int>(e.code());
    } catch (const po::error& e) {
        message << "tilsyn: error: " << e.what() << "\n";
        status = static_cast<int>(ExitCode::bad_input);
    } catch (const std::exception& e) {
        message << "tilsyn: internal error: " << e.what() << "\n";
        status = static_cast<int>(ExitCode::internal);
    }
    err << safe_to_print(message.str());
    return status;
}

}  // namespace tilsyn
