#pragma once
// The signature checks of `verify`, run on every processor. Checking an Ed25519 signature
// costs about 130 µs, some twenty times the rest of an entry's walk (reading, hashing, content
// checks), so a log of a million entries took two minutes on one core. The walk queues each
// entry's check here; a full batch is worked off by one thread per processor.

#include "log/signing_key.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tilsyn {

class SignatureChecks {
public:
    /// A queued check that failed: the entry and the key it should have been signed with.
    struct Failure {
        std::int64_t seq;
        PublicKey key;
    };

    /// Queues the check that `signature_hex` is `key`'s signature of the entry `seq` whose
    /// hash is `hash`. Entries must be added in increasing seq.
    void add(std::int64_t seq, const PublicKey& key, std::string_view hash,
             std::string signature_hex);
    /// Whether enough checks are queued to be worth running now.
    bool batch_full() const { return queued_.size() >= batch_size; }
    /// Runs every queued check and empties the queue. The failure with the lowest seq, if any.
    std::optional<Failure> run();

private:
    static constexpr std::size_t batch_size = 8192;
    struct Check {
        std::int64_t seq;
        std::size_t verifier;  // index into verifiers_
        std::string message;
        std::string signature;
    };
    std::vector<SignatureVerifier> verifiers_;  // one per key, made once
    std::vector<Check> queued_;
};

}  // namespace tilsyn
