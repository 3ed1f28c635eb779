#include "log/signing_key.h"

#include "base/error.h"
#include "base/file_bytes.h"
#include "base/sha256.h"

#include <openssl/evp.h>
#include <openssl/pem.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <vector>

namespace tilsyn {

namespace {

constexpr std::size_t raw_key_size = 32;
constexpr std::size_t signature_size = 64;
constexpr std::size_t max_key_file_size = 64 * 1024;

struct PkeyFree {
    void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct MdCtxFree {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
struct BioFree {
    void operator()(BIO* b) const { BIO_free(b); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyFree>;
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;
using Bio = std::unique_ptr<BIO, BioFree>;

std::string hex(const unsigned char* bytes, std::size_t n) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (std::size_t i = 0; i < n; ++i) {
        out += digits[bytes[i] >> 4];
        out += digits[bytes[i] & 0xf];
    }
    return out;
}

std::optional<std::vector<unsigned char>> unhex(std::string_view text, std::size_t n) {
    if (text.size() != 2 * n) return std::nullopt;
    auto value = [](char c) -> int {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        return -1;
    };
    std::vector<unsigned char> out(n);
    for (std::size_t i = 0; i < n; ++i) {
        const int hi = value(text[2 * i]), lo = value(text[2 * i + 1]);
        if (hi < 0 || lo < 0) return std::nullopt;
        out[i] = static_cast<unsigned char>(hi * 16 + lo);
    }
    return out;
}

PublicKey raw_public(EVP_PKEY* key) {
    unsigned char raw[raw_key_size];
    std::size_t n = sizeof raw;
    if (EVP_PKEY_get_raw_public_key(key, raw, &n) != 1 || n != raw_key_size)
        throw Error("OpenSSL could not read an Ed25519 public key", ExitCode::internal);
    return hex(raw, n);
}

Pkey public_key_object(const PublicKey& key) {
    const auto raw = unhex(key, raw_key_size);
    if (!raw) return nullptr;
    return Pkey(EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw->data(), raw->size()));
}

std::string bio_text(BIO* bio) {
    char* data = nullptr;
    const long n = BIO_get_mem_data(bio, &data);
    return n > 0 ? std::string(data, static_cast<std::size_t>(n)) : std::string();
}

}  // namespace

struct SigningKey::Impl {
    Pkey key;
};

std::string signed_message(std::string_view entry_hash) {
    return "tilsyn-sig-1\n" + std::string(entry_hash);
}

std::string key_id(const PublicKey& key) {
    const auto raw = unhex(key, raw_key_size);
    const std::string digest =
        sha256_hex(raw ? std::string_view(reinterpret_cast<const char*>(raw->data()), raw->size())
                       : std::string_view(key));
    return digest.substr(0, 16);
}

struct SignatureVerifier::Impl {
    Pkey key;
};

SignatureVerifier::SignatureVerifier(const PublicKey& key)
    : impl_(std::make_unique<Impl>(Impl{public_key_object(key)})), key_(key) {}
SignatureVerifier::SignatureVerifier(SignatureVerifier&&) noexcept = default;
SignatureVerifier& SignatureVerifier::operator=(SignatureVerifier&&) noexcept = default;
SignatureVerifier::~SignatureVerifier() = default;

bool SignatureVerifier::valid(std::string_view message, std::string_view signature_hex) const {
    const auto signature = unhex(signature_hex, signature_size);
    if (!impl_->key || !signature) return false;
    const MdCtx ctx(EVP_MD_CTX_new());
    if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, nullptr, nullptr, impl_->key.get()) != 1)
        return false;
    return EVP_DigestVerify(ctx.get(), signature->data(), signature->size(),
                            reinterpret_cast<const unsigned char*>(message.data()),
                            message.size()) == 1;
}

bool signature_valid(const PublicKey& key, std::string_view message,
                     std::string_view signature_hex) {
    return SignatureVerifier(key).valid(message, signature_hex);
}

std::string public_key_pem(const PublicKey& key) {
    const Pkey pkey = public_key_object(key);
    const Bio bio(BIO_new(BIO_s_mem()));
    if (!pkey || !bio || PEM_write_bio_PUBKEY(bio.get(), pkey.get()) != 1)
        throw Error("OpenSSL could not write a public key", ExitCode::internal);
    return bio_text(bio.get());
}

std::optional<PublicKey> public_key_from_pem(std::string_view pem) {
    const Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
    if (!bio) return std::nullopt;
    const Pkey pkey(PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr));
    if (!pkey || EVP_PKEY_get_id(pkey.get()) != EVP_PKEY_ED25519) return std::nullopt;
    return raw_public(pkey.get());
}

SigningKey::SigningKey(std::unique_ptr<Impl> impl)
    : impl_(std::move(impl)), public_(raw_public(impl_->key.get())) {}
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;
SigningKey::~SigningKey() = default;

SigningKey SigningKey::generate() {
    Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key) throw Error("OpenSSL could not make an Ed25519 key", ExitCode::internal);
    return SigningKey(std::make_unique<Impl>(Impl{std::move(key)}));
}

SigningKey SigningKey::load(const std::string& path, const std::string& flag) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        throw InputError(flag + ": cannot read the signing key " + path + " (" +
                         std::strerror(errno) + ")");
    struct stat st {};
    const bool stated = ::fstat(fd, &st) == 0;
    std::optional<std::string> pem;
    if (stated && S_ISREG(st.st_mode) && (st.st_mode & 077) == 0 && st.st_uid == ::geteuid() &&
        static_cast<std::size_t>(st.st_size) <= max_key_file_size)
        pem = read_descriptor(fd, max_key_file_size + 1);
    ::close(fd);
    if (!stated || !S_ISREG(st.st_mode))
        throw InputError(flag + ": the signing key " + path + " is not a regular file");
    if ((st.st_mode & 077) != 0)
        throw InputError(flag + ": the signing key " + path +
                         " may be read or written by other users; it must be the log's writer's "
                         "alone (chmod 600)");
    if (st.st_uid != ::geteuid())
        throw InputError(flag + ": the signing key " + path +
                         " belongs to another user; write to the log as that user");
    if (!pem || pem->size() > max_key_file_size)
        throw InputError(flag + ": cannot read the signing key " + path);
    const Bio bio(BIO_new_mem_buf(pem->data(), static_cast<int>(pem->size())));
    Pkey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr) : nullptr);
    if (!key || EVP_PKEY_get_id(key.get()) != EVP_PKEY_ED25519)
        throw InputError(flag + ": " + path + " holds no Ed25519 private key");
    return SigningKey(std::make_unique<Impl>(Impl{std::move(key)}));
}

std::string SigningKey::sign(std::string_view message) const {
    const MdCtx ctx(EVP_MD_CTX_new());
    unsigned char signature[signature_size];
    std::size_t n = sizeof signature;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, nullptr, nullptr, impl_->key.get()) != 1 ||
        EVP_DigestSign(ctx.get(), signature, &n,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1)
        throw Error("OpenSSL could not sign an entry", ExitCode::internal);
    return hex(signature, n);
}

void SigningKey::save_new(const std::string& path, const std::string& flag) const {
    const Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PrivateKey(bio.get(), impl_->key.get(), nullptr, nullptr, 0, nullptr,
                                         nullptr) != 1)
        throw Error("OpenSSL could not write a private key", ExitCode::internal);
    const std::string pem = bio_text(bio.get());
    // Written to a temporary file of our own, then linked to the name: link() refuses an
    // existing name, so a key already there is never replaced, and the name never holds half
    // a key.
    const std::filesystem::path target(path);
    const std::string temp = (target.has_parent_path() ? target.parent_path() : ".") /
                             (".tilsyn-key-" + std::to_string(::getpid()) + ".tmp");
    auto fail = [&](const std::string& what) {
        const int err = errno;
        ::unlink(temp.c_str());
        throw OutputError(flag + ": cannot " + what + " the signing key " + path + " (" +
                          std::strerror(err) + ")");
    };
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) fail("create");
    const bool written =
        ::write(fd, pem.data(), pem.size()) == static_cast<ssize_t>(pem.size()) && ::fsync(fd) == 0;
    const int err = errno;
    ::close(fd);
    errno = err;
    if (!written) fail("write");
    if (::link(temp.c_str(), path.c_str()) != 0) fail("create");
    ::unlink(temp.c_str());
}

const SigningKey& KeyFile::key_for(const std::optional<PublicKey>& in_log) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(path_, ec);
    if (in_log && !key_ && !exists)
        throw InputError(flag_ + ": the signing key " + path_ +
                         " is missing; this log is signed "
                         "with key " +
                         key_id(*in_log) +
                         ": restore the key file from its backup (docs/log.md, \"Signatures\")");
    if (!key_ && exists) key_ = SigningKey::load(path_, flag_);
    if (in_log) {
        if (key_->public_key() != *in_log)
            throw InputError(flag_ + ": " + path_ +
                             " is not the key this log is signed with (key " + key_id(*in_log) +
                             "; the file holds key " + key_id(key_->public_key()) + ")");
        return *key_;
    }
    if (!key_) {
        SigningKey fresh = SigningKey::generate();
        fresh.save_new(path_, flag_);
        key_ = std::move(fresh);
    }
    return *key_;
}

std::string default_key_path(const std::string& db_path) {
    return std::filesystem::path(db_path).replace_extension(".key").string();
}

}  // namespace tilsyn
