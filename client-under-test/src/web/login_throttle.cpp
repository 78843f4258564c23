#include "web/login_throttle.h"

#include <cctype>
#include <iterator>

namespace bcsync::web {

std::string AccountKey(const std::string& email) {
  std::string key = email;
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return key;
}

bool LoginThrottle::Locked(const std::unordered_map<std::string, Entry>& table,
                           const std::string& key, Millis now) {
  auto it = table.find(key);
  return it != table.end() && now < it->second.locked_until;
}

bool LoginThrottle::Allowed(const std::string& email, const std::string& address,
                            Millis now) const {
  return !Locked(accounts_, AccountKey(email), now) && !Locked(addresses_, address, now);
}

void LoginThrottle::Count(std::unordered_map<std::string, Entry>& table, const std::string& key,
                          int limit, Millis now) {
  if (table.size() >= kMaxEntries) {
    for (auto it = table.begin(); it != table.end();) {
      const Entry& e = it->second;
      const bool over = now - e.window_start >= policy_.window_ms && now >= e.locked_until;
      it = over ? table.erase(it) : std::next(it);
    }
  }
  Entry& e = table[key];
  if (now - e.window_start >= policy_.window_ms) {
    e.failures = 0;
    e.window_start = now;
  }
  if (++e.failures >= limit) e.locked_until = now + policy_.lockout_ms;
}

void LoginThrottle::Failed(const std::string& email, const std::string& address, Millis now) {
  Count(accounts_, AccountKey(email), policy_.account_failures, now);
  Count(addresses_, address, policy_.address_failures, now);
}

void LoginThrottle::Succeeded(const std::string& email) { accounts_.erase(AccountKey(email)); }

}  // namespace bcsync::web
