#pragma once
// Local passwords and the server's secrets: Argon2id hashes and random tokens from libsodium.
// Nothing here is hand-made cryptography; these are thin, named wrappers so the rest of the
// web layer never touches libsodium's C API.

#include <string>
#include <string_view>

namespace tilsyn {

/// What a new password must be: 12 to 256 characters (bytes of UTF-8). Returns the problem in
/// Danish, or an empty string when the password is acceptable.
std::string password_problem(std::string_view password);

/// An Argon2id hash in libsodium's self-describing "$argon2id$v=19$m=...,t=...,p=...$..." form,
/// at libsodium's "interactive" limits (64 MiB, 2 passes; above OWASP's minimum for Argon2id):
/// costly to attack from a stolen login store, yet a login takes a fraction of a second and a
/// burst of them does not exhaust the server's memory.
std::string hash_password(std::string_view password);

/// Whether `password` matches `hash` (made by hash_password). Constant-time in libsodium.
bool password_matches(std::string_view hash, std::string_view password);

/// 256 random bits from the operating system's generator, as 64 lowercase hex digits: session
/// ids, CSRF tokens and calendar addresses.
std::string random_token();

/// The SHA-256 of a token, hex: what the login store keeps, so that a copy of the store does
/// not hand out working sessions or calendar addresses.
std::string token_digest(std::string_view token);

/// Compares two strings in time independent of where they differ (CSRF tokens).
bool same_secret(std::string_view a, std::string_view b);

}  // namespace tilsyn
