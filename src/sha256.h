#pragma once
// SHA-256 through OpenSSL's libcrypto: the log's hash chain and the fingerprint of case lists.

#include <string>
#include <string_view>

namespace tilsyn {

/// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

}  // namespace tilsyn
