// A cache of rendered API GET responses. HandleApi is a function of the world and the request
// (method, path, params, origin, now, identity); GETs do not change the world. So an answer
// rendered for one request is the answer to any request with the same key: the world's
// generation (world_mutex.h), the clock's millisecond, identity, path and query. Under load many
// clients ask the same thing within a millisecond; they share one rendering and one ETag hash.
//
// The cache keeps only the current (generation, millisecond): a key with a newer one empties it,
// so it never holds stale worlds and stays small (at most kMaxEntries answers).
// Thread safety: all methods are safe to call concurrently.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "api/api.h"

namespace bcsim {

struct CachedResponse {
  ApiResponse response;
  std::string etag;  // the weak ETag the middleware sends with it (for 200s)
};

class ResponseCache {
 public:
  static constexpr std::size_t kMaxEntries = 256;

  // The key for one request's answer, "" when it must not be cached.
  static std::string KeyOf(const ApiRequest& req);

  // The answer stored under `key` at this generation and millisecond, or null.
  std::shared_ptr<const CachedResponse> Find(std::uint64_t generation, Millis now,
                                             const std::string& key) const;
  void Store(std::uint64_t generation, Millis now, const std::string& key,
             std::shared_ptr<const CachedResponse> value);
  void Clear();

 private:
  mutable std::mutex mu_;
  std::uint64_t generation_ = 0;  // guarded by mu_
  Millis now_ = -1;               // guarded by mu_
  std::unordered_map<std::string, std::shared_ptr<const CachedResponse>> entries_;  // mu_
};

}  // namespace bcsim
