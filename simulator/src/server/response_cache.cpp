#include "server/response_cache.h"

namespace bcsim {

namespace {
// Length-prefixed, so no two different field lists give the same key.
void Field(std::string* key, const std::string& v) {
  *key += std::to_string(v.size());
  *key += ':';
  *key += v;
}
}  // namespace

std::string ResponseCache::KeyOf(const ApiRequest& req) {
  if (req.method != "GET" || !req.body.empty()) return "";
  std::string key;
  key.reserve(req.identity.size() + req.path.size() + 32);
  Field(&key, req.identity);
  Field(&key, req.path);
  for (const auto& [k, v] : req.params) {
    Field(&key, k);
    Field(&key, v);
  }
  return key;
}

std::shared_ptr<const CachedResponse> ResponseCache::Find(std::uint64_t generation, Millis now,
                                                          const std::string& key) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (generation != generation_ || now != now_) return nullptr;
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : it->second;
}

void ResponseCache::Store(std::uint64_t generation, Millis now, const std::string& key,
                          std::shared_ptr<const CachedResponse> value) {
  std::lock_guard<std::mutex> lock(mu_);
  if (generation != generation_ || now != now_) {
    // Only move forward: a slow request must not wipe the answers of a newer millisecond.
    if (generation < generation_ || (generation == generation_ && now < now_)) return;
    entries_.clear();
    generation_ = generation;
    now_ = now;
  }
  if (entries_.size() >= kMaxEntries) entries_.clear();
  entries_[key] = std::move(value);
}

void ResponseCache::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
}

}  // namespace bcsim
