// Small OpenSSL helpers: random tokens, SHA-256 and PBKDF2 password hashes. Thread safe.
#pragma once

#include <string>

namespace bcsync::util {

// `bytes` random bytes from the OpenSSL CSPRNG, hex encoded.
std::string RandomToken(int bytes = 24);
std::string Sha256Hex(const std::string& data);
inline constexpr int kDefaultPasswordIterations = 20000;
// "pbkdf2-sha256$ITER$SALT$HASH" (hex), PBKDF2-HMAC-SHA256 with a random 16-byte salt.
// iterations < 1 is treated as 1. VerifyPassword reads the count back from the hash.
std::string HashPassword(const std::string& password, int iterations = kDefaultPasswordIterations);
// Constant-time check of a password against HashPassword's output.
bool VerifyPassword(const std::string& password, const std::string& encoded);
// Constant-time string comparison.
bool SafeEquals(const std::string& a, const std::string& b);

}  // namespace bcsync::util
