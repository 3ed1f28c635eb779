// Unit tests for the downloads (src/web/page_downloads.cpp) and src/web/zip_archive.cpp: the
// auditor's pack downloaded as zip holds exactly the files `tilsyn audit` writes, byte for
// byte; the report is `tilsyn report`'s; the plan and log are kept to the user's scope.

#include <doctest/doctest.h>

#include "web/routes.h"
#include "web/zip_archive.h"
#include "web_support.h"

#include <zip.h>

#include <fstream>
#include <map>

namespace {

namespace fs = std::filesystem;
using tilsyn::test::WebFixture;
using tilsyn::test::WebRequest;

// The files of a zip archive's bytes, by name, read back with libzip.
std::map<std::string, std::string> unzip(const std::string& bytes) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    REQUIRE(source);
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY | ZIP_CHECKCONS, &error);
    REQUIRE(archive);
    std::map<std::string, std::string> files;
    const zip_int64_t n = zip_get_num_entries(archive, 0);
    for (zip_int64_t i = 0; i < n; ++i) {
        zip_stat_t st;
        REQUIRE(zip_stat_index(archive, static_cast<zip_uint64_t>(i), 0, &st) == 0);
        zip_file_t* f = zip_fopen_index(archive, static_cast<zip_uint64_t>(i), 0);
        REQUIRE(f);
        std::string text(static_cast<std::size_t>(st.size), '\0');
        CHECK(zip_fread(f, text.data(), st.size) == static_cast<zip_int64_t>(st.size));
        zip_fclose(f);
        files.emplace(st.name, std::move(text));
    }
    zip_close(archive);
    zip_error_fini(&error);
    return files;
}

std::map<std::string, std::string> read_tree(const fs::path& dir, const std::string& prefix) {
    std::map<std::string, std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
        if (!e.is_regular_file()) continue;
        std::ifstream in(e.path(), std::ios::binary);
        std::stringstream text;
        text << in.rdbuf();
        files.emplace(prefix + "/" + fs::relative(e.path(), dir).generic_string(), text.str());
    }
    return files;
}

bool contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

}  // namespace

TEST_CASE("zip_directory: every file under the directory, nested ones too, byte for byte") {
    tilsyn::test::TempDir tmp("tilsyn-zip");
    fs::create_directories(tmp.path / "pack" / "sub");
    tmp.write("pack/README.txt", "Læs mig\n");
    tmp.write("pack/sub/data.csv", std::string("a,b\r\n1,2\r\n") + std::string(1, '\0') + "x");
    tmp.write("pack/empty.txt", "");
    const std::string bytes = tilsyn::zip_directory(tmp.path / "pack", "pakke", 1805097600);
    CHECK(bytes.substr(0, 4) == std::string("PK\x03\x04", 4));
    CHECK(unzip(bytes) == read_tree(tmp.path / "pack", "pakke"));
    CHECK(unzip(bytes).size() == 3);
    fs::create_directory(tmp.path / "none");
    CHECK_THROWS_AS(tilsyn::zip_directory(tmp.path / "none", "x", 0), tilsyn::Error);
}

TEST_CASE("downloads: the auditor's pack as zip is `tilsyn audit`'s pack, file for file") {
    WebFixture f;
    for (const std::string dialect : {"rfc4180", "excel-da"}) {
        CAPTURE(dialect);
        const fs::path out = f.dir.path / ("audit-" + dialect);
        const auto audit =
            f.cli({"audit", "--year", "2027", "--out", out.string(), "--dialect", dialect});
        REQUIRE(audit.status == 0);
        WebRequest w(*f.site, "revisor", "/download/revisionspakke.zip",
                     {{"aar", "2027"}, {"dialekt", dialect}});
        const tilsyn::Reply reply = tilsyn::download_audit_pack(w.request);
        CHECK(reply.status == 200);
        CHECK(reply.content_type == "application/zip");
        CHECK(reply.file_name == "revisionspakke-2027.zip");
        const auto files = unzip(reply.body);
        CHECK(files == read_tree(out, "revisionspakke-2027"));
        CHECK(files.count("revisionspakke-2027/SHA256SUMS") == 1);
        CHECK(files.size() > 3);
    }
    // Nothing of it is left behind in the temporary directory.
    for (const auto& e : fs::directory_iterator(fs::temp_directory_path()))
        CHECK_FALSE(e.path().filename().string().starts_with("tilsyn-download-"));
}

TEST_CASE("downloads: the report is `tilsyn report`'s; a center manager's covers their center") {
    WebFixture f;
    const auto report = f.cli({"report", "--year", "2027"});
    REQUIRE(report.status == 0);
    WebRequest revisor(*f.site, "revisor", "/download/rapport.html", {{"aar", "2027"}});
    const tilsyn::Reply all = tilsyn::download_report_html(revisor.request);
    CHECK(all.body == report.out);
    CHECK(all.file_name == "tilsynsrapport-2027.html");
    CHECK(all.content_type == "text/html; charset=utf-8");

    const auto jc = f.cli({"report", "--year", "2027", "--center", "jc"});
    WebRequest mhc(*f.site, "mhc", "/download/rapport.html", {{"aar", "2027"}});
    CHECK(tilsyn::download_report_html(mhc.request).body == jc.out);
}

TEST_CASE("downloads: the plan and the log are kept to the user's scope") {
    WebFixture f;
    WebRequest akb(*f.site, "akb", "/download/plan.csv", {{"aar", "2027"}});
    const auto mine =
        f.cli({"plan", "--year", "2027", "--leader", "akb@lejre.example", "--format", "csv"});
    const tilsyn::Reply csv = tilsyn::download_plan_csv(akb.request);
    CHECK(csv.body == mine.out);
    CHECK(csv.file_name == "tilsynsplan-2027.csv");
    CHECK_FALSE(contains(csv.body, "yd-"));

    WebRequest ics(*f.site, "akb", "/download/plan.ics", {{"aar", "2027"}});
    const tilsyn::Reply cal = tilsyn::download_plan_ics(ics.request);
    CHECK(cal.content_type == "text/calendar; charset=utf-8");
    CHECK(cal.body.starts_with("BEGIN:VCALENDAR\r\n"));

    // The log: the leader of Job og Social's areas sees their supervisions, not Ydelsen's.
    WebRequest log(*f.site, "akb", "/download/log.csv", {});
    const std::string akb_log = tilsyn::download_log_csv(log.request).body;
    CHECK(contains(akb_log, "jc-forsikrede-ledige"));
    CHECK_FALSE(contains(akb_log, "yd-las-27-27a"));
    WebRequest all(*f.site, "revisor", "/download/log.csv", {});
    CHECK(tilsyn::download_log_csv(all.request).body == f.cli({"log", "--format", "csv"}).out);

    // Another leader's area, a bad date, an unknown dialect.
    WebRequest other(*f.site, "akb", "/download/log.csv", {{"omraade", "yd-las-27-27a"}});
    CHECK_THROWS_AS(tilsyn::download_log_csv(other.request), tilsyn::Forbidden);
    WebRequest bad_date(*f.site, "akb", "/download/log.csv", {{"fra", "2027-02-30"}});
    CHECK_THROWS_WITH_AS(tilsyn::download_log_csv(bad_date.request), doctest::Contains("fra"),
                         tilsyn::BadRequest);
    WebRequest bad_dialect(*f.site, "akb", "/download/plan.csv", {{"dialekt", "tsv"}});
    CHECK_THROWS_AS(tilsyn::download_plan_csv(bad_dialect.request), tilsyn::BadRequest);
}
