// Small cryptographic helpers over OpenSSL and libsodium. Thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace jx::crypto {

std::string sha256_hex(std::string_view data);
// n random bytes from the OS CSPRNG, base64url without padding.
std::string random_token(size_t n_bytes = 32);
// A random password of `length` characters with upper, lower, digit and symbol, avoiding
// look-alike characters (0/O, 1/l/I): for one-time initial passwords.
std::string random_password(size_t length = 14);
// Constant-time comparison.
bool equal(std::string_view a, std::string_view b);

}  // namespace jx::crypto
