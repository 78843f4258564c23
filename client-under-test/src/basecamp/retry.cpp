#include "basecamp/retry.h"

#include <cctype>

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

std::optional<Millis> ParseRetryAfter(const std::string& value) {
  if (value.empty() || value.size() > 9) return std::nullopt;
  Millis seconds = 0;
  for (char c : value) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    seconds = seconds * 10 + (c - '0');
  }
  return seconds * 1000;
}

StatusOr<HttpResponse> SendWithRetry(HttpTransport& transport, const HttpRequest& request, Throttle& throttle,
                                     const Clock& clock, Sleeper& sleeper, const RetryPolicy& policy,
                                     int* attempts) {
  const bool retryable = request.method == "GET";
  Millis backoff = policy.base_delay_ms;
  for (int attempt = 1;; ++attempt) {
    throttle.Acquire(clock, sleeper);
    if (attempts != nullptr) ++*attempts;
    StatusOr<HttpResponse> response = transport.Send(request);
    if (!response.ok()) return response;
    const int status = response->status;
    if (!retryable || (status != 429 && status != 503) || attempt >= policy.max_attempts) return response;
    Millis delay = backoff;
    if (auto retry_after = ParseRetryAfter(response->Header("Retry-After"))) delay = *retry_after;
    backoff *= 2;
    throttle.HoldUntil(clock.NowMs() + delay);
    sleeper.SleepMs(delay);
  }
}

}  // namespace bcsync::basecamp
