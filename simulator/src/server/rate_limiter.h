// A per-client-IP sliding-window rate limiter (Basecamp: 50 requests per 10 s per IP).
// Time comes from the caller (the simulator's clock), so tests advance virtual time.
// Thread safety: all methods are safe to call concurrently.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "bcsim/world.h"

namespace bcsim {

class RateLimiter {
 public:
  // Records a request from `ip` at `now` if fewer than `limit` were recorded in the window
  // (now - window, now] and returns 0. Otherwise records nothing and returns the whole seconds
  // (>= 1) until a slot frees up, for Retry-After. limit <= 0 turns the limiter off.
  int Check(const std::string& ip, int limit, Millis window_ms, Millis now);
  void Clear();

 private:
  std::mutex mu_;
  std::unordered_map<std::string, std::deque<Millis>> hits_;  // guarded by mu_
};

}  // namespace bcsim
