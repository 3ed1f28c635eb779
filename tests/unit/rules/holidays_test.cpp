// Unit tests for src/rules/holidays.{h,cpp}: Danish public holidays and Easter.
//
// The main check compares danish_public_holidays() against an independent reference table,
// tests/data/dk_public_holidays_2000_2035.tsv (generated from Debian's python3-holidays with
// documented corrections and cross-checked Easter dates; see tests/data/make_dk_holidays.py).

#include <doctest/doctest.h>

#include "rules/holidays.h"

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <exception>
#include <fstream>
#include <iomanip>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#ifndef TILSYN_TEST_DATA_DIR
#error "TILSYN_TEST_DATA_DIR must be defined (string literal: path of tests/data)"
#endif

namespace {

namespace bg = boost::gregorian;

constexpr const char* kTablePath = TILSYN_TEST_DATA_DIR "/dk_public_holidays_2000_2035.tsv";
constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2035;

std::string iso(const bg::date& d) {
    std::ostringstream os;
    os << std::setfill('0') << std::setw(4) << static_cast<int>(d.year()) << '-' << std::setw(2)
       << static_cast<int>(d.month()) << '-' << std::setw(2) << static_cast<int>(d.day());
    return os.str();
}

struct Row {
    std::string date;  // YYYY-MM-DD exactly as in the table
    std::string name;
};

bool parse_int(std::string_view s, int& out) {
    const auto* first = s.data();
    const auto* last = s.data() + s.size();
    const auto [ptr, ec] = std::from_chars(first, last, out);
    return ec == std::errc{} && ptr == last;
}

// Validates "YYYY-MM-DD" and returns the year, or -1 if malformed or not a real date.
int year_of_iso_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return -1;
    int y = 0;
    int m = 0;
    int d = 0;
    if (!parse_int(s.substr(0, 4), y) || !parse_int(s.substr(5, 2), m) ||
        !parse_int(s.substr(8, 2), d))
        return -1;
    try {
        const bg::date date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                            static_cast<unsigned short>(d));
        if (iso(date) != s) return -1;
    } catch (const std::exception&) {
        return -1;
    }
    return y;
}

// Reads the reference table, grouped by year (table order preserved). Fails the test on any
// malformed line.
std::map<int, std::vector<Row>> load_reference_table() {
    std::ifstream in(kTablePath, std::ios::binary);
    INFO("reference table: " << kTablePath);
    REQUIRE(in.good());

    std::map<int, std::vector<Row>> by_year;
    std::string line;
    int lineno = 0;
    while (std::getline(in, line)) {
        ++lineno;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line.front() == '#') continue;
        INFO("line " << lineno << ": " << line);
        const auto tab = line.find('\t');
        REQUIRE(tab != std::string::npos);
        Row row{line.substr(0, tab), line.substr(tab + 1)};
        const int year = year_of_iso_date(row.date);
        REQUIRE(year != -1);
        REQUIRE_FALSE(row.name.empty());
        REQUIRE(row.name.find('\t') == std::string::npos);
        by_year[year].push_back(std::move(row));
    }
    return by_year;
}

bg::date ymd(int y, int m, int d) {
    return bg::date(static_cast<unsigned short>(y), static_cast<unsigned short>(m),
                    static_cast<unsigned short>(d));
}

bool has_name(const std::vector<tilsyn::Holiday>& hs, const std::string& name) {
    for (const auto& h : hs)
        if (h.name == name) return true;
    return false;
}

bool has_date(const std::vector<tilsyn::Holiday>& hs, const bg::date& d) {
    for (const auto& h : hs)
        if (h.date == d) return true;
    return false;
}

}  // namespace

TEST_CASE("holidays: reference table is well-formed and covers 2000-2035") {
    const auto table = load_reference_table();
    REQUIRE(table.size() == static_cast<std::size_t>(kLastYear - kFirstYear + 1));
    CHECK(table.begin()->first == kFirstYear);
    CHECK(table.rbegin()->first == kLastYear);

    std::size_t total = 0;
    std::string previous;
    for (const auto& entry : table) {
        const int year = entry.first;
        const auto& rows = entry.second;
        INFO("year " << year);
        CHECK(rows.size() == (year <= 2023 ? 11U : 10U));
        for (const auto& row : rows) {
            CHECK(row.date > previous);  // ISO dates: string order == date order
            previous = row.date;
        }
        total += rows.size();
    }
    CHECK(total == 24U * 11U + 12U * 10U);
}

TEST_CASE("holidays: danish_public_holidays matches the independent reference table") {
    const auto table = load_reference_table();
    for (int year = kFirstYear; year <= kLastYear; ++year) {
        INFO("year " << year);
        const auto it = table.find(year);
        REQUIRE(it != table.end());
        const auto& expected = it->second;
        const auto actual = tilsyn::danish_public_holidays(year);
        CHECK(actual.size() == expected.size());
        const std::size_t n = std::min(actual.size(), expected.size());
        for (std::size_t i = 0; i < n; ++i) {
            INFO("entry " << i << ": expected " << expected[i].date << " " << expected[i].name
                          << ", got " << iso(actual[i].date) << " " << actual[i].name);
            CHECK(iso(actual[i].date) == expected[i].date);
            CHECK(actual[i].name == expected[i].name);
        }
    }
}

TEST_CASE("holidays: Store bededag is a holiday in 2023 but abolished from 2024") {
    const auto h2023 = tilsyn::danish_public_holidays(2023);
    bool found = false;
    for (const auto& h : h2023) {
        if (h.name == "Store bededag") {
            found = true;
            CHECK(h.date == ymd(2023, 5, 5));
            CHECK(h.date.day_of_week() == boost::date_time::Friday);
        }
    }
    CHECK(found);

    const auto h2024 = tilsyn::danish_public_holidays(2024);
    CHECK_FALSE(has_name(h2024, "Store bededag"));
    CHECK_FALSE(has_date(h2024, ymd(2024, 4, 26)));  // would have been Easter (31 March) + 26

    for (int year = 2024; year <= 2100; ++year) {
        INFO("year " << year);
        CHECK_FALSE(has_name(tilsyn::danish_public_holidays(year), "Store bededag"));
    }
    for (int year = 1900; year <= 2023; ++year) {
        INFO("year " << year);
        CHECK(has_name(tilsyn::danish_public_holidays(year), "Store bededag"));
    }
}

TEST_CASE("holidays: easter_sunday for well-known years") {
    struct Case {
        int year;
        int month;
        int day;
    };
    const Case cases[] = {
        {1818, 3, 22},  // earliest possible date (previous occurrence)
        {1943, 4, 25},  // latest possible date
        {1961, 4, 2},  {2000, 4, 23}, {2008, 3, 23},  // second-earliest possible date
        {2011, 4, 24}, {2019, 4, 21}, {2023, 4, 9},
        {2024, 3, 31}, {2025, 4, 20}, {2038, 4, 25},  // latest possible date (next occurrence)
        {2285, 3, 22},                                // earliest possible date (next occurrence)
    };
    for (const auto& c : cases) {
        INFO("year " << c.year);
        CHECK(iso(tilsyn::easter_sunday(c.year)) == iso(ymd(c.year, c.month, c.day)));
    }
}

TEST_CASE("holidays: Easter is a Sunday between 22 March and 25 April, 1900-2200") {
    for (int year = 1900; year <= 2200; ++year) {
        INFO("year " << year);
        const bg::date e = tilsyn::easter_sunday(year);
        CHECK(static_cast<int>(e.year()) == year);
        CHECK(e.day_of_week() == boost::date_time::Sunday);
        CHECK(e >= ymd(year, 3, 22));
        CHECK(e <= ymd(year, 4, 25));
    }
}

TEST_CASE("holidays: list is sorted, unique and has 11 entries through 2023, 10 from 2024") {
    for (int year = 1900; year <= 2200; ++year) {
        INFO("year " << year);
        const auto hs = tilsyn::danish_public_holidays(year);
        CHECK(hs.size() == (year <= 2023 ? 11U : 10U));
        std::set<std::string> names;
        for (std::size_t i = 0; i < hs.size(); ++i) {
            CHECK(static_cast<int>(hs[i].date.year()) == year);
            if (i > 0) CHECK(hs[i - 1].date < hs[i].date);
            names.insert(hs[i].name);
        }
        CHECK(names.size() == hs.size());
        REQUIRE_FALSE(hs.empty());
        CHECK(hs.front().name == "Nytårsdag");
        CHECK(hs.front().date == ymd(year, 1, 1));
        CHECK(hs.back().name == "2. juledag");
        CHECK(hs.back().date == ymd(year, 12, 26));
    }
}
