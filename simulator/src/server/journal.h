// The request journal: a bounded ring of what the simulator answered, for tests and the
// harness's `requests` expectations. Secrets never enter it: callers pass the query through
// RedactParams(), and headers and bodies (kept only when SimulatorOptions::journal_bodies is on)
// through CaptureExchange (journal_capture.h), which redacts them before they are stored.
// Thread safety: all methods are safe to call concurrently.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bcsim/world.h"

namespace bcsim {

// Each part of a kept exchange (request headers, request body, response headers, response
// body) holds at most this many bytes; the rest is cut off and a marker says how much.
inline constexpr std::size_t kJournalPartCap = 16 * 1024;

// An exchange's headers and bodies as the journal keeps them: already redacted and capped.
struct JournalPayload {
  std::vector<std::pair<std::string, std::string>> request_headers;
  std::string request_body;  // redacted text, or a "[... not kept]" note for non-JSON/form bodies
  std::size_t request_body_elided = 0;  // bytes cut off by kJournalPartCap
  std::vector<std::pair<std::string, std::string>> response_headers;
  std::string response_body;
  std::size_t response_body_elided = 0;
  std::size_t Bytes() const;  // what the payload costs, for the journal's budget
};

struct JournalEntry {
  std::uint64_t seq = 0;  // assigned by Journal::Add, 1, 2, 3... (never reused until Clear)
  Millis time = 0;
  std::string method;
  std::string path;
  std::string query;  // "a=1&code=[REDACTED]", already redacted
  int status = 0;
  std::string identity;              // identity key, "" when anonymous
  std::vector<std::string> faults;   // ids of the faults that fired
  std::string request_id;
  // "" for a request the simulator answered; "outbound" for a webhook delivery it sent, whose
  // `origin` (scheme://host:port) and path are the payload_url's and `status` the receiver's
  // answer (0: none).
  std::string direction;
  std::string origin;
  // Headers and bodies when kept; null when not kept or dropped to stay within the budget.
  std::shared_ptr<const JournalPayload> payload;
  bool payload_dropped = false;  // kept, then dropped for newer entries' payloads
};

// `text` cut to at most `cap` bytes (never inside a UTF-8 sequence) with a marker
// "...[N bytes elided]" appended when anything was cut; `*elided` gets N.
std::string CapWithMarker(std::string text, std::size_t cap, std::size_t* elided);

// Whether a query/form parameter, header or JSON field of this name holds a secret: its name
// contains, in any case, token, secret, password, code, key, csrf, authorization or cookie
// (`Password`, `api_key`, `X-Auth-Token`, `refresh_token`, `Set-Cookie`...).
bool IsSecretParam(const std::string& name);
// Rebuilds a query string with secret values replaced by [REDACTED].
std::string RedactParams(const std::multimap<std::string, std::string>& params);
// A copy of `body` with the value of every secret-named field, at any depth, "[REDACTED]".
nlohmann::json RedactJson(const nlohmann::json& body);
// A copy of `headers` with secret-named headers' values "[REDACTED]".
std::multimap<std::string, std::string> RedactHeaders(
    const std::multimap<std::string, std::string>& headers);

class Journal {
 public:
  // At most `capacity` entries; their payloads together at most `payload_budget` bytes (the
  // oldest entries' payloads are dropped first; the entries stay).
  explicit Journal(std::size_t capacity, std::size_t payload_budget = 32 * 1024 * 1024)
      : capacity_(capacity == 0 ? 1 : capacity), payload_budget_(payload_budget) {}
  void Add(JournalEntry entry);
  // Entries with seq > since, oldest first, at most `limit`.
  std::vector<JournalEntry> Since(std::uint64_t since, std::size_t limit) const;
  std::size_t size() const;
  std::size_t payload_bytes() const;  // what the kept payloads cost now
  void Clear();  // also restarts seq at 1

  // With `bodies`: also request_headers/request_body/response_headers/response_body (headers as
  // [name, value] pairs), *_body_elided, or "payload_dropped": true.
  static nlohmann::json ToJson(const JournalEntry& e, bool bodies = false);

 private:
  const std::size_t capacity_;
  const std::size_t payload_budget_;
  mutable std::mutex mu_;
  std::deque<JournalEntry> entries_;  // guarded by mu_
  std::uint64_t next_seq_ = 1;        // guarded by mu_
  std::size_t payload_bytes_ = 0;     // guarded by mu_; sum of entries_' payload Bytes()
  std::deque<std::uint64_t> with_payload_;  // guarded by mu_; seqs holding a payload, oldest first
};

}  // namespace bcsim
