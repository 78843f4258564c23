#include "util/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <memory>
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

std::atomic<long> g_hash_count{0};

std::string Pbkdf2(const std::string& password, const std::string& salt, int iterations) {
  g_hash_count.fetch_add(1, std::memory_order_relaxed);
  unsigned char out[32];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()), iterations,
                    EVP_sha256(), sizeof(out), out);
  return Hex(out, sizeof(out));
}

constexpr int kNonceBytes = 12;
constexpr int kTagBytes = 16;

std::string Base64(const std::string& in) {
  std::string out(4 * ((in.size() + 2) / 3) + 1, '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(in.data()),
                          static_cast<int>(in.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool Unbase64(const std::string& in, std::string* out) {
  if (in.empty() || in.size() % 4 != 0) return false;
  std::string buf(3 * in.size() / 4 + 1, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(buf.data()),
                          reinterpret_cast<const unsigned char*>(in.data()),
                          static_cast<int>(in.size()));
  if (n < 0) return false;
  size_t size = static_cast<size_t>(n);
  for (size_t i = in.size(); i > 0 && in[i - 1] == '='; --i) --size;  // padding
  buf.resize(size);
  *out = std::move(buf);
  return true;
}

struct CtxFree {
  void operator()(EVP_CIPHER_CTX* c) const { EVP_CIPHER_CTX_free(c); }
};
using Ctx = std::unique_ptr<EVP_CIPHER_CTX, CtxFree>;

const unsigned char* Bytes(const std::string& s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

}  // namespace

std::string Seal(const std::string& key, const std::string& plaintext, const std::string& aad) {
  if (key.size() != 32) std::abort();  // a programming error: keys are checked when loaded
  std::string nonce(kNonceBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(nonce.data()), kNonceBytes) != 1) std::abort();
  Ctx ctx(EVP_CIPHER_CTX_new());
  std::string out = nonce;
  out.resize(static_cast<size_t>(kNonceBytes) + plaintext.size() + kTagBytes);
  unsigned char* cipher = reinterpret_cast<unsigned char*>(out.data()) + kNonceBytes;
  int len = 0, total = 0;
  const int aad_size = static_cast<int>(aad.size());
  bool ok = ctx &&
            EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
            EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(key), Bytes(nonce)) == 1 &&
            EVP_EncryptUpdate(ctx.get(), nullptr, &len, Bytes(aad), aad_size) == 1 &&
            EVP_EncryptUpdate(ctx.get(), cipher, &len, Bytes(plaintext),
                              static_cast<int>(plaintext.size())) == 1;
  total = len;
  ok = ok && EVP_EncryptFinal_ex(ctx.get(), cipher + total, &len) == 1;
  total += len;
  ok = ok && EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, kTagBytes, cipher + total) == 1;
  if (!ok || static_cast<size_t>(total) != plaintext.size()) std::abort();
  return kSealedPrefix + Base64(out);
}

bool Unseal(const std::string& key, const std::string& sealed, const std::string& aad,
            std::string* plaintext) {
  if (key.size() != 32 || !IsSealed(sealed)) return false;
  std::string raw;
  if (!Unbase64(sealed.substr(std::string(kSealedPrefix).size()), &raw)) return false;
  if (raw.size() < static_cast<size_t>(kNonceBytes + kTagBytes)) return false;
  const size_t text_size = raw.size() - kNonceBytes - kTagBytes;
  std::string out(text_size, '\0');
  std::string tag = raw.substr(kNonceBytes + text_size);
  Ctx ctx(EVP_CIPHER_CTX_new());
  int len = 0;
  const int aad_size = static_cast<int>(aad.size());
  bool ok = ctx &&
            EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceBytes, nullptr) == 1 &&
            EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, Bytes(key), Bytes(raw)) == 1 &&
            EVP_DecryptUpdate(ctx.get(), nullptr, &len, Bytes(aad), aad_size) == 1 &&
            EVP_DecryptUpdate(ctx.get(), reinterpret_cast<unsigned char*>(out.data()), &len,
                              Bytes(raw) + kNonceBytes, static_cast<int>(text_size)) == 1 &&
            EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, kTagBytes, tag.data()) == 1;
  int final_len = 0;
  ok = ok && EVP_DecryptFinal_ex(ctx.get(), reinterpret_cast<unsigned char*>(out.data()) + len,
                                 &final_len) == 1;
  if (!ok) return false;
  *plaintext = std::move(out);
  return true;
}

bool IsSealed(const std::string& text) { return text.rfind(kSealedPrefix, 0) == 0; }

bool ParseKeyHex(const std::string& hex, std::string* key) {
  size_t b = 0, e = hex.size();
  while (b < e && std::isspace(static_cast<unsigned char>(hex[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(hex[e - 1]))) --e;
  if (e - b != 64) return false;
  auto nibble = [](char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = b; i < e; i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    out += static_cast<char>(hi * 16 + lo);
  }
  *key = std::move(out);
  return true;
}

long PasswordHashCount() { return g_hash_count.load(std::memory_order_relaxed); }

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
