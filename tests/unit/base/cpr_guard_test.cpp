// Unit tests for src/base/cpr_guard.{h,cpp}: find_cpr recognises Danish CPR numbers written
// DD MM YY SSSS with or without separators between the groups, only when the date part is a
// real date and the number is not part of a longer run of digits; refuse_cpr turns a find into
// an InputError that names the field but never repeats the number. tests/cpr/ holds the
// corpus of spellings and traps (cpr_corpus_test.cpp).

#include <doctest/doctest.h>

#include "base/cpr_guard.h"
#include "base/error.h"

#include <optional>
#include <string>
#include <string_view>

namespace {

using tilsyn::find_cpr;

/// The message refuse_cpr throws for `text`, or "" when it does not throw.
std::string refusal(std::string_view text, const std::string& field = "--note") {
    try {
        tilsyn::refuse_cpr(text, field);
    } catch (const tilsyn::InputError& e) {
        return e.what();
    }
    return {};
}

}  // namespace

TEST_CASE("cpr: the three written shapes are found and returned as written") {
    CHECK(find_cpr("010190-1234") == std::optional<std::string>("010190-1234"));
    CHECK(find_cpr("010190 1234") == std::optional<std::string>("010190 1234"));
    CHECK(find_cpr("0101901234") == std::optional<std::string>("0101901234"));
    CHECK(find_cpr("311299-0001") == std::optional<std::string>("311299-0001"));
    CHECK(find_cpr("150385 9999") == std::optional<std::string>("150385 9999"));
    CHECK(find_cpr("0000000000") == std::nullopt);  // day 00
}

TEST_CASE("cpr: a number embedded in text is found, at the start, middle and end") {
    CHECK(find_cpr("010190-1234 ringede") == std::optional<std::string>("010190-1234"));
    CHECK(find_cpr("Borger med cpr 010190-1234 klagede over afgørelsen") ==
          std::optional<std::string>("010190-1234"));
    CHECK(find_cpr("Borgeren (cpr.nr. 0101901234).") == std::optional<std::string>("0101901234"));
    CHECK(find_cpr("se cpr: 010190 1234") == std::optional<std::string>("010190 1234"));
    CHECK(find_cpr("Sag om Søren Ærø, født 241275-4321, Ålborg") ==
          std::optional<std::string>("241275-4321"));
    // Letters and punctuation are not digits: they do not make the run longer.
    CHECK(find_cpr("x0101901234y") == std::optional<std::string>("0101901234"));
    CHECK(find_cpr("cpr=010190-1234;") == std::optional<std::string>("010190-1234"));
    CHECK(find_cpr("(010190-1234)") == std::optional<std::string>("010190-1234"));
    CHECK(find_cpr("linje 1\n010190-1234\nlinje 3") == std::optional<std::string>("010190-1234"));
}

TEST_CASE("cpr: the first of several numbers is returned") {
    CHECK(find_cpr("020290-2222 og 010190-1111") == std::optional<std::string>("020290-2222"));
    // An impossible date first does not hide a real number after it.
    CHECK(find_cpr("320190-1234 og 010190-1234") == std::optional<std::string>("010190-1234"));
    CHECK(find_cpr("2027-004512 og 010190-1234") == std::optional<std::string>("010190-1234"));
}

TEST_CASE("cpr: the day must exist in the month") {
    struct Case {
        const char* ddmmyy;
        bool valid;
    };
    const Case cases[] = {
        {"010190", true},  {"310190", true},  {"320190", false}, {"000190", false},
        {"280290", true},  {"290290", false}, {"300290", false}, {"310290", false},
        {"310390", true},  {"300490", true},  {"310490", false}, {"310590", true},
        {"300690", true},  {"310690", false}, {"310790", true},  {"310890", true},
        {"300990", true},  {"310990", false}, {"311090", true},  {"301190", true},
        {"311190", false}, {"311290", true},  {"321290", false}, {"990190", false},
    };
    for (const Case& c : cases) {
        for (const char* sep : {"-", " ", ""}) {
            const std::string text = std::string(c.ddmmyy) + sep + "1234";
            INFO("text: '" << text << "'");
            CHECK(find_cpr(text).has_value() == c.valid);
        }
    }
}

TEST_CASE("cpr: the month must be 01-12") {
    for (const char* text : {"010090-1234", "011390-1234", "011490-1234", "019990-1234",
                             "0100901234", "0113901234", "011390 1234"}) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(find_cpr(text).has_value());
    }
    for (const char* text : {"010190-1234", "011290-1234", "151090-1234"}) {
        INFO("text: '" << text << "'");
        CHECK(find_cpr(text).has_value());
    }
}

TEST_CASE("cpr: 29 February counts exactly when YY is divisible by 4") {
    for (int yy = 0; yy < 100; ++yy) {
        std::string text = "2902";
        text += static_cast<char>('0' + yy / 10);
        text += static_cast<char>('0' + yy % 10);
        text += "-1234";
        INFO("text: '" << text << "'");
        CHECK(find_cpr(text).has_value() == (yy % 4 == 0));
    }
    // 00 counts: the century is not written, and 2000 was a leap year.
    CHECK(find_cpr("2902001234").has_value());
    CHECK(find_cpr("290200 1234").has_value());
    CHECK_FALSE(find_cpr("290201-1234").has_value());
    CHECK_FALSE(find_cpr("290299-1234").has_value());
    CHECK(find_cpr("290296-1234").has_value());
    CHECK(find_cpr("280201-1234").has_value());  // 28 February every year
}

TEST_CASE("cpr: digits adjacent on either side make it part of a longer number") {
    for (const char* text : {
             "10101901234",     // a digit before DDMMYYSSSS
             "01019012345",     // a digit after DDMMYYSSSS
             "9010190-1234",    // a digit before DDMMYY-SSSS
             "010190-12345",    // a digit after DDMMYY-SSSS
             "010190 12345",    // a digit after DDMMYY SSSS
             "5010190 1234",    // a digit before DDMMYY SSSS
             "20270101901234",  // inside a long run
             "sag 123010190123456 lukket",
             "tlf. 150327 12345678",  // a date followed by a phone number
         }) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(find_cpr(text).has_value());
    }
}

TEST_CASE("cpr: any separator run of up to three characters between the groups counts") {
    for (const char* text : {
             "010190--1234",
             "010190  1234",
             "010190/1234",
             "010190.1234",
             "010190_1234",
             "010190\t1234",
             "010190\n1234",
             "01 01 90 1234",
             "01-01-90-1234",
             "0101-901234",
             "010190 - 1234",
         }) {
        INFO("text: '" << text << "'");
        CHECK(find_cpr(text) == std::optional<std::string>(text));
    }
}

TEST_CASE("cpr: more separators, letters and incomplete groups do not match") {
    for (const char* text : {
             "010190 -  1234",
             "010190-123",
             "010190 123",
             "010190123",
             "010190-123a",
             "010190-12a4",
             "01019-01234",
             "0-10190-1234",
             "01O190-1234",
         }) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(find_cpr(text).has_value());
    }
}

TEST_CASE("cpr: case numbers, phone numbers, dates and amounts are not CPR numbers") {
    for (const char* text : {
             "2027-004512",
             "sag 2027-004512",
             "Sagsnr. 2027-004512, journal 27.15.00-A26-1-27",
             "2027-0045120",
             "KL-nr. 32.18.04-P20",
             "12345678",
             "+45 12 34 56 78",
             "+4512345678",
             "0045 12345678",
             "tlf 20 30 40 50",
             "2027-03-15",
             "15-03-2027",
             "15.03.27",
             "15/3-2027 kl. 10.30",
             "12.500,50 kr.",
             "1234567890",  // 12/34: no month 34
             "9912311234",  // 99/12: no day 99
             "Uge 11, 2027: 3 af 10 sager (30,0 %)",
             "",
             "0101901",
             "010190-",
         }) {
        INFO("text: '" << text << "'");
        CHECK_FALSE(find_cpr(text).has_value());
        CHECK(refusal(text).empty());
    }
}

TEST_CASE("cpr: refuse_cpr lets clean text through") {
    CHECK_NOTHROW(tilsyn::refuse_cpr("", "--note"));
    CHECK_NOTHROW(tilsyn::refuse_cpr("Manglende partshøring i sag 2027-004512", "--note"));
    CHECK_NOTHROW(tilsyn::refuse_cpr("2027-004512", "--case"));
}

TEST_CASE("cpr: refuse_cpr names the field, shape and position but not the number") {
    const std::string message = refusal("Borger 010190-1234 klagede", "--description");
    REQUIRE_FALSE(message.empty());
    CHECK(message.starts_with("--description: the text contains what looks like a CPR number ("));
    CHECK(message.find("11 characters at position 8") != std::string::npos);
    CHECK(message.find("010190") == std::string::npos);
    CHECK(message.find("1234") == std::string::npos);

    const std::string plain = refusal("0101901234", "case_ref");
    CHECK(plain.starts_with("case_ref: the text contains what looks like a CPR number ("));
    CHECK(plain.find("10 characters at position 1") != std::string::npos);
    CHECK(plain.find("0101901234") == std::string::npos);

    // The error is an InputError (exit status 2: nothing was written).
    try {
        tilsyn::refuse_cpr("010190 1234", "--note");
        FAIL("refuse_cpr did not throw");
    } catch (const tilsyn::InputError& e) {
        CHECK(e.code() == tilsyn::ExitCode::bad_input);
    }
}

// Regression (found in b6f910d): refuse_cpr located the number with text.find(*found), the
// first occurrence of the matched characters anywhere, which can lie inside an earlier,
// longer digit run that find_cpr rightly skipped: "position 2" here instead of 16.
TEST_CASE("cpr: refuse_cpr reports the position of the match, not of an earlier longer number") {
    const std::string text = "10101901234 og 0101901234";
    REQUIRE(find_cpr(text) == std::optional<std::string>("0101901234"));
    const std::string message = refusal(text, "--note");
    INFO("message: " << message);
    CHECK(message.find("10 characters at position 16") != std::string::npos);
}

TEST_CASE("cpr: separators pasted from a word processor count as a dash or a space") {
    CHECK(find_cpr("borger 010190\xC2\xA0"
                   "1234 ringede") == std::optional<std::string>("010190\xC2\xA0"
                                                                 "1234"));
    CHECK(find_cpr("010190\xE2\x80\x91"
                   "1234") == std::optional<std::string>("010190\xE2\x80\x91"
                                                         "1234"));
    CHECK(find_cpr("010190\xE2\x80\x93"
                   "1234") == std::optional<std::string>("010190\xE2\x80\x93"
                                                         "1234"));
    // Every dash is a dash (here an em dash); the date part still has to be a real date.
    CHECK(find_cpr("010190\xE2\x80\x94"
                   "1234")
              .has_value());  // em dash
    CHECK_FALSE(find_cpr("320190\xC2\xA0"
                         "1234")
                    .has_value());
}
