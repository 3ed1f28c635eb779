#pragma once
// The log's signing key: an Ed25519 key pair (OpenSSL 3) whose private half lives in a file of
// its own beside the database, readable only by the account that writes the log, and whose
// public half is itself an entry of the log (docs/log.md, "Signatures"). Every entry's hash is
// signed, so that whoever can write the database file but not read the key cannot add, change
// or re-chain an entry without `tilsyn verify` noticing.

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tilsyn {

/// What is signed for an entry: "tilsyn-sig-1\n" and the entry's hash.
std::string signed_message(std::string_view entry_hash);

/// A public key as the log keeps it: the 32 raw bytes in lower-case hex.
using PublicKey = std::string;

/// The key's short name in messages and listings: the first 16 hex digits of the SHA-256 of
/// its raw bytes.
std::string key_id(const PublicKey& key);

/// A public key made ready to check signatures with, once for many entries. One object may be
/// used from several threads at once.
class SignatureVerifier {
public:
    explicit SignatureVerifier(const PublicKey& key);
    SignatureVerifier(SignatureVerifier&&) noexcept;
    SignatureVerifier& operator=(SignatureVerifier&&) noexcept;
    ~SignatureVerifier();

    const PublicKey& key() const { return key_; }
    /// Whether `signature_hex` is the key's Ed25519 signature of `message`. False for a
    /// malformed key or signature.
    bool valid(std::string_view message, std::string_view signature_hex) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
    PublicKey key_;
};

/// SignatureVerifier(key).valid(message, signature_hex), for a single check.
bool signature_valid(const PublicKey& key, std::string_view message,
                     std::string_view signature_hex);

/// A public key in the PEM form `openssl pkey -pubout` writes, and back. from_pem returns
/// nullopt for anything that is not an Ed25519 public key.
std::string public_key_pem(const PublicKey& key);
std::optional<PublicKey> public_key_from_pem(std::string_view pem);

/// An Ed25519 private key.
class SigningKey {
public:
    static SigningKey generate();
    /// Reads a private key file (PEM, PKCS#8). Throws InputError naming `flag` when the file
    /// is not a regular file, can be read or written by other users than its owner, or holds
    /// no Ed25519 private key.
    static SigningKey load(const std::string& path, const std::string& flag);

    SigningKey(SigningKey&&) noexcept;
    SigningKey& operator=(SigningKey&&) noexcept;
    ~SigningKey();

    const PublicKey& public_key() const { return public_; }
    /// The signature of `message`, in lower-case hex (128 digits).
    std::string sign(std::string_view message) const;
    /// Writes the key to a new file `path` with mode 0600, atomically; throws OutputError
    /// naming `flag` when it cannot, and when the file exists already (a key is never
    /// overwritten by accident).
    void save_new(const std::string& path, const std::string& flag) const;

private:
    struct Impl;
    explicit SigningKey(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
    PublicKey public_;
};

/// Where a log's signing key is kept, and the key itself once it is needed: the file is read,
/// or made for a log that has no key yet, only when the first entry is appended.
class KeyFile {
public:
    /// `flag` names where the path came from ("--signing-key"), for messages.
    KeyFile(std::string path, std::string flag) : path_(std::move(path)), flag_(std::move(flag)) {}

    const std::string& path() const { return path_; }
    /// The key to sign with, for a log whose newest key is `in_log` (nullopt: a log without a
    /// key yet). With a key in the log, the file must hold that very key. Without one, the
    /// file's key is used, or a new key is made and saved to the file.
    const SigningKey& key_for(const std::optional<PublicKey>& in_log);

private:
    std::string path_;
    std::string flag_;
    std::optional<SigningKey> key_;
};

/// The default place of the signing key of the log at `db_path`: beside it, with the
/// extension .key ("tilsyn.db" -> "tilsyn.key").
std::string default_key_path(const std::string& db_path);

}  // namespace tilsyn
