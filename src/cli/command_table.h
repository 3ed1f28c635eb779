#pragma once
// The commands, declared once: name, usage, summary, options and handler. `tilsyn help`, the
// usage lines and "did you mean" suggestions are all generated from this table.

#include "cli/context.h"

#include <boost/program_options.hpp>

#include <span>
#include <string_view>

namespace tilsyn {

namespace po = boost::program_options;

struct Command {
    std::string_view name;
    std::string_view usage;    ///< arguments after the name, e.g. "--year YYYY [--format F]"
    std::string_view summary;  ///< one line for the command list
    void (*add_options)(po::options_description&);
    int (*run)(const po::variables_map&, Context&);
    std::string_view positional = {};  ///< the option a single bare argument fills, if any
};

std::span<const Command> commands();
/// A command's own options plus --help: what its parser accepts and its help prints.
po::options_description options_of(const Command& c);
/// The options accepted before or after any command (--rules, --today, --version, --help).
po::options_description global_options();
const Command* find_command(std::string_view name);
/// The closest command name to a mistyped one, if any is close enough to suggest.
std::string_view suggest_command(std::string_view name);

/// The value of --year, checked: throws UsageError naming the flag.
int year_option(const po::variables_map& vm);

// Handlers and their options, one pair per cmd_*.cpp file.
void plan_options(po::options_description&);
int run_plan(const po::variables_map&, Context&);
void calendar_options(po::options_description&);
int run_calendar(const po::variables_map&, Context&);
void init_options(po::options_description&);
int run_init(const po::variables_map&, Context&);
void validate_options(po::options_description&);
int run_validate(const po::variables_map&, Context&);
void completion_options(po::options_description&);
int run_completion(const po::variables_map&, Context&);
void record_options(po::options_description&);
int run_record(const po::variables_map&, Context&);
void import_options(po::options_description&);
int run_import(const po::variables_map&, Context&);
void correct_options(po::options_description&);
int run_correct(const po::variables_map&, Context&);
void verify_options(po::options_description&);
int run_verify(const po::variables_map&, Context&);
void log_options(po::options_description&);
int run_log(const po::variables_map&, Context&);
void rerate_options(po::options_description&);
int run_rerate(const po::variables_map&, Context&);
void history_options(po::options_description&);
int run_history(const po::variables_map&, Context&);
void sample_options(po::options_description&);
int run_sample(const po::variables_map&, Context&);
void verify_sample_options(po::options_description&);
int run_verify_sample(const po::variables_map&, Context&);
void remind_options(po::options_description&);
int run_remind(const po::variables_map&, Context&);
void report_options(po::options_description&);
int run_report(const po::variables_map&, Context&);
void audit_options(po::options_description&);
int run_audit(const po::variables_map&, Context&);
void rotate_key_options(po::options_description&);
int run_rotate_key(const po::variables_map&, Context&);
void workload_options(po::options_description&);
int run_workload(const po::variables_map&, Context&);
void serve_options(po::options_description&);
int run_serve(const po::variables_map&, Context&);
void passwd_options(po::options_description&);
int run_passwd(const po::variables_map&, Context&);

}  // namespace tilsyn
