#pragma once
// SHA-256 through OpenSSL's libcrypto: the log's hash chain and the fingerprint of case lists.

#include <string>
#include <string_view>

namespace tilsyn {

/// Lower-case hex SHA-256 of the bytes.
std::string sha256_hex(std::string_view bytes);

/// Lower-case hex SHA-256 of a file's bytes, read in pieces (a log's CSV can be large).
/// Throws std::runtime_error if the file cannot be read.
std::string sha256_file_hex(const std::string& path);

}  // namespace tilsyn
