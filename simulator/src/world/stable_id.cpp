// StableId: Basecamp-looking ids derived from (kind, key) by SHA-256, so a file always yields
// the same ids.
#include <openssl/evp.h>
#include <openssl/sha.h>

#include <cstring>

#include "bcsim/world.h"

namespace bcsim {

namespace {

// SHA256() looks the algorithm up on every call (OpenSSL 3), a third of its cost for the short
// inputs here; fetch it once. Kept for the process's life (never freed on purpose).
const EVP_MD* Sha256() {
  static const EVP_MD* const md = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  return md;
}

// Fold into 1'000'000'000 .. 8'999'999'999: the range of real Basecamp recording ids.
constexpr std::uint64_t kBase = 1'000'000'000ULL;
constexpr std::uint64_t kSpan = 8'000'000'000ULL;

}  // namespace

Id StableId(const std::string& kind, const std::string& key) {
  std::string input;
  input.reserve(kind.size() + 1 + key.size());
  input += kind;
  input += '\0';
  input += key;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  const EVP_MD* md = Sha256();
  if (md == nullptr || EVP_Digest(input.data(), input.size(), digest, nullptr, md, nullptr) != 1) {
    SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  }
  std::uint64_t h = 0;
  std::memcpy(&h, digest, sizeof h);
  return static_cast<Id>(kBase + h % kSpan);
}

Id NextStableId(Id id) {
  const std::uint64_t offset = static_cast<std::uint64_t>(id) - kBase;
  return static_cast<Id>(kBase + (offset + 1) % kSpan);
}

}  // namespace bcsim
