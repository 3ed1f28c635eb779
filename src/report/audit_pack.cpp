#include "report/audit_pack.h"

#include "base/atomic_dir.h"
#include "base/error.h"
#include "base/sha256.h"
#include "base/text.h"
#include "report/report_html.h"
#include "report/year_review_csv.h"

#include <map>
#include <stdexcept>
#include <string_view>

namespace tilsyn {

namespace {

// What each file is, for README.txt (Danish: the auditor's language).
constexpr std::pair<std::string_view, std::string_view> descriptions[] = {
    {"log.csv",
     "Hele tilsynsloggen i rækkefølge med hash-kæden: præcis hvad 'tilsyn log --format csv' "
     "skriver. "
     "Altid hele loggen, også med --center, for kæden kan kun efterprøves i sin helhed."},
    {"decisions.csv",
     "Årets beslutninger om omvurdering (accepteret, afvist, fastsat manuelt); "
     "tilbagetrukne er markeret i withdrawn_by."},
    {"colour-history.csv",
     "Hvert områdes farve i løbet af året: hvert trin med dato, farve, hyppighed, "
     "kilde (vurdering eller beslutning) og begrundelse."},
    {"timeliness.csv",
     "Hvert planlagt tilsyn i året: planlagt dato, frist, status (on-time = rettidig, "
     "late = forsinket, missing = mangler, pending = ikke forfaldent endnu), udført dato, "
     "registreringsdato (registration: timely = rettidigt registreret, late = registreret sent, "
     "imported = importeret) og logpost. Et tilsyn, der er registreret sent, er stadig "
     "rettidigt, hvis det blev udført senest på fristen."},
    {"timeliness-summary.csv",
     "Rettidighed pr. område, leder, center og i alt; andelen regnes kun af de "
     "forfaldne tilsyn. registered_late og imported tæller de udførte tilsyn, der er "
     "registreret sent eller importeret."},
    {"measurements.csv",
     "Målepunkter pr. område: tilsyn (heraf ad hoc), gennemgåede sager, fejl og "
     "fejlprocent pr. akse, fund, væsentlige fund og beløb i kr."},
    {"verify.txt",
     "Resultatet af 'tilsyn verify': antal poster, kædens hoved, hvilke poster hver nøgle har "
     "underskrevet, og loggens offentlige nøgle."},
    {"public-key.pem",
     "Loggens offentlige nøgle (den nyeste). Gem den adskilt fra loggen, og sammenlign den med "
     "den, I fik sidst: 'tilsyn verify --key public-key.pem' viser, at loggen er underskrevet "
     "med den, og at ingen har underskrevet den igen med en anden nøgle."},
    {"report.html", "Årsrapporten som HTML."},
    {"README.txt", "Denne fil."},
    {"SHA256SUMS",
     "SHA-256 af alle andre filer: 'sha256sum -c SHA256SUMS' viser, at pakken er uændret."},
};

std::string_view description(std::string_view name) {
    for (const auto& [file, text] : descriptions)
        if (file == name) return text;
    throw std::logic_error("the audit pack's README does not describe " + std::string(name));
}

void write_readme(std::ostream& out, const AuditPack& pack, const std::vector<std::string>& files) {
    const YearReview& r = pack.review;
    out << "Revisionspakke for ledelsestilsyn " << r.year << "\n\n";
    out << "År: " << r.year << "\n";
    out << "Opgjort pr.: " << iso(r.as_of) << " (tilsyn med frist før denne dag er forfaldne)\n";
    out << "Centre: ";
    if (pack.center)
        out << "kun " << *pack.center << " (--center)\n";
    else
        out << "alle\n";
    if (pack.chain) {
        out << "Tilsynsloggen: " << pack.chain->count
            << (pack.chain->count == 1 ? " post" : " poster") << ", verificeret\n";
        out << "Kædens hoved: " << pack.chain->head << "\n";
    } else {
        out << "Tilsynsloggen: ingen endnu (intet registreret)\n";
    }
    out << "CSV: "
        << (pack.dialect == CsvDialect::excel_da
                ? "semikolon og UTF-8 med BOM (dansk Excel), decimalkomma"
                : "RFC 4180, komma, UTF-8, decimalpunktum")
        << "\n\nFiler:\n";
    for (const std::string& f : files)
        out << "  " << f << "\n" << wrap(std::string(description(f)), 78, "      ");
    out << "\nSådan efterprøves pakken:\n"
        << "  sha256sum -c SHA256SUMS     alle filer er uændrede siden pakken blev skrevet\n";
    if (pack.chain)
        out << "  tilsyn verify --head " << pack.chain->head << "\n"
            << "                              loggen indeholder stadig alt, hvad pakken bygger "
               "på\n";
    if (pack.chain && !pack.chain->keys.empty())
        out << "  tilsyn verify --key public-key.pem\n"
            << "                              loggen er underskrevet med nøglen "
            << key_id(pack.chain->keys.back().key) << "\n";
    out << "\nKolonnerne er beskrevet i docs/formats.md, afsnittet \"The auditor's pack\".\n";
}

}  // namespace

std::vector<std::string> write_audit_pack(const std::string& dir, const std::string& flag,
                                          const AuditPack& pack) {
    const CsvDialect dialect = pack.dialect;
    const YearReview& review = pack.review;
    std::map<std::int64_t, std::int64_t> withdrawn_by;
    for (const LogRow& row : pack.log)
        if (row.withdrawn_by) withdrawn_by.emplace(row.entry->seq, *row.withdrawn_by);

    AtomicDir out(dir, flag);
    out.add("log.csv", [&](std::ostream& o) { write_log_csv(o, pack.log, dialect); });
    out.add("decisions.csv", [&](std::ostream& o) {
        write_decisions_csv(o, review, pack.rules, withdrawn_by, dialect);
    });
    out.add("colour-history.csv",
            [&](std::ostream& o) { write_colour_history_csv(o, review, pack.rules, dialect); });
    out.add("timeliness.csv", [&](std::ostream& o) { write_timeliness_csv(o, review, dialect); });
    out.add("timeliness-summary.csv",
            [&](std::ostream& o) { write_timeliness_summary_csv(o, review, dialect); });
    out.add("measurements.csv",
            [&](std::ostream& o) { write_measurements_csv(o, review, dialect); });
    out.add("verify.txt", [&](std::ostream& o) {
        if (pack.chain)
            o << verified_text(*pack.chain) << "\n";
        else
            o << "0 entries: there is no findings log yet (nothing has been recorded)\n";
    });
    if (pack.chain && !pack.chain->keys.empty())
        out.add("public-key.pem",
                [&](std::ostream& o) { o << public_key_pem(pack.chain->keys.back().key); });

    // The report reads the same review: what the committee sees is what the auditor checks.
    ReportInfo info;
    info.generated = review.as_of;
    if (pack.chain) {
        info.log_head = pack.chain->head;
        info.log_entries = pack.chain->count;
    }
    out.add("report.html",
            [&](std::ostream& o) { write_report_html(o, review, pack.rules, info); });

    std::vector<std::string> files = out.files();
    files.push_back("README.txt");
    files.push_back("SHA256SUMS");
    out.add("README.txt", [&](std::ostream& o) { write_readme(o, pack, files); });

    // Two spaces between hash and name: `sha256sum -c` reads that as a file hashed in binary-
    // safe text mode, the format it writes itself.
    std::string sums;
    for (const std::string& f : out.files())
        sums += sha256_file_hex(out.staged(f)) + "  " + f + "\n";
    out.add("SHA256SUMS", [&](std::ostream& o) { o << sums; });
    out.commit();
    return out.files();
}

}  // namespace tilsyn
