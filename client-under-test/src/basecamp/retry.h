// Retries and the process-wide throttle, per shared/basecamp/behavior-model.json: idempotent
// GETs are retried on 429 and 503 and when no full response arrived (connection refused,
// dropped, reset, or a body cut short), at most 3 attempts in all, base delay 1000 ms doubling
// (1 s, 2 s, 4 s); a usable Retry-After (basecamp/retry_after.h: seconds > 0 or a future
// HTTP-date) wins over the backoff, any other Retry-After gets the backoff. Nothing else is
// retried: no POST/PUT/DELETE (a dropped write may have been stored), no 4xx, no 500/502/504/
// 507 (the behaviour model's retry_on is [429, 503]). Waits go through the Sleeper.
//
// Throttle is shared by every user of a bcsync process because Basecamp limits per IP: a
// Retry-After seen by one user holds back everyone's next request, and a sliding window keeps
// the process under `max_requests` per `window_ms` (0 = no window). Thread safe.
#pragma once

#include <deque>
#include <mutex>
#include <optional>

#include "basecamp/retry_after.h"
#include "basecamp/transport.h"
#include "bcsync/clock.h"

namespace bcsync::basecamp {

struct RetryPolicy {
  int max_attempts = 3;
  Millis base_delay_ms = 1000;
};

class Throttle {
 public:
  Throttle(int max_requests, Millis window_ms) : max_requests_(max_requests), window_ms_(window_ms) {}
  // Waits (via sleeper) until a request may be sent, then records it.
  void Acquire(const Clock& clock, Sleeper& sleeper);
  // Nobody sends before `until` (a Retry-After or backoff seen by anyone).
  void HoldUntil(Millis until);

 private:
  std::mutex mu_;
  int max_requests_;
  Millis window_ms_;
  Millis hold_until_ = 0;
  std::deque<Millis> sent_;
};

// Sends with the throttle and the retry rules. `attempts` (optional) counts requests sent.
StatusOr<HttpResponse> SendWithRetry(HttpTransport& transport, const HttpRequest& request, Throttle& throttle,
                                     const Clock& clock, Sleeper& sleeper, const RetryPolicy& policy,
                                     int* attempts = nullptr);

}  // namespace bcsync::basecamp
