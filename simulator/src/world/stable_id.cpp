// StableId: Basecamp-looking ids derived from (kind, key) by SHA-256, so a file always yields
// the same ids.
#include <openssl/sha.h>

#include <cstring>

#include "bcsim/world.h"

namespace bcsim {

Id StableId(const std::string& kind, const std::string& key) {
  const std::string input = kind + '\0' + key;
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  std::uint64_t h = 0;
  std::memcpy(&h, digest, sizeof h);
  // Fold into 1'000'000'000 .. 8'999'999'999: the range of real Basecamp recording ids.
  constexpr std::uint64_t kBase = 1'000'000'000ULL;
  constexpr std::uint64_t kSpan = 8'000'000'000ULL;
  return static_cast<Id>(kBase + h % kSpan);
}

}  // namespace bcsim
