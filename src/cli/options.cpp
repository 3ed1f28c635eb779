#include "cli/options.h"

#include "base/error.h"
#include "base/free_text.h"
#include "base/text.h"

#include <boost/date_time/posix_time/posix_time.hpp>

#include <filesystem>

namespace tilsyn {

bool log_exists(const Context& ctx) {
    std::error_code ec;
    return std::filesystem::exists(ctx.db_path, ec);
}

std::unique_ptr<Store> open_log_for_writing(const Context& ctx) {
    return std::make_unique<Store>(ctx.db_path, Store::Mode::create);
}

std::unique_ptr<Store> open_log_for_reading(const Context& ctx) {
    if (log_exists(ctx)) return std::make_unique<Store>(ctx.db_path, Store::Mode::existing);
    // Nothing recorded yet, as on a fresh install whose cron job names the log to come. A
    // directory that does not exist is a mistyped path, not a log to come.
    const std::filesystem::path dir =
        std::filesystem::absolute(std::filesystem::path(ctx.db_path)).parent_path();
    std::error_code ec;
    if (ctx.db_path_given && !std::filesystem::is_directory(dir, ec))
        throw InputError("--db: " + ctx.db_path + ": the directory " + dir.string() +
                         " does not exist");
    return nullptr;
}

Store::Verification require_verified(Store& store, const Context& ctx) {
    Store::Verification v = store.verify({std::nullopt, std::nullopt, recorded_at(ctx)()});
    if (!v.problem.empty())
        throw Error((v.bad_seq ? "entry " + std::to_string(*v.bad_seq) +
                                     " of the log does not verify (" + v.problem + ")"
                               : v.problem) +
                        "; 'tilsyn verify' tells more",
                    ExitCode::attention);
    return v;
}

PlanFilter filter_option(const po::variables_map& vm) {
    PlanFilter filter;
    if (vm.count("center")) filter.center = vm["center"].as<std::string>();
    if (vm.count("leader")) filter.leader = vm["leader"].as<std::string>();
    return filter;
}

RecordedAt recorded_at(const Context& ctx) {
    return [clock = ctx.recording_clock] {
        return boost::posix_time::to_iso_extended_string(clock()).substr(0, 19) + "Z";
    };
}

KeyFile key_file(const Context& ctx) {
    return KeyFile(ctx.key_path, "--signing-key");
}

std::string head_line(const Head& head) {
    return "Loggens hoved: " + head.hash + " (" + std::to_string(head.count) +
           (head.count == 1 ? " post)" : " poster)");
}

std::int64_t count_option(const po::variables_map& vm, const std::string& flag, std::int64_t min,
                          std::int64_t max, std::string_view unit) {
    const std::string& text = vm[flag].as<std::string>();
    const auto value = parse_integer(text);
    if (!value || *value < min || *value > max)
        throw UsageError("--" + flag + ": must be a whole number from " + std::to_string(min) +
                         " to " + std::to_string(max) + (unit.empty() ? "" : " ") +
                         std::string(unit) + ", got '" + text + "'");
    return *value;
}

std::optional<Date> date_option(const po::variables_map& vm, const std::string& flag) {
    if (!vm.count(flag)) return std::nullopt;
    const std::string& text = vm[flag].as<std::string>();
    const auto d = parse_iso_date(text);
    if (!d) throw UsageError("--" + flag + ": '" + text + "' is not a date: " + date_problem(text));
    return d;
}

CsvDialect dialect_option(const po::variables_map& vm, bool is_csv) {
    if (!vm.count("dialect")) return CsvDialect::rfc4180;
    const auto& d = vm["dialect"].as<std::string>();
    if (!is_csv) throw UsageError("--dialect only applies to --format csv");
    if (d == "excel-da") return CsvDialect::excel_da;
    if (d != "rfc4180")
        throw UsageError("--dialect: unknown dialect '" + d + "'; expected rfc4180 or excel-da");
    return CsvDialect::rfc4180;
}

std::string reason_option(const po::variables_map& vm) {
    if (!vm.count("reason")) throw UsageError("--reason is required: say why, for the log");
    const std::string& reason = vm["reason"].as<std::string>();
    if (trim(reason).empty()) throw UsageError("--reason: the reason must not be empty");
    check_text(reason, "--reason");
    return reason;
}

}  // namespace tilsyn
