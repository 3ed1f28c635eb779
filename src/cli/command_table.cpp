#include "cli/command_table.h"

#include "base/error.h"
#include "base/text.h"

#include <array>

namespace tilsyn {

namespace {

// `help` is handled in cli.cpp because it prints this very table.
constexpr std::array<Command, 21> table{{
    {"plan",
     "--year YYYY [--center C] [--leader L] [--format table|csv|json|ics] [-o PATH] [--no-level]",
     "generate the year's supervision plan on Danish working days", plan_options, run_plan},
    {"workload",
     "--year YYYY [--center C] [--leader L] [--format table|csv|json] [--lp FILE] [--no-level]",
     "each leader's supervisions and hours per month and week, beside the lower bound",
     workload_options, run_workload},
    {"calendar", "--year YYYY", "list the year's closing days the plan avoids", calendar_options,
     run_calendar},
    {"init", "[DIR]", "start a rules directory: a commented policy.toml and an example register",
     init_options, run_init, "dir"},
    {"validate", "", "check the rules directory and list every problem found", validate_options,
     run_validate},
    {"sample",
     "AREA --cases FILE.csv [--occurrence CODE] [--seed S] [--size N] [--format text|csv|json]",
     "draw a supervision's sample from a case list, reproducibly from a seed", sample_options,
     run_sample, "area"},
    {"record",
     "--area A --date D --cases N [--errors-sagsbehandling N] [...] [--sample F.csv] | --file "
     "F.toml",
     "record a performed supervision with its findings and actions", record_options, run_record},
    {"import", "--supervisions S.csv [--findings F.csv] [--actions A.csv]",
     "import supervisions, findings and actions from CSV, all or nothing", import_options,
     run_import},
    {"correct", "N --reason TEXT", "withdraw log entry N (the entry stays, marked withdrawn)",
     correct_options, run_correct, "entry"},
    {"rerate", "[--accept AREA | --reject AREA | --set AREA COLOUR] [--reason TEXT]",
     "list re-rating proposals from the findings, or decide on one", rerate_options, run_rerate},
    {"history", "AREA", "the area's colour over time, with the reason for each change",
     history_options, run_history, "area"},
    {"log", "[--area A] [--from D] [--to D] [--format table|csv|json] [-o PATH]",
     "the complete findings log with hashes, for the auditor", log_options, run_log},
    {"report", "--year YYYY [--center C] [--leader L] [-o FILE]",
     "the year's report as one self-contained HTML file: risk maps, year wheel, figures",
     report_options, run_report},
    {"audit", "--year YYYY --out DIR [--center C] [--dialect rfc4180|excel-da]",
     "write the auditor's pack for a year (log, timeliness, measurements), all or nothing",
     audit_options, run_audit},
    {"verify", "[--head HASH] [--key PUBLIC.pem]",
     "check the log's hash chain and signatures: count, head and keys, or the first bad entry",
     verify_options, run_verify},
    {"verify-sample", "N --cases FILE.csv",
     "check that supervision N reviewed the cases its seed draws", verify_sample_options,
     run_verify_sample, "entry"},
    {"rotate-key", "--reason TEXT",
     "make a new signing key take over from the log's key (signed by the old one)",
     rotate_key_options, run_rotate_key},
    {"remind", "[--within N] [--center C] [--leader L] [--format text|mail|json] [--send]",
     "for cron: what is due soon or overdue, per leader (exit 1: overdue)", remind_options,
     run_remind},
    {"serve", "[--listen HOST:PORT] [--threads N]",
     "serve the plan, reminders and log in the browser, behind a login (docs/serve.md)",
     serve_options, run_serve},
    {"passwd", "LOGIN [--delete]",
     "set the password a user of access.toml logs in to tilsyn serve with", passwd_options,
     run_passwd, "login"},
    {"completion", "", "print a bash completion script: source <(tilsyn completion)",
     completion_options, run_completion},
}};

}  // namespace

int year_option(const po::variables_map& vm) {
    const std::string& text = vm["year"].as<std::string>();
    const auto year = parse_year(text);
    if (!year)
        throw UsageError("--year: '" + text + "' is not a year between " +
                         std::to_string(min_year) + " and " + std::to_string(max_year));
    return *year;
}

std::span<const Command> commands() {
    return table;
}

po::options_description options_of(const Command& c) {
    po::options_description desc(std::string(c.name) + " options");
    c.add_options(desc);
    desc.add_options()("help,h", "show this help");
    return desc;
}

po::options_description global_options() {
    po::options_description desc("global options (before or after the command)");
    desc.add_options()("rules", po::value<std::string>()->value_name("DIR"),
                       "rules directory (default: rules)")(
        "db", po::value<std::string>()->value_name("PATH"),
        "findings database (default: $TILSYN_DB, else tilsyn.db in the rules directory)")(
        "signing-key", po::value<std::string>()->value_name("PATH"),
        "the log's signing key (default: $TILSYN_SIGNING_KEY, else the database's name with "
        ".key)")("today", po::value<std::string>()->value_name("YYYY-MM-DD"),
                 "the date to act as today (default: today in Europe/Copenhagen)")(
        "version", "print the version")("help,h", "show help");
    return desc;
}

const Command* find_command(std::string_view name) {
    for (const Command& c : table)
        if (c.name == name) return &c;
    return nullptr;
}

std::string_view suggest_command(std::string_view name) {
    // An abbreviation ("cal") means the command it starts; otherwise a typo is at most two
    // edits from the word meant, and more edits than that is a different word.
    if (!name.empty())
        for (const Command& c : table)
            if (c.name.starts_with(name)) return c.name;
    std::string_view best;
    std::size_t best_distance = 3;
    for (const Command& c : table) {
        const std::size_t d = edit_distance(name, c.name);
        if (d < best_distance) {
            best = c.name;
            best_distance = d;
        }
    }
    return best;
}

}  // namespace tilsyn
