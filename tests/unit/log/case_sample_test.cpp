// Unit tests for src/log/case_list.{h,cpp} and src/log/case_sample.{h,cpp}: reading a case list
// (header, columns, blanks, CPR, duplicates, the SHA-256 of the bytes) and drawing a sample from it
// (pinned output, independence of the list's order, prefixes, uniformity).

#include <doctest/doctest.h>

#include "base/error.h"
#include "base/sha256.h"
#include "log/case_list.h"
#include "log/case_sample.h"
#include "test_support.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace {

using namespace tilsyn;
using tilsyn::test::TempDir;

std::string write(const TempDir& dir, const std::string& name, const std::string& bytes) {
    const std::string path = (dir.path / name).string();
    std::ofstream(path, std::ios::binary) << bytes;
    return path;
}

std::string error_of(const std::string& path) {
    try {
        (void)read_case_list(path);
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

CaseList list_of(int count) {
    CaseList list;
    list.file = "cases.csv";
    for (int i = 0; i < count; ++i)
        list.cases.push_back({"2027-" + std::to_string(100'000 + i), i + 2});
    return list;
}

std::vector<std::string> refs(const std::vector<DrawnCase>& drawn) {
    std::vector<std::string> out;
    for (const DrawnCase& c : drawn) out.push_back(c.ref);
    return out;
}

}  // namespace

TEST_CASE("case list: the named column, BOM, semicolons, blanks and the SHA-256 of the bytes") {
    TempDir dir("tilsyn-cases");
    const std::string bytes =
        "\xEF\xBB\xBFnavn;Sagsnummer\r\nA; 2027-004512 \r\n\r\nB;2027-004549\r\nC;\r\n";
    const std::string path = write(dir, "cases.csv", bytes);
    const CaseList list = read_case_list(path);
    REQUIRE(list.cases.size() == 2);
    CHECK(list.cases[0].ref == "2027-004512");
    CHECK(list.cases[0].row == 2);
    CHECK(list.cases[1].ref == "2027-004549");
    CHECK(list.cases[1].row == 4);
    CHECK(list.sha256 == sha256_hex(bytes));
}

TEST_CASE("case list: without a named column the first column is used") {
    TempDir dir("tilsyn-cases");
    const CaseList list =
        read_case_list(write(dir, "c.csv", "Sagsnr.,Afdeling\n2027-000001,A\n2027-000002,B\n"));
    CHECK(list.cases.size() == 2);
    CHECK(list.cases[1].ref == "2027-000002");
}

TEST_CASE("case list: bad lists are refused with the file and the row") {
    TempDir dir("tilsyn-cases");
    CHECK(error_of(write(dir, "empty.csv", "")) ==
          dir.path.string() + "/empty.csv: the case list is empty");
    CHECK(error_of(write(dir, "blank.csv", "\n \n")) ==
          dir.path.string() + "/blank.csv: the case list is empty");
    CHECK(error_of(write(dir, "header.csv", "sagsnummer\n\n")) ==
          dir.path.string() +
              "/header.csv: the case list is empty: no case numbers below the header (row 1)");
    CHECK(error_of(write(dir, "dup.csv", "case\n2027-1\n2027-2\n2027-1\n")) ==
          dir.path.string() +
              "/dup.csv: row 4: case number 2027-1 is already on row 2; each case may be listed "
              "once");
    CHECK(error_of(write(dir, "nohead.csv", "2027-1\n2027-2\n"))
              .find("row 1: \"2027-1\" looks like a case number") != std::string::npos);
    CHECK(error_of(dir.path.string() + "/nonexistent.csv") ==
          dir.path.string() + "/nonexistent.csv: no such file");
}

TEST_CASE("case list: a CPR number in any cell is refused, naming the row, never the number") {
    TempDir dir("tilsyn-cases");
    const std::string in_case = error_of(write(dir, "a.csv", "sagsnummer\n2027-1\n010190-1234\n"));
    CHECK(in_case == dir.path.string() +
                         "/a.csv: row 3: column 1: the text contains what looks like a CPR number "
                         "(11 characters at position 1); CPR numbers must never be stored");
    const std::string in_other =
        error_of(write(dir, "b.csv", "sagsnummer;cpr\n2027-1;0101901234\n"));
    CHECK(in_other.find("/b.csv: row 2: column 2 (cpr): the text contains what looks like a CPR "
                        "number") != std::string::npos);
    CHECK(in_case.find("010190") == std::string::npos);
    CHECK(in_other.find("0101901234") == std::string::npos);
}

TEST_CASE("sample: the key is SHA-256 of the documented input") {
    CHECK(sample_key("s", "c") == sha256_hex("tilsyn-sample-1\ns\nc"));
    CHECK(default_seed("jc-sygedagpenge", "2027-M03") == "jc-sygedagpenge/2027-M03");
}

TEST_CASE("sample: a fixed, known drawing (computed independently with Python's hashlib)") {
    CaseList list;
    list.file = "cases.csv";
    for (const char* c :
         {"2027-004512", "2027-004549", "2027-004586", "2027-004623", "2027-004660"})
        list.cases.push_back({c, 0});
    CHECK(refs(draw_sample(list, "bc-sygedagpenge/2027-M03", 3)) ==
          std::vector<std::string>{"2027-004660", "2027-004586", "2027-004623"});
}

TEST_CASE(
    "sample: the list's order does not matter, and a smaller sample is a prefix of a larger") {
    CaseList list = list_of(50);
    const auto all = refs(draw_sample(list, "seed", 50));
    CaseList reversed = list;
    std::reverse(reversed.cases.begin(), reversed.cases.end());
    CHECK(refs(draw_sample(reversed, "seed", 50)) == all);
    const auto ten = refs(draw_sample(list, "seed", 10));
    CHECK(std::equal(ten.begin(), ten.end(), all.begin()));
    CHECK(refs(draw_sample(list, "another seed", 10)) != ten);
    // n = population: every case, once, in key order.
    auto sorted_all = all;
    std::sort(sorted_all.begin(), sorted_all.end());
    std::vector<std::string> listed;
    for (const ListedCase& c : list.cases) listed.push_back(c.ref);
    std::sort(listed.begin(), listed.end());
    CHECK(sorted_all == listed);
}

TEST_CASE("sample: sizes above the list or below 1 are refused, naming both numbers") {
    const CaseList list = list_of(5);
    try {
        (void)draw_sample(list, "s", 6);
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()) ==
              "cases.csv: the sample size 6 is larger than the 5 cases in the list; a sample "
              "cannot be larger "
              "than the list it is drawn from");
    }
    CHECK_THROWS_AS((void)draw_sample(list, "s", 0), InputError);
}

TEST_CASE("sample: every case is about equally likely over many seeds") {
    // 20 cases, 5 drawn, 4000 seeds: each case is expected 1000 times (sd about 27); a bound of
    // +-15 % is loose enough never to fail by chance and tight enough to catch a biased key.
    const CaseList list = list_of(20);
    std::map<std::string, int> drawn;
    for (int seed = 0; seed < 4000; ++seed)
        for (const DrawnCase& c : draw_sample(list, "seed-" + std::to_string(seed), 5))
            ++drawn[c.ref];
    REQUIRE(drawn.size() == 20);
    for (const auto& entry : drawn) {
        const std::string& ref = entry.first;
        const int times = entry.second;
        INFO(ref);
        CHECK(times > 850);
        CHECK(times < 1150);
    }
}

TEST_CASE("sample: differences between a logged sample and a drawing") {
    const std::vector<DrawnCase> drawn{{"a", "", 0}, {"b", "", 0}};
    CHECK(sample_differences({"a", "b"}, drawn).empty());
    CHECK(sample_differences({"b", "a"}, drawn) ==
          std::vector<std::string>{"the same cases, but logged in another order than drawn"});
    CHECK(sample_differences({"a", "c"}, drawn) ==
          std::vector<std::string>{"logged as reviewed, but not drawn by the seed: c",
                                   "drawn by the seed, but not logged as reviewed: b"});
}
