// Unit tests for src/base/csv_writer.{h,cpp}: RFC 4180 and Danish-Excel CSV.

#include <doctest/doctest.h>

#include "base/csv_writer.h"

#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

std::string csv(tilsyn::CsvDialect dialect,
                const std::vector<std::vector<std::string_view>>& rows) {
    std::ostringstream out;
    tilsyn::CsvWriter w(out, dialect);
    for (const auto& r : rows) w.row(r);
    return out.str();
}

const std::string bom = "\xEF\xBB\xBF";

}  // namespace

TEST_CASE("csv_writer: CSV RFC 4180 quoting with CRLF record ends") {
    using tilsyn::CsvDialect;
    CHECK(csv(CsvDialect::rfc4180, {{"a", "b", "c"}}) == "a,b,c\r\n");
    CHECK(csv(CsvDialect::rfc4180, {{"a,b"}}) == "\"a,b\"\r\n");
    CHECK(csv(CsvDialect::rfc4180, {{"say \"hej\""}}) == "\"say \"\"hej\"\"\"\r\n");
    CHECK(csv(CsvDialect::rfc4180, {{"\""}}) == "\"\"\"\"\r\n");
    CHECK(csv(CsvDialect::rfc4180, {{"line1\nline2", "x"}}) == "\"line1\nline2\",x\r\n");
    CHECK(csv(CsvDialect::rfc4180, {{"line1\r\nline2"}}) == "\"line1\r\nline2\"\r\n");
    CHECK(csv(CsvDialect::rfc4180, {{"cr\ronly"}}) == "\"cr\ronly\"\r\n");
    CHECK(csv(CsvDialect::rfc4180, {{"", "x", ""}}) == ",x,\r\n");
    CHECK(csv(CsvDialect::rfc4180, {{"semi;colon", "rød"}}) ==
          "semi;colon,rød\r\n");  // ';' is plain here
    CHECK(csv(CsvDialect::rfc4180, {{" space "}}) == " space \r\n");
    CHECK(csv(CsvDialect::rfc4180, {{"h1", "h2"}, {"v1", "v2"}}) == "h1,h2\r\nv1,v2\r\n");
    // No byte-order mark in this dialect, even with no rows.
    CHECK(csv(CsvDialect::rfc4180, {}) == "");
}

TEST_CASE("csv_writer: CSV excel_da writes a BOM, uses semicolons and quotes fields holding one") {
    using tilsyn::CsvDialect;
    CHECK(csv(CsvDialect::excel_da, {}) == bom);  // the BOM is written at once
    CHECK(csv(CsvDialect::excel_da, {{"a", "b"}}) == bom + "a;b\r\n");
    CHECK(csv(CsvDialect::excel_da, {{"a;b", "c"}}) == bom + "\"a;b\";c\r\n");
    CHECK(csv(CsvDialect::excel_da, {{"a,b", "c"}}) == bom + "a,b;c\r\n");  // ',' is plain here
    CHECK(csv(CsvDialect::excel_da, {{"\"x\"", "y\nz"}}) == bom + "\"\"\"x\"\"\";\"y\nz\"\r\n");
    CHECK(csv(CsvDialect::excel_da, {{"grøn", "Kontanthjælp"}, {"1", "2"}}) ==
          bom + "grøn;Kontanthjælp\r\n1;2\r\n");
    // Exactly one BOM, at the very start.
    const std::string two = csv(CsvDialect::excel_da, {{"x"}, {"y"}});
    CHECK(two.rfind(bom) == 0);
}

TEST_CASE("csv_writer: CSV fields round-trip through a minimal RFC 4180 reader") {
    // Parses one record at a time, to check the writer's quoting is reversible.
    auto parse = [](const std::string& text, char sep) {
        std::vector<std::vector<std::string>> records(1);
        std::string field;
        bool quoted = false;
        std::size_t i = 0;
        while (i < text.size()) {
            const char c = text[i];
            if (quoted) {
                if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                    field += '"';
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = false;
                    ++i;
                    continue;
                }
                field += c;
                ++i;
                continue;
            }
            if (c == '"') {
                quoted = true;
                ++i;
                continue;
            }
            if (c == sep) {
                records.back().push_back(field);
                field.clear();
                ++i;
                continue;
            }
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                records.back().push_back(field);
                field.clear();
                records.emplace_back();
                i += 2;
                continue;
            }
            field += c;
            ++i;
        }
        records.pop_back();  // after the final CRLF
        return records;
    };
    const std::vector<std::string_view> fields{"plain",  "a,b", "a;b", "q\"q", "\"", "l\nf",
                                               "c\r\nl", "",    "æøå", "\"\"", ",;,"};
    for (auto dialect : {tilsyn::CsvDialect::rfc4180, tilsyn::CsvDialect::excel_da}) {
        const bool excel = dialect == tilsyn::CsvDialect::excel_da;
        std::string text = csv(dialect, {fields, fields});
        if (excel) {
            REQUIRE(text.rfind(bom, 0) == 0);
            text.erase(0, bom.size());
        }
        const auto records = parse(text, excel ? ';' : ',');
        REQUIRE(records.size() == 2);
        for (const auto& r : records) {
            REQUIRE(r.size() == fields.size());
            for (std::size_t i = 0; i < fields.size(); ++i) CHECK(r[i] == fields[i]);
        }
    }
}

TEST_CASE("csv_writer: a field a spreadsheet would run as a formula is written as text") {
    using tilsyn::CsvDialect;
    // The characters OWASP names: '=', '+', '-', '@', tab and CR at the start.
    CHECK(csv(CsvDialect::rfc4180, {{"=HYPERLINK(\"http://x\",\"klik\")"}}) ==
          "\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\"\r\n");
    CHECK(csv(CsvDialect::rfc4180, {{"+1+1", "@SUM(A1)"}}) == "'+1+1,'@SUM(A1)\r\n");
    CHECK(csv(CsvDialect::rfc4180, {{"-2+3+cmd|' /C calc'!A0"}}) == "'-2+3+cmd|' /C calc'!A0\r\n");
    CHECK(csv(CsvDialect::rfc4180, {{"\t=1"}}) == "'\t=1\r\n");
    CHECK(csv(CsvDialect::rfc4180, {{"\r=1"}}) == "\"'\r=1\"\r\n");
    CHECK(csv(CsvDialect::excel_da, {{"=1;2"}}) == bom + "\"'=1;2\"\r\n");
    // A Danish "- " bullet: Excel would read "- tekst" as a formula too; the hidden
    // apostrophe keeps it the note it is.
    CHECK(csv(CsvDialect::rfc4180, {{"- partshøring mangler"}}) == "'- partshøring mangler\r\n");
    // Real numbers stay numbers, in either dialect's decimal mark.
    CHECK(csv(CsvDialect::rfc4180, {{"-12.50", "-3", "-0.5", "12"}}) == "-12.50,-3,-0.5,12\r\n");
    CHECK(csv(CsvDialect::excel_da, {{"-12,50"}}) == bom + "-12,50\r\n");
    // Not numbers: neutralised.
    for (const char* f : {"-", "-.5", "-1.", "-1e5", "-1.2.3", "- 1"})
        CHECK(tilsyn::formula_like(f));
    // '=' inside a text, or a leading space, is no formula.
    CHECK(csv(CsvDialect::rfc4180, {{"a=b", " =x"}}) == "a=b, =x\r\n");
}

TEST_CASE("csv_writer: a text a spreadsheet would turn into a date is written as text") {
    using tilsyn::CsvDialect;
    using tilsyn::date_like;
    // What LibreOffice 7.4 in Danish reads as dates with "detect special numbers" on
    // (tests/csv/libreoffice_text.sh checks it with LibreOffice itself), quoted or not.
    for (const char* f :
         {"januar 2027", "marts 2027", "December 2027", "jan 2027", "5 maj 2027", "Mar-27", "12-3",
          "1-2-3", "1/2", "1.12.2027", "01-12-2027", "10:00", "2026-12-01 10:00"})
        CHECK_MESSAGE(date_like(f), f);
    // Text that stays text, and what tilsyn writes as numbers and dates on purpose.
    for (const char* f : {"1. kvartal 2027",
                          "2. halvår 2027",
                          "maj-juni 2027",
                          "2027-M03",
                          "2027-Q1",
                          "2027-H1",
                          "2027-M03-2",
                          "2027-W05",
                          "2027-004512",
                          "2027-03-15",
                          "2027-03",
                          "2026-12-01T09:00:00Z",
                          "12500.50",
                          "87,5",
                          "-3",
                          "12",
                          "maj",
                          "januar",
                          "Stikprøve af 10 sager",
                          "",
                          "1",
                          "bc-sygedagpenge/2027-M03",
                          "9b8ec0eddc6aa777"})
        CHECK_MESSAGE(!date_like(f), f);
    CHECK(csv(CsvDialect::rfc4180, {{"januar 2027", "2027-M01", "2027-01-31"}}) ==
          "'januar 2027,2027-M01,2027-01-31\r\n");
    CHECK(csv(CsvDialect::excel_da, {{"marts 2027", "87,5"}}) == bom + "'marts 2027;87,5\r\n");
}
