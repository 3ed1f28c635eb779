// Unit tests for html_hyphenated: soft hyphens only in long words, at Danish syllable breaks,
// and the text escaped as html_escape does.

#include <doctest/doctest.h>

#include "report/hyphenation.h"

TEST_CASE("html_hyphenated: long words get soft hyphens by the Danish rule") {
    CHECK(tilsyn::html_hyphenated("Uddannelseshjælpsmodtagere") ==
          "Uddan&shy;nel&shy;ses&shy;hjælps&shy;mod&shy;ta&shy;gere");
    // A stop before r opens a syllable: the compound is cut between its parts.
    CHECK(tilsyn::html_hyphenated("Tilbagebetalingskrav") ==
          "Til&shy;ba&shy;ge&shy;be&shy;ta&shy;lings&shy;krav");
    CHECK(tilsyn::html_hyphenated("SELVFORSØRGELSESYDELSE") ==
          "SELV&shy;FOR&shy;SØR&shy;GEL&shy;SE&shy;SY&shy;DELSE");
}

TEST_CASE("html_hyphenated: short words, numbers and ids are left alone") {
    CHECK(tilsyn::html_hyphenated("Forsikrede ledige (dagpengemodtagere)") ==
          "Forsikrede ledige (dag&shy;pen&shy;ge&shy;mod&shy;ta&shy;gere)");
    CHECK(tilsyn::html_hyphenated("LAS § 27 og 27a") == "LAS § 27 og 27a");
    CHECK(tilsyn::html_hyphenated("2027-004512") == "2027-004512");
    CHECK(tilsyn::html_hyphenated("") == "");
    // Three letters at least on each side: no break in the first or last two letters.
    CHECK(tilsyn::html_hyphenated("abababababab") == "aba&shy;ba&shy;ba&shy;ba&shy;bab");
}

TEST_CASE("html_hyphenated: escapes markup as html_escape does, also next to a break") {
    CHECK(tilsyn::html_hyphenated("<Sygedagpengemodtagere & \"co\">") ==
          "&lt;Syge&shy;dag&shy;pen&shy;ge&shy;mod&shy;ta&shy;gere &amp; &quot;co&quot;&gt;");
}
