// Downloads: the user's plan (iCalendar, CSV, JSON), their part of the log (CSV), the year's
// report (HTML) and, for the auditor, the auditor's pack (zip): each written by the function
// the command uses, kept to the user's scope.
#include "base/dates.h"
#include "base/error.h"
#include "plan/export/plan_formats.h"
#include "report/year_documents.h"
#include "web/layout.h"
#include "web/routes.h"
#include "web/scoped_log.h"
#include "web/scoped_year.h"
#include "web/verified_log.h"
#include "web/zip_archive.h"

#include <boost/date_time/posix_time/conversion.hpp>

#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace tilsyn {

namespace fs = std::filesystem;

namespace {

constexpr const char* csv_type = "text/csv; charset=utf-8";

// The year's leveled plan, kept to the scope: what `tilsyn plan` gives with the user's filter.
Plan plan_of(const PageRequest& r, int year) {
    if (!has_plan(r.snapshot, r.scope, year))
        throw NotFound("Der er ingen plan for " + std::to_string(year) +
                       ": ingen af dine områder var vurderet ved årets udgang.");
    return scoped_plan(r.snapshot, r.scope, year);
}

Reply file(std::string content_type, std::string body, std::string name) {
    Reply reply;
    reply.content_type = std::move(content_type);
    reply.body = std::move(body);
    reply.file_name = std::move(name);
    return reply;
}

std::string year_name(std::string_view stem, int year, std::string_view extension) {
    return std::string(stem) + "-" + std::to_string(year) + "." + std::string(extension);
}

// A directory of its own under the temporary directory, removed with what is in it.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "tilsyn-download-XXXXXX").string();
        if (!::mkdtemp(pattern.data()))
            throw Error("cannot make a temporary directory under " +
                        fs::temp_directory_path().string());
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

}  // namespace

Reply show_downloads(PageRequest& r) {
    const int year = year_param(r);
    Data d;
    d.set("year", std::to_string(year));
    Data years = list();
    for (int y = r.today.year() - 4; y <= r.today.year() + 1; ++y) {
        Data item;
        item.set("value", std::to_string(y));
        item.set("selected", y == year);
        years.push_back(item);
    }
    d.set("years", years);
    d.set("auditor", r.user.role == Role::revisor);
    d.set("everything", r.scope.everything());
    return page(r, "Downloads", render("downloads.mustache", d));
}

Reply download_plan_ics(PageRequest& r) {
    const int year = year_param(r);
    const Plan plan = plan_of(r, year);
    std::ostringstream out;
    write_plan_ics(out, plan, r.snapshot.inputs.rules, r.snapshot.inputs.calendar, r.now);
    return file("text/calendar; charset=utf-8", out.str(), year_name("tilsynsplan", year, "ics"));
}

Reply download_plan_csv(PageRequest& r) {
    const int year = year_param(r);
    const CsvDialect dialect = dialect_param(r);
    const Plan plan = plan_of(r, year);
    std::ostringstream out;
    write_plan_csv(out, plan, r.snapshot.inputs.rules, dialect);
    return file(csv_type, out.str(), year_name("tilsynsplan", year, "csv"));
}

Reply download_plan_json(PageRequest& r) {
    const int year = year_param(r);
    const Plan plan = plan_of(r, year);
    std::ostringstream out;
    write_plan_json(out, plan, r.snapshot.inputs.rules);
    return file("application/json", out.str(), year_name("tilsynsplan", year, "json"));
}

Reply download_log_csv(PageRequest& r) {
    const CsvDialect dialect = dialect_param(r);
    const LogQuery query = log_query(r);
    const VerifiedLog log = open_verified_log(r);
    std::vector<LogEntry> entries;
    if (log.store) entries = log.store->entries();
    std::ostringstream out;
    write_log_csv(out, scoped_log(r, entries, query), dialect);
    const std::string year = r.params.get("aar").value_or("");
    return file(
        csv_type, out.str(),
        year.empty() ? "tilsynslog.csv" : "tilsynslog-" + std::to_string(year_param(r)) + ".csv");
}

Reply download_report_html(PageRequest& r) {
    const int year = year_param(r);
    // The report states the log's head: taken from the log as it is read, verified first.
    const VerifiedLog log = open_verified_log(r);
    const Plan plan = plan_of(r, year);
    AreaScope scope;
    if (!r.scope.everything())
        scope = [&r](const Center& c, const Area& a) { return r.scope.sees(c, a); };
    std::ostringstream out;
    write_year_report(out, r.snapshot.inputs, plan, log.store.get(), log.chain, r.today, scope);
    return file("text/html; charset=utf-8", out.str(), year_name("tilsynsrapport", year, "html"));
}

Reply download_audit_pack(PageRequest& r) {
    const int year = year_param(r);
    const CsvDialect dialect = dialect_param(r);
    // Like `tilsyn audit`: nothing goes to the auditor from a log that does not verify.
    const VerifiedLog log = open_verified_log(r);
    const Plan plan = plan_of(r, year);
    const std::string name = "revisionspakke-" + std::to_string(year);
    const TempDir tmp;
    const fs::path dir = tmp.path() / name;
    write_year_audit_pack({dir.string(), "revisionspakke", std::nullopt, dialect, r.today},
                          r.snapshot.inputs, plan, log.store.get(), log.chain);
    return file("application/zip", zip_directory(dir, name, boost::posix_time::to_time_t(r.now)),
                name + ".zip");
}

}  // namespace tilsyn
