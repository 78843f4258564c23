#include "util/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <cstdlib>
#include <vector>

namespace bcsync::util {
namespace {

std::string Hex(const unsigned char* data, size_t size) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (size_t i = 0; i < size; ++i) {
    out += kHex[data[i] >> 4];
    out += kHex[data[i] & 15];
  }
  return out;
}

std::string Pbkdf2(const std::string& password, const std::string& salt, int iterations) {
  unsigned char out[32];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()), iterations,
                    EVP_sha256(), sizeof(out), out);
  return Hex(out, sizeof(out));
}

}  // namespace

std::string RandomToken(int bytes) {
  std::vector<unsigned char> buffer(static_cast<size_t>(bytes));
  if (RAND_bytes(buffer.data(), bytes) != 1) std::abort();  // no randomness: refuse to continue
  return Hex(buffer.data(), buffer.size());
}

std::string Sha256Hex(const std::string& data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return Hex(digest, sizeof(digest));
}

std::string HashPassword(const std::string& password, int iterations) {
  if (iterations < 1) iterations = 1;
  const std::string salt = RandomToken(16);
  return "pbkdf2-sha256$" + std::to_string(iterations) + "$" + salt + "$" + Pbkdf2(password, salt, iterations);
}

bool VerifyPassword(const std::string& password, const std::string& encoded) {
  const std::string prefix = "pbkdf2-sha256$";
  if (encoded.rfind(prefix, 0) != 0) return false;
  size_t a = prefix.size();
  size_t b = encoded.find('$', a);
  if (b == std::string::npos) return false;
  size_t c = encoded.find('$', b + 1);
  if (c == std::string::npos) return false;
  int iterations = 0;
  for (size_t i = a; i < b; ++i) {
    if (encoded[i] < '0' || encoded[i] > '9' || iterations > 10'000'000) return false;
    iterations = iterations * 10 + (encoded[i] - '0');
  }
  if (iterations <= 0) return false;
  const std::string salt = encoded.substr(b + 1, c - b - 1);
  return SafeEquals(Pbkdf2(password, salt, iterations), encoded.substr(c + 1));
}

bool SafeEquals(const std::string& a, const std::string& b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace bcsync::util
