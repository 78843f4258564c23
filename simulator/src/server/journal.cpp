#include "server/journal.h"

#include <algorithm>
#include <cctype>

#include "bcsim/simulator.h"
#include "bcsim/world_loader.h"  // FormatTimestamp
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

bool JournalRedacts(const std::string& name) { return IsSecretParam(name); }

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

std::size_t JournalPayload::Bytes() const {
  // Strings' bytes plus a rough allocation overhead per header, so that many tiny headers
  // still count.
  std::size_t n = sizeof(JournalPayload) + request_body.size() + response_body.size();
  for (const auto* headers : {&request_headers, &response_headers}) {
    for (const auto& [k, v] : *headers) n += k.size() + v.size() + 64;
  }
  return n;
}

std::string CapWithMarker(std::string text, std::size_t cap, std::size_t* elided) {
  *elided = 0;
  if (text.size() <= cap) return text;
  std::size_t cut = cap;
  // Back up to the start of a UTF-8 sequence, so the kept part stays valid text.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  *elided = text.size() - cut;
  text.resize(cut);
  text += "...[" + std::to_string(*elided) + " bytes elided]";
  return text;
}

void Journal::Add(JournalEntry entry) {
  std::lock_guard<std::mutex> lock(mu_);
  entry.seq = next_seq_++;
  if (entry.payload) {
    const std::size_t bytes = entry.payload->Bytes();
    if (bytes > payload_budget_) {
      entry.payload.reset();
      entry.payload_dropped = true;
    } else {
      payload_bytes_ += bytes;
      with_payload_.push_back(entry.seq);
    }
  }
  entries_.push_back(std::move(entry));
  while (entries_.size() > capacity_) {
    if (entries_.front().payload) {
      payload_bytes_ -= entries_.front().payload->Bytes();
      with_payload_.pop_front();  // seqs are in order: it is the front entry's
    }
    entries_.pop_front();
  }
  // Over budget: the oldest payloads go first; their entries stay, marked.
  while (payload_bytes_ > payload_budget_ && !with_payload_.empty()) {
    JournalEntry& old = entries_[with_payload_.front() - entries_.front().seq];
    with_payload_.pop_front();
    payload_bytes_ -= old.payload->Bytes();
    old.payload.reset();
    old.payload_dropped = true;
  }
}

std::size_t Journal::payload_bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return payload_bytes_;
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
  with_payload_.clear();
  payload_bytes_ = 0;
  next_seq_ = 1;
}

namespace {

nlohmann::json HeaderPairs(const std::vector<std::pair<std::string, std::string>>& headers) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& [k, v] : headers) out.push_back({k, v});
  return out;
}

}  // namespace

nlohmann::json Journal::ToJson(const JournalEntry& e, bool bodies) {
  nlohmann::json j{{"seq", e.seq},
                        {"time", FormatTimestamp(e.time)},
                        {"time_ms", e.time},
                        {"method", e.method},
                        {"path", e.path},
                        {"query", e.query},
                        {"status", e.status},
                        {"identity", e.identity},
                        {"faults", e.faults},
                        {"request_id", e.request_id}};
  if (!e.direction.empty()) {
    j["direction"] = e.direction;
    j["origin"] = e.origin;
  }
  if (!bodies) return j;
  if (e.payload) {
    const JournalPayload& p = *e.payload;
    j["request_headers"] = HeaderPairs(p.request_headers);
    j["request_body"] = p.request_body;
    j["request_body_elided"] = p.request_body_elided;
    j["response_headers"] = HeaderPairs(p.response_headers);
    j["response_body"] = p.response_body;
    j["response_body_elided"] = p.response_body_elided;
  } else {
    j["payload_dropped"] = e.payload_dropped;
  }
  return j;
}

}  // namespace bcsim
