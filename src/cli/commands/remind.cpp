// tilsyn remind: what cron runs each morning: the plans of the years concerned, with the log's
// decisions, set against what the log fulfils.
#include "base/error.h"
#include "cli/cli.h"
#include "cli/inputs.h"
#include "cli/options.h"
#include "remind/due_now.h"
#include "remind/remind_formats.h"
#include "remind/sendmail.h"

#include <optional>

namespace tilsyn {

void remind_options(po::options_description& d) {
    d.add_options()("within", po::value<std::string>()->value_name("N"),
                    "due within N working days (default: the policy's [reminders] within, else 5)")(
        "center", po::value<std::string>()->value_name("C"), "only this center (id or name)")(
        "leader", po::value<std::string>()->value_name("L"),
        "only this leader (id, name or e-mail)")(
        "format", po::value<std::string>()->default_value("text")->value_name("F"),
        "text, mail (an mbox stream) or json")(
        "send",
        "mail each leader's message through the policy's sendmail command instead of printing it")(
        "sendmail", po::value<std::string>()->value_name("CMD"),
        "with --send: this command instead of the policy's [reminders] sendmail");
}

namespace {

enum class Format { text, mail, json };

Format parse_format(const std::string& f) {
    if (f == "text") return Format::text;
    if (f == "mail") return Format::mail;
    if (f == "json") return Format::json;
    throw UsageError("--format: unknown format '" + f + "'; expected text, mail or json");
}

}  // namespace

int run_remind(const po::variables_map& vm, Context& ctx) {
    const bool send = vm.count("send") > 0;
    const Format format = parse_format(vm["format"].as<std::string>());
    if (send && !vm["format"].defaulted() && format != Format::mail)
        throw UsageError("--send: sends mail; it cannot be combined with --format " +
                         vm["format"].as<std::string>());
    if (vm.count("sendmail") && !send) throw UsageError("--sendmail: only with --send");

    DueQuery query{ctx.today, std::nullopt, std::nullopt, std::nullopt};
    if (vm.count("within"))
        query.within = static_cast<int>(count_option(vm, "within", 0, 60, "working days"));
    if (vm.count("center")) query.center = vm["center"].as<std::string>();
    if (vm.count("leader")) query.leader = vm["leader"].as<std::string>();

    // A log that does not exist yet has nothing recorded: everything planned is still open.
    auto store = open_log_for_reading(ctx);
    const Inputs in = load_inputs(ctx, store.get());
    const Policy& policy = in.rules.policy;
    const Reminders reminders = reminders_due(in, store.get(), query);

    if (format == Format::json && !send) {
        write_reminders_json(ctx.out, reminders);
    } else if (format == Format::text && !send) {
        write_reminders_text(ctx.out, reminders);
    } else {
        MailSettings settings{policy.calendar_name, policy.sender(), policy.uid_domain, ctx.now};
        const std::vector<MailMessage> mails = reminder_mails(reminders, settings);
        if (send) {
            const std::string command =
                vm.count("sendmail") ? vm["sendmail"].as<std::string>() : policy.remind.sendmail;
            for (const MailMessage& m : mails)
                send_with_sendmail(command, render_message(m), m.to_address);
        } else {
            for (const MailMessage& m : mails) write_mbox_entry(ctx.out, m);
        }
    }
    return static_cast<int>(reminders.any_overdue() ? ExitCode::attention : ExitCode::ok);
}

}  // namespace tilsyn
