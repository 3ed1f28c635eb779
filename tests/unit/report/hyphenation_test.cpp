// Unit tests for html_hyphenated: soft hyphens only in long words, where the Danish patterns of
// hyphen-da allow a break, and the text escaped as html_escape does.

#include <doctest/doctest.h>

#include "report/hyphenation.h"

#include <string>

namespace {

// The word as a reader sees it broken everywhere: "-" for each soft hyphen.
std::string shown(const std::string& html) {
    std::string out;
    for (std::size_t i = 0; i < html.size();) {
        if (html.compare(i, 5, "&shy;") == 0) {
            out += '-';
            i += 5;
        } else {
            out += html[i++];
        }
    }
    return out;
}

}  // namespace

TEST_CASE("html_hyphenated: the Danish patterns are installed (hyphen-da)") {
    REQUIRE(tilsyn::Hyphenator(tilsyn::danish_hyphenation_patterns).loaded());
}

TEST_CASE("html_hyphenated: long words break where the Danish patterns allow") {
    CHECK(shown(tilsyn::html_hyphenated("Uddannelseshjælpsmodtagere")) ==
          "Uddan-nelses-hjælps-mod-tagere");
    CHECK(shown(tilsyn::html_hyphenated("Sygedagpengemodtagere")) == "Sygedag-pen-ge-mod-tagere");
    CHECK(shown(tilsyn::html_hyphenated("Ressourceforløb")) == "Ressour-ce-for-løb");
    CHECK(shown(tilsyn::html_hyphenated("Tilbagebetalingskrav")) == "Til-bage-be-ta-lings-krav");
    // Upper case is looked up in lower case and written as it was.
    CHECK(shown(tilsyn::html_hyphenated("SELVFORSØRGELSESYDELSE")) ==
          "SELV-FOR-SØR-GELSE-SY-DELSE");
}

TEST_CASE("html_hyphenated: tilskud breaks as til-skud, never as tils-kud") {
    // The hand-written rule this replaced cut "tils-kud".
    CHECK(shown(tilsyn::html_hyphenated("Tilskudsordninger")) == "Til-skud-s-ord-nin-ger");
    // hyphen-da's patterns cut this compound as "lønt-ilskuds" (not løn-til-skud), but at least
    // never inside "skud".
    const std::string lon = shown(tilsyn::html_hyphenated("Løntilskudsmodtagere"));
    CHECK(lon.find("s-kud") == std::string::npos);
    CHECK(lon.find("mod-tagere") != std::string::npos);
    // Ten letters: short enough for every column, so not hyphenated.
    CHECK(tilsyn::html_hyphenated("Løntilskud") == "Løntilskud");
}

TEST_CASE("html_hyphenated: short words, numbers, ids and foreign letters are left alone") {
    CHECK(tilsyn::html_hyphenated("Forsikrede ledige (dagpengemodtagere)") ==
          "Forsikrede ledige (dag&shy;pen&shy;ge&shy;mod&shy;tagere)");
    CHECK(tilsyn::html_hyphenated("LAS § 27 og 27a") == "LAS § 27 og 27a");
    CHECK(tilsyn::html_hyphenated("2027-004512") == "2027-004512");
    CHECK(tilsyn::html_hyphenated("") == "");
    // Three letters at least on each side of a break.
    CHECK(tilsyn::html_hyphenated("abababababab") == "aba&shy;ba&shy;ba&shy;ba&shy;bab");
    // A letter the Danish patterns cannot spell (ń is not in ISO8859-1): no break points.
    CHECK(tilsyn::html_hyphenated("Szczepańskiewiczowa") == "Szczepańskiewiczowa");
}

TEST_CASE("html_hyphenated: escapes markup as html_escape does, also next to a break") {
    CHECK(tilsyn::html_hyphenated("<Sygedagpengemodtagere & \"co\">") ==
          "&lt;Sygedag&shy;pen&shy;ge&shy;mod&shy;tagere &amp; &quot;co&quot;&gt;");
}

TEST_CASE("Hyphenator: without its patterns file it only escapes") {
    const tilsyn::Hyphenator missing("/nonexistent/hyph_da_DK.dic");
    CHECK_FALSE(missing.loaded());
    CHECK(missing.html("<Sygedagpengemodtagere & Uddannelseshjælpsmodtagere>") ==
          "&lt;Sygedagpengemodtagere &amp; Uddannelseshjælpsmodtagere&gt;");
}
