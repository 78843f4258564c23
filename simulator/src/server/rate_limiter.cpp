#include "server/rate_limiter.h"

namespace bcsim {

int RateLimiter::Check(const std::string& ip, int limit, Millis window_ms, Millis now) {
  if (limit <= 0) return 0;
  std::lock_guard<std::mutex> lock(mu_);
  std::deque<Millis>& q = hits_[ip];
  while (!q.empty() && q.front() <= now - window_ms) q.pop_front();
  if (static_cast<int>(q.size()) < limit) {
    q.push_back(now);
    return 0;
  }
  // The oldest request in the window leaves it at front + window.
  Millis wait_ms = q[q.size() - static_cast<std::size_t>(limit)] + window_ms - now;
  int secs = static_cast<int>((wait_ms + 999) / 1000);
  return secs < 1 ? 1 : secs;
}

void RateLimiter::Clear() {
  std::lock_guard<std::mutex> lock(mu_);
  hits_.clear();
}

}  // namespace bcsim
