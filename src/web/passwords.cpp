#include "web/passwords.h"

#include "base/error.h"
#include "base/sha256.h"

#include <sodium.h>

#include <array>

namespace tilsyn {

namespace {

void require_sodium() {
    // sodium_init is idempotent and thread-safe; it returns -1 only when it cannot get
    // randomness from the system, when no secret here could be made.
    static const bool ready = sodium_init() >= 0;
    if (!ready) throw Error("libsodium could not be initialised", ExitCode::internal);
}

}  // namespace

std::string password_problem(std::string_view password) {
    if (password.size() < 12) return "Adgangskoden skal være mindst 12 tegn.";
    if (password.size() > 256) return "Adgangskoden må højst være 256 tegn.";
    for (unsigned char c : password)
        if (c < 0x20 || c == 0x7f) return "Adgangskoden må ikke indeholde kontroltegn.";
    return {};
}

std::string hash_password(std::string_view password) {
    require_sodium();
    std::array<char, crypto_pwhash_STRBYTES> out{};
    if (crypto_pwhash_str_alg(
            out.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
            crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
        throw Error("hashing the password ran out of memory", ExitCode::internal);
    return out.data();
}

bool password_matches(std::string_view hash, std::string_view password) {
    require_sodium();
    const std::string terminated(hash);  // libsodium reads a NUL-terminated string
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

std::string random_token() {
    require_sodium();
    std::array<unsigned char, 32> bytes{};
    randombytes_buf(bytes.data(), bytes.size());
    std::array<char, 2 * 32 + 1> hex{};
    sodium_bin2hex(hex.data(), hex.size(), bytes.data(), bytes.size());
    return hex.data();
}

std::string token_digest(std::string_view token) {
    return sha256_hex(token);
}

bool same_secret(std::string_view a, std::string_view b) {
    require_sodium();
    return a.size() == b.size() && sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace tilsyn
