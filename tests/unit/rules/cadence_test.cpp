// Unit tests for src/rules/cadence.{h,cpp}: parsing every accepted spelling, rejecting the rest
// with a useful message, and the calendar-aligned periods (start, end, slot code, Danish name).

#include <doctest/doctest.h>

#include "rules/cadence.h"
#include "test_support.h"

#include <cctype>
#include <set>
#include <string>
#include <string_view>

namespace {

using tilsyn::Cadence;
using tilsyn::Date;

using tilsyn::test::ymd;

// Every run of digits in a text, as numbers.
std::set<int> numbers_in(std::string_view s) {
    std::set<int> out;
    int n = -1;
    for (char c : s) {
        if (std::isdigit(static_cast<unsigned char>(c))) {
            n = (n < 0 ? 0 : n * 10) + (c - '0');
        } else if (n >= 0) {
            out.insert(n);
            n = -1;
        }
    }
    if (n >= 0) out.insert(n);
    return out;
}

const int all_months[] = {1, 2, 3, 4, 6, 12};

}  // namespace

TEST_CASE("cadence: parses every English and Danish spelling") {
    struct Case {
        std::string_view text;
        int months;
    };
    const Case cases[] = {
        {"monthly", 1},        {"månedligt", 1},      {"quarterly", 3},
        {"kvartalsvist", 3},   {"half-yearly", 6},    {"halvårligt", 6},
        {"yearly", 12},        {"årligt", 12},        {"every 1 month", 1},
        {"every 1 months", 1}, {"every 2 months", 2}, {"every 3 months", 3},
        {"every 4 months", 4}, {"every 6 months", 6}, {"every 12 months", 12},
        {"hver 1. måned", 1},  {"hver 2. måned", 2},  {"hver 3. måned", 3},
        {"hver 4. måned", 4},  {"hver 6. måned", 6},  {"hver 12. måned", 12},
    };
    for (const auto& c : cases) {
        INFO("text: " << c.text);
        std::string why = "untouched";
        const auto parsed = Cadence::parse(c.text, &why);
        REQUIRE(parsed.has_value());
        CHECK(parsed->months() == c.months);
        CHECK(*parsed == Cadence::every(c.months));
        // Parsing without a message sink gives the same answer.
        CHECK(Cadence::parse(c.text) == parsed);
    }
}

TEST_CASE("cadence: token and danish round-trip through parse") {
    for (int m : all_months) {
        const Cadence c = Cadence::every(m);
        INFO("months: " << m << ", token: " << c.token() << ", danish: " << c.danish());
        CHECK(Cadence::parse(c.token()) == c);
        CHECK(Cadence::parse(c.danish()) == c);
    }
    CHECK(Cadence::every(1).token() == "monthly");
    CHECK(Cadence::every(3).token() == "quarterly");
    CHECK(Cadence::every(6).token() == "half-yearly");
    CHECK(Cadence::every(12).token() == "yearly");
    CHECK(Cadence::every(2).token() == "every 2 months");
    CHECK(Cadence::every(1).danish() == "månedligt");
    CHECK(Cadence::every(3).danish() == "kvartalsvist");
    CHECK(Cadence::every(6).danish() == "halvårligt");
    CHECK(Cadence::every(12).danish() == "årligt");
}

TEST_CASE(
    "cadence: every N months where N does not divide the year is rejected naming 1,2,3,4,6,12") {
    for (std::string_view text :
         {"every 5 months", "every 7 months", "every 8 months", "every 9 months", "every 10 months",
          "every 11 months", "every 24 months", "every 0 months", "hver 5. måned",
          "hver 0. måned"}) {
        INFO("text: " << text);
        std::string why;
        CHECK_FALSE(Cadence::parse(text, &why).has_value());
        INFO("why: " << why);
        REQUIRE_FALSE(why.empty());
        const auto named = numbers_in(why);
        for (int m : all_months) {
            INFO("month count " << m << " must be named");
            CHECK(named.count(m) == 1);
        }
        CHECK_FALSE(Cadence::parse(text).has_value());  // no sink: still rejected, no crash
    }
}

TEST_CASE("cadence: unknown words are rejected with a message saying what is accepted") {
    for (std::string_view text : {"weekly",
                                  "daily",
                                  "biweekly",
                                  "ugentligt",
                                  "Monthly",
                                  "MONTHLY",
                                  "month",
                                  "every",
                                  "every months",
                                  "every two months",
                                  "every 2 weeks",
                                  "every 2",
                                  "every -2 months",
                                  "every 2.5 months",
                                  "hver 2 måned",
                                  "hver måned",
                                  "hver anden måned",
                                  "",
                                  " ",
                                  "monthly please",
                                  "quarterly!",
                                  "half yearly",
                                  "halvaarligt"}) {
        INFO("text: '" << text << "'");
        std::string why;
        CHECK_FALSE(Cadence::parse(text, &why).has_value());
        INFO("why: " << why);
        CHECK_FALSE(why.empty());
        CHECK(why.find("monthly") != std::string::npos);
        CHECK(why.find("quarterly") != std::string::npos);
    }
}

TEST_CASE("cadence: periods_per_year") {
    CHECK(Cadence::every(1).periods_per_year() == 12);
    CHECK(Cadence::every(2).periods_per_year() == 6);
    CHECK(Cadence::every(3).periods_per_year() == 4);
    CHECK(Cadence::every(4).periods_per_year() == 3);
    CHECK(Cadence::every(6).periods_per_year() == 2);
    CHECK(Cadence::every(12).periods_per_year() == 1);
}

TEST_CASE("cadence: monthly periods, February's end in leap and common years") {
    const Cadence c = Cadence::every(1);
    CHECK(c.period_start(2024, 1) == ymd(2024, 2, 1));
    CHECK(c.period_end(2024, 1) == ymd(2024, 2, 29));
    CHECK(c.period_end(2027, 1) == ymd(2027, 2, 28));
    CHECK(c.period_end(2000, 1) == ymd(2000, 2, 29));
    CHECK(c.period_end(2100, 1) == ymd(2100, 2, 28));
    CHECK(c.period_start(2027, 0) == ymd(2027, 1, 1));
    CHECK(c.period_end(2027, 0) == ymd(2027, 1, 31));
    CHECK(c.period_end(2027, 3) == ymd(2027, 4, 30));
    CHECK(c.period_start(2027, 11) == ymd(2027, 12, 1));
    CHECK(c.period_end(2027, 11) == ymd(2027, 12, 31));
}

TEST_CASE("cadence: every 2 months, quarterly, every 4 months, half-yearly and yearly periods") {
    const Cadence b = Cadence::every(2);
    CHECK(b.period_start(2024, 0) == ymd(2024, 1, 1));
    CHECK(b.period_end(2024, 0) == ymd(2024, 2, 29));
    CHECK(b.period_end(2027, 0) == ymd(2027, 2, 28));
    CHECK(b.period_start(2027, 1) == ymd(2027, 3, 1));
    CHECK(b.period_end(2027, 1) == ymd(2027, 4, 30));
    CHECK(b.period_start(2027, 5) == ymd(2027, 11, 1));
    CHECK(b.period_end(2027, 5) == ymd(2027, 12, 31));

    const Cadence q = Cadence::every(3);
    CHECK(q.period_start(2027, 0) == ymd(2027, 1, 1));
    CHECK(q.period_end(2027, 0) == ymd(2027, 3, 31));
    CHECK(q.period_start(2027, 1) == ymd(2027, 4, 1));
    CHECK(q.period_end(2027, 1) == ymd(2027, 6, 30));
    CHECK(q.period_start(2027, 2) == ymd(2027, 7, 1));
    CHECK(q.period_end(2027, 2) == ymd(2027, 9, 30));
    CHECK(q.period_start(2027, 3) == ymd(2027, 10, 1));
    CHECK(q.period_end(2027, 3) == ymd(2027, 12, 31));

    const Cadence t = Cadence::every(4);
    CHECK(t.period_start(2027, 0) == ymd(2027, 1, 1));
    CHECK(t.period_end(2027, 0) == ymd(2027, 4, 30));
    CHECK(t.period_start(2027, 1) == ymd(2027, 5, 1));
    CHECK(t.period_end(2027, 1) == ymd(2027, 8, 31));
    CHECK(t.period_start(2027, 2) == ymd(2027, 9, 1));
    CHECK(t.period_end(2027, 2) == ymd(2027, 12, 31));

    const Cadence h = Cadence::every(6);
    CHECK(h.period_start(2027, 0) == ymd(2027, 1, 1));
    CHECK(h.period_end(2027, 0) == ymd(2027, 6, 30));
    CHECK(h.period_start(2027, 1) == ymd(2027, 7, 1));
    CHECK(h.period_end(2027, 1) == ymd(2027, 12, 31));

    const Cadence y = Cadence::every(12);
    CHECK(y.period_start(2024, 0) == ymd(2024, 1, 1));
    CHECK(y.period_end(2024, 0) == ymd(2024, 12, 31));
}

TEST_CASE("cadence: periods tile the year without gaps or overlaps, and period_of_month agrees") {
    for (int year : {2024, 2027}) {
        for (int m : all_months) {
            const Cadence c = Cadence::every(m);
            INFO("year " << year << ", every " << m << " months");
            Date expected_start = ymd(year, 1, 1);
            for (int i = 0; i < c.periods_per_year(); ++i) {
                CHECK(c.period_start(year, i) == expected_start);
                CHECK(c.period_end(year, i) >= c.period_start(year, i));
                CHECK(c.period_start(year, i).day() == 1);
                // The end is the last day of a month.
                CHECK(c.period_end(year, i) == c.period_end(year, i).end_of_month());
                for (int month = c.period_start(year, i).month();
                     month <= c.period_end(year, i).month(); ++month)
                    CHECK(c.period_of_month(month) == i);
                expected_start = c.period_end(year, i) + boost::gregorian::days(1);
            }
            CHECK(expected_start == ymd(year + 1, 1, 1));
        }
    }
}

TEST_CASE("cadence: slot_code") {
    const Cadence monthly = Cadence::every(1);
    CHECK(monthly.slot_code(0) == "M01");
    CHECK(monthly.slot_code(2) == "M03");
    CHECK(monthly.slot_code(8) == "M09");
    CHECK(monthly.slot_code(9) == "M10");
    CHECK(monthly.slot_code(11) == "M12");
    CHECK(Cadence::every(2).slot_code(0) == "B1");
    CHECK(Cadence::every(2).slot_code(5) == "B6");
    CHECK(Cadence::every(3).slot_code(0) == "Q1");
    CHECK(Cadence::every(3).slot_code(3) == "Q4");
    CHECK(Cadence::every(4).slot_code(0) == "T1");
    CHECK(Cadence::every(4).slot_code(2) == "T3");
    CHECK(Cadence::every(6).slot_code(0) == "H1");
    CHECK(Cadence::every(6).slot_code(1) == "H2");
    CHECK(Cadence::every(12).slot_code(0) == "Y1");

    // Slot codes are unique across all cadences and slots (they are part of UIDs).
    std::set<std::string> codes;
    std::size_t total = 0;
    for (int m : all_months) {
        const Cadence c = Cadence::every(m);
        for (int i = 0; i < c.periods_per_year(); ++i) {
            codes.insert(c.slot_code(i));
            ++total;
        }
    }
    CHECK(total == 12 + 6 + 4 + 3 + 2 + 1);
    CHECK(codes.size() == total);
}

TEST_CASE("cadence: danish_period") {
    CHECK(Cadence::every(1).danish_period(2027, 0) == "januar 2027");
    CHECK(Cadence::every(1).danish_period(2027, 2) == "marts 2027");
    CHECK(Cadence::every(1).danish_period(2027, 11) == "december 2027");
    CHECK(Cadence::every(3).danish_period(2027, 0) == "1. kvartal 2027");
    CHECK(Cadence::every(3).danish_period(2027, 3) == "4. kvartal 2027");
    CHECK(Cadence::every(6).danish_period(2027, 0) == "1. halvår 2027");
    CHECK(Cadence::every(6).danish_period(2027, 1) == "2. halvår 2027");

    // Yearly and every-N-months periods: the year, and for N months the first and last month.
    CHECK(Cadence::every(12).danish_period(2027, 0).find("2027") != std::string::npos);
    const std::string b2 = Cadence::every(2).danish_period(2027, 1);
    INFO("every 2 months, slot 2: " << b2);
    CHECK(b2.find("marts") != std::string::npos);
    CHECK(b2.find("april") != std::string::npos);
    CHECK(b2.find("2027") != std::string::npos);
    const std::string t3 = Cadence::every(4).danish_period(2027, 2);
    INFO("every 4 months, slot 3: " << t3);
    CHECK(t3.find("september") != std::string::npos);
    CHECK(t3.find("december") != std::string::npos);
    CHECK(t3.find("2027") != std::string::npos);
}
