#include "server/journal.h"

#include <algorithm>

#include "server/http_util.h"

namespace bcsim {

bool IsSecretParam(const std::string& name) {
  static const char* kSecret[] = {"access_token", "refresh_token", "code",  "client_secret",
                                  "password",     "token",         "csrf",  "authenticity_token",
                                  "secret"};
  for (const char* s : kSecret) {
    if (name == s) return true;
  }
  return false;
}

std::string RedactParams(const std::multimap<std::string, std::string>& params) {
  std::string out;
  for (const auto& [k, v] : params) {
    if (!out.empty()) out += '&';
    out += UrlEncode(k);
    out += '=';
    out += IsSecretParam(k) ? std::string("[REDACTED]") : UrlEncode(v);
  }
  return out;
}

void Journal::Add(JournalEntry entry) {
  std::lock_guard<std::mutex> lock(mu_);
  entry.seq = next_seq_++;
  entries_.push_back(std::move(entry));
  while (entries_.size() > capacity_) entries_.pop_front();
}

std::vector<JournalEntry> Journal::Since(std::uint64_t since, std::size_t limit) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<JournalEntry> out;
  auto it = std::upper_bound(entries_.begin(), entries_.end(), since,
                             [](std::uint64_t s, const JournalEntry& e) { return s < e.seq; });
  for (; it != entries_.end() && out.size() < limit; ++it) out.push_back(*it);
  return out;
}

std::size_t Journal::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return entries_.size();
}

void Journal::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  entries_.clear();
  next_seq_ = 1;
}

nlohmann::json Journal::ToJson(const JournalEntry& e) {
  return nlohmann::json{{"seq", e.seq},
                        {"time", FormatIsoUtcMs(e.time)},
                        {"time_ms", e.time},
                        {"method", e.method},
                        {"path", e.path},
                        {"query", e.query},
                        {"status", e.status},
                        {"identity", e.identity},
                        {"faults", e.faults},
                        {"request_id", e.request_id}};
}

}  // namespace bcsim
