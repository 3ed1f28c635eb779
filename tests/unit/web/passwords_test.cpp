#include "web/passwords.h"

#include <doctest/doctest.h>

#include <set>

using namespace tilsyn;

TEST_CASE("a password hash is Argon2id, salted, and matches only its password") {
    const std::string hash = hash_password("korrekt hest batteri");
    CHECK(hash.starts_with("$argon2id$"));
    CHECK(password_matches(hash, "korrekt hest batteri"));
    CHECK_FALSE(password_matches(hash, "korrekt hest batterI"));
    CHECK_FALSE(password_matches(hash, ""));
    // A fresh salt each time: two users with the same password get different hashes.
    CHECK(hash_password("korrekt hest batteri") != hash);
    CHECK_FALSE(password_matches("not a hash", "korrekt hest batteri"));
}

TEST_CASE("new passwords must be long enough and printable") {
    CHECK(password_problem("kort").find("mindst 12") != std::string::npos);
    CHECK(password_problem(std::string(257, 'a')).find("højst være 256") != std::string::npos);
    CHECK(password_problem("tolv tegn\tmed tab").find("kontroltegn") != std::string::npos);
    CHECK(password_problem("tolv tegn ær fine").empty());
}

TEST_CASE("tokens are 256 random bits in hex, stored only as their digest") {
    std::set<std::string> seen;
    for (int i = 0; i < 100; ++i) {
        const std::string t = random_token();
        CHECK(t.size() == 64);
        CHECK(t.find_first_not_of("0123456789abcdef") == std::string::npos);
        seen.insert(t);
    }
    CHECK(seen.size() == 100);
    const std::string t = random_token();
    CHECK(token_digest(t) != t);
    CHECK(token_digest(t) == token_digest(t));
    CHECK(same_secret(t, t));
    CHECK_FALSE(same_secret(t, t.substr(0, 63) + (t.back() == '0' ? "1" : "0")));
    CHECK_FALSE(same_secret(t, t.substr(0, 32)));
    CHECK_FALSE(same_secret("", t));
}
