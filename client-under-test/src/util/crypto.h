// Small OpenSSL helpers: random tokens, SHA-256, PBKDF2 password hashes and AES-256-GCM
// sealing of secrets at rest. Thread safe.
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
// How many PBKDF2 computations this process has run (HashPassword + VerifyPassword): lets a
// test check that a login for an unknown email costs a hash as a known one does.
long PasswordHashCount();

// AES-256-GCM with a 32-byte key. Seal returns "enc1:" + base64(nonce(12) | ciphertext |
// tag(16)) with a random nonce; `aad` (e.g. the row and column) is authenticated, not stored.
// Open returns false when the text is not Seal's output for this key and aad.
inline constexpr const char* kSealedPrefix = "enc1:";
std::string Seal(const std::string& key, const std::string& plaintext, const std::string& aad);
bool Unseal(const std::string& key, const std::string& sealed, const std::string& aad,
            std::string* plaintext);
bool IsSealed(const std::string& text);
// 64 hex characters -> 32 bytes; false when `hex` is not exactly that (surrounding whitespace
// allowed).
bool ParseKeyHex(const std::string& hex, std::string* key);

}  // namespace bcsync::util
