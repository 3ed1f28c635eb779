#include "log/signature_checks.h"

#include <algorithm>
#include <thread>

namespace tilsyn {

void SignatureChecks::add(std::int64_t seq, const PublicKey& key, std::string_view hash,
                          std::string signature_hex) {
    if (verifiers_.empty() || verifiers_.back().key() != key) verifiers_.emplace_back(key);
    queued_.push_back({seq, verifiers_.size() - 1, signed_message(hash), std::move(signature_hex)});
}

std::optional<SignatureChecks::Failure> SignatureChecks::run() {
    const std::size_t n = queued_.size();
    const std::size_t threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1,
                                                        std::max<std::size_t>(n, 1));
    // Contiguous slices, one per thread; each remembers its first failure, so the lowest
    // failing seq overall is the first slice's failure that has one.
    std::vector<std::optional<std::size_t>> first_bad(threads);
    auto check_slice = [&](std::size_t t) {
        for (std::size_t i = n * t / threads; i < n * (t + 1) / threads; ++i) {
            const Check& c = queued_[i];
            if (!verifiers_[c.verifier].valid(c.message, c.signature)) {
                first_bad[t] = i;
                return;
            }
        }
    };
    {
        std::vector<std::jthread> workers;
        for (std::size_t t = 1; t < threads; ++t) workers.emplace_back(check_slice, t);
        check_slice(0);
    }
    std::optional<Failure> failure;
    for (const auto& bad : first_bad)
        if (bad) {
            failure = Failure{queued_[*bad].seq, verifiers_[queued_[*bad].verifier].key()};
            break;
        }
    queued_.clear();
    return failure;
}

}  // namespace tilsyn
