#include "basecamp/retry.h"

namespace bcsync::basecamp {

void Throttle::Acquire(const Clock& clock, Sleeper& sleeper) {
  const bool windowed = max_requests_ > 0 && window_ms_ > 0;
  // Bounded: a sleeper that does not move the clock must not make us spin forever.
  for (int round = 0; round < 4; ++round) {
    Millis wait = 0;
    {
      std::lock_guard<std::mutex> lock(mu_);
      const Millis now = clock.NowMs();
      while (!sent_.empty() && sent_.front() <= now - window_ms_) sent_.pop_front();
      if (hold_until_ > now) {
        wait = hold_until_ - now;
      } else if (windowed && static_cast<int>(sent_.size()) >= max_requests_) {
        wait = sent_.front() + window_ms_ - now;
      }
    }
    if (wait <= 0) break;
    sleeper.SleepMs(wait);
  }
  if (windowed) {
    std::lock_guard<std::mutex> lock(mu_);
    sent_.push_back(clock.NowMs());
  }
}

void Throttle::HoldUntil(Millis until) {
  std::lock_guard<std::mutex> lock(mu_);
  if (until > hold_until_) hold_until_ = until;
}

StatusOr<HttpResponse> SendWithRetry(HttpTransport& transport, const HttpRequest& request, Throttle& throttle,
                                     const Clock& clock, Sleeper& sleeper, const RetryPolicy& policy,
                                     int* attempts) {
  // Only GETs are replayed: every GET bcsync sends is readonly in the behaviour model, and a
  // write whose connection dropped may already be stored, so resending it is never blind.
  const bool idempotent = request.method == "GET";
  Millis backoff = policy.base_delay_ms;
  for (int attempt = 1;; ++attempt) {
    throttle.Acquire(clock, sleeper);
    if (attempts != nullptr) ++*attempts;
    StatusOr<HttpResponse> response = transport.Send(request);
    const bool last = attempt >= policy.max_attempts;
    Millis delay = backoff;
    if (!response.ok()) {
      // kUnavailable: no full response (refused, dropped, reset, truncated). Anything else
      // (a URL we cannot send to) fails the same way every time.
      if (!idempotent || last || response.status().code() != StatusCode::kUnavailable) return response;
    } else {
      const int status = response->status;
      if (!idempotent || (status != 429 && status != 503) || last) return response;
      if (auto retry_after = ParseRetryAfter(response->Header("Retry-After"), clock.NowMs())) delay = *retry_after;
    }
    backoff *= 2;
    throttle.HoldUntil(clock.NowMs() + delay);
    sleeper.SleepMs(delay);
  }
}

}  // namespace bcsync::basecamp
