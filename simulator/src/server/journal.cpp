#include "server/journal.h"

#include <algorithm>
#include <cctype>

#include "server/http_util.h"

namespace bcsim {

bool IsSecretParam(const std::string& name) {
  static const char* kSecret[] = {"token", "secret", "password", "code",
                                  "key",   "csrf",   "authorization", "cookie"};
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* s : kSecret) {
    if (lower.find(s) != std::string::npos) return true;
  }
  return false;
}

nlohmann::json RedactJson(const nlohmann::json& body) {
  if (body.is_object()) {
    nlohmann::json out = nlohmann::json::object();
    for (auto it = body.begin(); it != body.end(); ++it) {
      out[it.key()] = IsSecretParam(it.key()) ? nlohmann::json("[REDACTED]") : RedactJson(*it);
    }
    return out;
  }
  if (body.is_array()) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& v : body) out.push_back(RedactJson(v));
    return out;
  }
  return body;
}

std::multimap<std::string, std::string> RedactHeaders(
    const std::multimap<std::string, std::string>& headers) {
  std::multimap<std::string, std::string> out;
  for (const auto& [k, v] : headers) out.emplace(k, IsSecretParam(k) ? "[REDACTED]" : v);
  return out;
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
