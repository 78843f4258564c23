// Login throttling for the dashboard: failed log-ins are counted per account (email, case
// folded) and per client address in a fixed window; past the limit, that account or address
// may not log in (even with the right password) until the lockout ends. Times are the app
// clock's. Memory is bounded: entries whose window and lockout are over are dropped when the
// tables grow past kMaxEntries.
// Not thread safe: the login handler calls it under AppCore::mu.
#pragma once

#include <cstddef>
#include <string>
#include <unordered_map>

#include "bcsync/clock.h"

namespace bcsync::web {

struct ThrottlePolicy {
  int account_failures = 5;    // failed log-ins per account per window before the lockout
  int address_failures = 20;   // ... per client address
  Millis window_ms = 15LL * 60 * 1000;
  Millis lockout_ms = 15LL * 60 * 1000;
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottlePolicy policy = {}) : policy_(policy) {}
  // True when a log-in for this email from this address may be checked now.
  bool Allowed(const std::string& email, const std::string& address, Millis now) const;
  void Failed(const std::string& email, const std::string& address, Millis now);
  void Succeeded(const std::string& email);  // the account's count starts again
  const ThrottlePolicy& policy() const { return policy_; }

  static constexpr std::size_t kMaxEntries = 100'000;

 private:
  struct Entry {
    int failures = 0;
    Millis window_start = 0;
    Millis locked_until = 0;
  };
  static bool Locked(const std::unordered_map<std::string, Entry>& table, const std::string& key,
                     Millis now);
  void Count(std::unordered_map<std::string, Entry>& table, const std::string& key, int limit,
             Millis now);
  ThrottlePolicy policy_;
  std::unordered_map<std::string, Entry> accounts_;
  std::unordered_map<std::string, Entry> addresses_;
};

// The account key: the email, ASCII lower-cased (the users table compares emails NOCASE).
std::string AccountKey(const std::string& email);

}  // namespace bcsync::web
