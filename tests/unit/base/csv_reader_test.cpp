// Unit tests for src/base/csv_reader.{h,cpp}: RFC 4180 quoting, CRLF/LF/CR line ends, the UTF-8
// BOM, ',' or ';' told apart from the header line, blank lines, row numbers that stay right
// across quoted line breaks, and the errors for ragged rows, broken quoting and bad UTF-8.

#include <doctest/doctest.h>

#include "test_support.h"

#include "base/csv_reader.h"
#include "base/error.h"

#include <string>
#include <vector>

namespace {

using tilsyn::CsvTable;
using tilsyn::test::TempDir;
using Fields = std::vector<std::string>;

struct Csv {
    TempDir dir{"tilsyn-csv"};
    std::string file;
    explicit Csv(const std::string& text) {
        dir.write("input.csv", text);
        file = (dir.path / "input.csv").string();
    }
    CsvTable read() const { return tilsyn::read_csv_file(file); }
    /// The InputError message, with the file name replaced by "F", or "" if none was thrown.
    std::string error() const {
        try {
            tilsyn::read_csv_file(file);
        } catch (const tilsyn::InputError& e) {
            std::string m = e.what();
            if (m.starts_with(file)) m = "F" + m.substr(file.size());
            return m;
        }
        return {};
    }
};

CsvTable read(const std::string& text) {
    return Csv(text).read();
}
std::string error(const std::string& text) {
    return Csv(text).error();
}

std::vector<int> numbers(const CsvTable& t) {
    std::vector<int> out;
    for (const auto& r : t.rows) out.push_back(r.number);
    return out;
}

}  // namespace

TEST_CASE("csv: a plain file with LF line ends") {
    const Csv csv("area,date,cases\nbc-a,2027-03-01,10\nbc-b,2027-03-02,12\n");
    const CsvTable t = csv.read();
    CHECK(t.file == csv.file);
    CHECK(t.header == Fields{"area", "date", "cases"});
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].number == 2);
    CHECK(t.rows[0].fields == Fields{"bc-a", "2027-03-01", "10"});
    CHECK(t.rows[1].number == 3);
    CHECK(t.rows[1].fields == Fields{"bc-b", "2027-03-02", "12"});
}

TEST_CASE("csv: CRLF, CR and mixed line ends read the same, final line end optional") {
    for (const std::string& text : {
             std::string("a,b\r\n1,2\r\n3,4\r\n"),
             std::string("a,b\r\n1,2\r\n3,4"),
             std::string("a,b\n1,2\n3,4"),
             std::string("a,b\r1,2\r3,4\r"),
             std::string("a,b\r\n1,2\n3,4\r\n"),
         }) {
        INFO("text: " << text);
        const CsvTable t = read(text);
        CHECK(t.header == Fields{"a", "b"});
        REQUIRE(t.rows.size() == 2);
        CHECK(t.rows[0].fields == Fields{"1", "2"});
        CHECK(t.rows[1].fields == Fields{"3", "4"});
        CHECK(numbers(t) == std::vector<int>{2, 3});
    }
}

TEST_CASE("csv: quoted fields hold separators, doubled quotes and nothing") {
    const CsvTable t = read(
        "a,b,c,d\n\"x,y\",\"say "
        "\"\"hi\"\"\",\"\",plain\n\"\"\"\",\"\"\"\"\"\",\"a\"\"\",\"\"\"b\"\n");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].fields == Fields{"x,y", "say \"hi\"", "", "plain"});
    CHECK(t.rows[1].fields == Fields{"\"", "\"\"", "a\"", "\"b"});
}

TEST_CASE("csv: a quoted header and a quoted field as the last thing in the file") {
    const CsvTable t = read("\"area\",\"note\"\r\nbc-a,\"slut\"");
    CHECK(t.header == Fields{"area", "note"});
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0].fields == Fields{"bc-a", "slut"});
}

TEST_CASE("csv: line breaks inside quotes are kept and the row still counts once") {
    const CsvTable t =
        read("a,note,c\n1,\"linje 1\nlinje 2\nlinje 3\",x\n2,\"crlf\r\ninside\",y\n3,plain,z\n");
    REQUIRE(t.rows.size() == 3);
    CHECK(t.rows[0].fields == Fields{"1", "linje 1\nlinje 2\nlinje 3", "x"});
    CHECK(t.rows[1].fields == Fields{"2", "crlf\r\ninside", "y"});
    CHECK(t.rows[2].fields == Fields{"3", "plain", "z"});
    CHECK(numbers(t) == std::vector<int>{2, 3, 4});
}

TEST_CASE("csv: errors after a quoted line break name the right row") {
    CHECK(error("a,b\n\"x\ny\",1\n1,2,3\n") == "F: row 3: 3 fields, but the header has 2");
    CHECK(error("a,b\n\"x\ny\nz\",1\n\"p\nq\",2\n1\n") ==
          "F: row 4: 1 fields, but the header has 2");
}

TEST_CASE("csv: a UTF-8 byte order mark is dropped") {
    const CsvTable t = read(
        "\xEF\xBB\xBF"
        "område,beløb\nbc-a,\"12.500,50\"\n");
    CHECK(t.header == Fields{"område", "beløb"});
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0].fields == Fields{"bc-a", "12.500,50"});
    CHECK(t.rows[0].number == 2);
    // ',' is the separator here, so an unquoted Danish amount splits: the header decides.
    CHECK(error("\xEF\xBB\xBF"
                "område,beløb\nbc-a,12.500,50\n") == "F: row 2: 3 fields, but the header has 2");

    const CsvTable quoted = read("\xEF\xBB\xBF\"a\";\"b\"\n1;2\n");
    CHECK(quoted.header == Fields{"a", "b"});
    CHECK(quoted.rows.at(0).fields == Fields{"1", "2"});
}

TEST_CASE("csv: a semicolon is the separator when the header has more of them than commas") {
    const CsvTable t = read("område;beløb;note\nbc-a;12.500,50;a, b og c\n");
    CHECK(t.header == Fields{"område", "beløb", "note"});
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0].fields == Fields{"bc-a", "12.500,50", "a, b og c"});

    // Quoted commas in the header do not count.
    const CsvTable q = read("\"a,b,c\";d;e\n\"x;y\";2,5;3\n");
    CHECK(q.header == Fields{"a,b,c", "d", "e"});
    CHECK(q.rows.at(0).fields == Fields{"x;y", "2,5", "3"});

    // Only the header line decides, not the rows below it.
    const CsvTable c = read("a,b\n1;2;3;4,5\n");
    CHECK(c.rows.at(0).fields == Fields{"1;2;3;4", "5"});

    // A tie keeps ','.
    const CsvTable tie = read("a;b,c\n1;2,3\n");
    CHECK(tie.header == Fields{"a;b", "c"});

    // A single-column header has neither: ','.
    const CsvTable single = read("a\n1;2\n");
    CHECK(single.header == Fields{"a"});
    CHECK(single.rows.at(0).fields == Fields{"1;2"});
}

TEST_CASE("csv: semicolon files with CRLF and quoted separators") {
    const CsvTable t = read("a;b\r\n\"1;1\";\"2\r\n2\"\r\n3;4\r\n");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].fields == Fields{"1;1", "2\r\n2"});
    CHECK(t.rows[1].fields == Fields{"3", "4"});
    CHECK(numbers(t) == std::vector<int>{2, 3});
}

TEST_CASE("csv: blank lines are skipped but keep their place in the numbering") {
    const CsvTable t = read("a,b\n\n1,2\n\n\n3,4\n\n");
    REQUIRE(t.rows.size() == 2);
    CHECK(t.rows[0].fields == Fields{"1", "2"});
    CHECK(t.rows[1].fields == Fields{"3", "4"});
    // Numbers are those a text editor shows for these lines.
    CHECK(numbers(t) == std::vector<int>{3, 6});

    const CsvTable crlf = read("a,b\r\n\r\n1,2\r\n\r\n");
    CHECK(numbers(crlf) == std::vector<int>{3});

    CHECK(error("a,b\n\n\n1,2,3\n") == "F: row 4: 3 fields, but the header has 2");
}

TEST_CASE("csv: a quoted empty field or lone separators make a row, not a blank line") {
    const CsvTable one = read("a\n\"\"\n\n");
    REQUIRE(one.rows.size() == 1);
    CHECK(one.rows[0].fields == Fields{""});
    CHECK(one.rows[0].number == 2);

    const CsvTable three = read("a,b,c\n,,\n,,");
    REQUIRE(three.rows.size() == 2);
    CHECK(three.rows[0].fields == Fields{"", "", ""});
    CHECK(three.rows[1].fields == Fields{"", "", ""});

    const CsvTable trailing = read("a,b\n1,\n");
    CHECK(trailing.rows.at(0).fields == Fields{"1", ""});
}

TEST_CASE("csv: spaces around fields are kept as they are") {
    const CsvTable t = read(" a , b \n 1 ,2 \n");
    CHECK(t.header == Fields{" a ", " b "});
    CHECK(t.rows.at(0).fields == Fields{" 1 ", "2 "});
}

TEST_CASE("csv: header only") {
    const CsvTable t = read("a,b,c\n");
    CHECK(t.header == Fields{"a", "b", "c"});
    CHECK(t.rows.empty());
    CHECK(read("a,b,c").rows.empty());
}

TEST_CASE("csv: ragged rows name the row and both counts") {
    CHECK(error("a,b\n1,2,3\n") == "F: row 2: 3 fields, but the header has 2");
    CHECK(error("a,b,c\n1,2,3\n4,5\n") == "F: row 3: 2 fields, but the header has 3");
    CHECK(error("a,b,c\n1,2,3\n4\n") == "F: row 3: 1 fields, but the header has 3");
    // The first ragged row is named, not a later one.
    CHECK(error("a,b\n1,2\n3\n4,5,6\n") == "F: row 3: 1 fields, but the header has 2");
}

TEST_CASE("csv: an unclosed quote names the row it started in") {
    CHECK(error("a,b\n1,2\n3,\"abc\n4,5\n6,7\n") ==
          "F: row 3: a quoted field is not closed (a '\"' is missing)");
    CHECK(error("\"a,b\n1,2\n") == "F: row 1: a quoted field is not closed (a '\"' is missing)");
    CHECK(error("a,b\n1,\"x\"\"") == "F: row 2: a quoted field is not closed (a '\"' is missing)");
    CHECK(error("a,b\n\"p\nq\",1\n2,\"") ==
          "F: row 3: a quoted field is not closed (a '\"' is missing)");
}

TEST_CASE("csv: text after a closing quote, and quotes inside unquoted fields, are refused") {
    CHECK(error("a,b\n1,\"x\"y\n") == "F: row 2: text after the closing quote of column 2");
    CHECK(error("\"a\" ,b\n") == "F: row 1: text after the closing quote of column 1");
    CHECK(error("a,b\n1,x\"y\"\n") == "F: row 2: a '\"' inside an unquoted field of column 2");
    CHECK(error("a,b\n \"1\",2\n") == "F: row 2: a '\"' inside an unquoted field of column 1");
    CHECK(error("a;b;c\n1;2;3\n4;5;6\"\n") ==
          "F: row 3: a '\"' inside an unquoted field of column 3");
}

TEST_CASE("csv: invalid UTF-8 names the row and column") {
    CHECK(error("a,b\n1,\xff\n") ==
          "F: row 2: column 2 is not valid UTF-8 (save the file as UTF-8)");
    // Latin-1 "æ" as a Danish Excel without UTF-8 would write it.
    CHECK(error("a,b\n1,2\nbc-\xe6ldre,3\n") ==
          "F: row 3: column 1 is not valid UTF-8 (save the file as UTF-8)");
    CHECK(error("omr\xe5"
                "de,b\n1,2\n") == "F: row 1: column 1 is not valid UTF-8 (save the file as UTF-8)");
    CHECK(error("a,b\n\"x\ny\",1\n2,\"\xc3\"\n") ==
          "F: row 3: column 2 is not valid UTF-8 (save the file as UTF-8)");
    // Valid multi-byte text is fine.
    CHECK(read("a,b\næøå,€😀\n").rows.at(0).fields == Fields{"æøå", "€😀"});
}

TEST_CASE("csv: empty and unreadable files") {
    for (const std::string& text : {std::string(), std::string("\xEF\xBB\xBF"), std::string("\n"),
                                    std::string("\r\n\r\n\n")}) {
        CHECK(error(text) == "F: the file is empty; it needs a header row");
    }
    TempDir dir("tilsyn-csv");
    const std::string missing = (dir.path / "missing.csv").string();
    try {
        tilsyn::read_csv_file(missing);
        FAIL("no error for a missing file");
    } catch (const tilsyn::InputError& e) {
        CHECK(std::string(e.what()) == missing + ": no such file");
    }
}

TEST_CASE("csv: the header is the first record that is not blank") {
    const CsvTable plain = read("a,b\n1,2\n");
    CHECK(plain.header_row == 1);

    const CsvTable t = read("\n\r\na,b\n\n1,2\n");
    CHECK(t.header == Fields{"a", "b"});
    CHECK(t.header_row == 3);
    REQUIRE(t.rows.size() == 1);
    CHECK(t.rows[0].fields == Fields{"1", "2"});
    CHECK(t.rows[0].number == 5);
}

// Regression (found in b6f910d): the header was taken only from row 1 and the separator
// counted on the first physical line, so "\na;b\n1;2\n" was reported as "the file is empty"
// and, once the header was found, read with ',' (header {"a;b"}).
TEST_CASE("csv: the separator is detected on the header line even after blank lines") {
    const Csv csv("\na;b\n1;2\n");
    CHECK(csv.error() == "");
    if (csv.error().empty()) {
        const CsvTable t = csv.read();
        CHECK(t.header == Fields{"a", "b"});
        CHECK(t.header_row == 2);
        REQUIRE(t.rows.size() == 1);
        CHECK(t.rows[0].fields == Fields{"1", "2"});
        CHECK(t.rows[0].number == 3);
    }
}
