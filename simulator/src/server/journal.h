// The request journal: a bounded ring of what the simulator answered, for tests and the
// harness's `requests` expectations. Secrets never enter it: callers pass the query through
// RedactParams() and the journal stores no headers and no bodies.
// Thread safety: all methods are safe to call concurrently.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bcsim/world.h"

namespace bcsim {

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
};

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
  explicit Journal(std::size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}
  void Add(JournalEntry entry);
  // Entries with seq > since, oldest first, at most `limit`.
  std::vector<JournalEntry> Since(std::uint64_t since, std::size_t limit) const;
  std::size_t size() const;
  void Clear();  // also restarts seq at 1

  static nlohmann::json ToJson(const JournalEntry& e);

 private:
  const std::size_t capacity_;
  mutable std::mutex mu_;
  std::deque<JournalEntry> entries_;  // guarded by mu_
  std::uint64_t next_seq_ = 1;        // guarded by mu_
};

}  // namespace bcsim
