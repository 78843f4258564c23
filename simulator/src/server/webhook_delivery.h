// The webhook delivery engine: sends what api/webhook_payload.h queued on each webhook
// (Webhook::queue) to its payload_url, as Basecamp does (api-facts.md §3.9):
//   - POST, Content-Type: application/json, User-Agent: Basecamp3 Webhook, X-Request-Id;
//   - only a 2xx answer counts; a 3xx is not followed (a failure like any other);
//   - per webhook in order: only the oldest waiting delivery is attempted, the next one after
//     it succeeded;
//   - a failed attempt is retried after WebhookRetryDelay(failures) of *virtual* time (the
//     clock moving, POST /__bcsim/clock or the runner's `wait`, makes retries due); after
//     kWebhookMaxAttempts failed attempts in a row the webhook is deactivated (active: false)
//     and its queue dropped;
//   - every attempt is one recent_deliveries entry (newest first, 25 kept) and one journal
//     entry with "direction": "outbound".
// Outbound faults (`match: {direction: outbound}`) replace the exchange: respond (that answer,
// nothing sent), drop_connection (no answer), delay (at least kWebhookTimeoutMs: a time-out,
// nothing sent; less: the answer comes that much later).
// Targets: loopback hosts only (127.x, ::1, localhost) unless
// SimulatorOptions::webhooks_to_any_host; an attempt to another host fails without a request.
//
// Delivery never holds the world lock during network I/O: jobs are copied out under a shared
// lock, sent, and their results written back under an exclusive one. Rounds are serialised
// (one at a time), so Flush() and the background thread never attempt the same delivery twice.
// Thread safety: every public method may be called from any thread.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>

#include "bcsim/world.h"

namespace httplib {
class Client;
}

namespace bcsim {

class SimState;

inline constexpr int kWebhookMaxAttempts = 10;
// Connect + answer within this much (virtual time for delay faults, real time for sockets).
inline constexpr Millis kWebhookTimeoutMs = 10'000;
// What recent_deliveries keeps of a receiver's answer body; a longer answer is read up to
// kWebhookResponseReadCap and then cut (the attempt still counts by its status).
inline constexpr std::size_t kWebhookResponseKept = 4 * 1024;
inline constexpr std::size_t kWebhookResponseReadCap = 64 * 1024;

// The wait before the next attempt after `failures` failed attempts in a row (1..9):
// 1 min, 2 min, 4 min, ... 256 min (about 8.5 hours from the first attempt to the tenth).
Millis WebhookRetryDelay(int failures);

// What one attempt came to.
struct WebhookAttempt {
  Id event = 0;           // the delivery attempted (PendingDelivery::event)
  int attempts_before = 0;
  std::map<std::string, std::string> request_headers;
  nlohmann::json request_body;
  int code = 0;  // 0: no answer
  std::string message;
  std::map<std::string, std::string> response_headers;
  std::string response_body;
};

// Writes an attempt's outcome into the webhook (pure; unit-tested): a recent_deliveries entry
// (id `delivery_id`, newest first, 25 kept); on 2xx the delivery leaves the queue and the
// failure count restarts; else the delivery is due again after WebhookRetryDelay, or, at the
// kWebhookMaxAttempts-th failure in a row, the webhook is deactivated and its queue cleared.
// An attempt whose delivery is no longer first in the queue (deleted, re-queued) only adds
// the recent_deliveries entry.
void RecordWebhookAttempt(Webhook& w, const WebhookAttempt& a, Id delivery_id, Millis now);

class WebhookDeliverer {
 public:
  explicit WebhookDeliverer(SimState& state) : state_(state) {}
  ~WebhookDeliverer() { Stop(); }
  WebhookDeliverer(const WebhookDeliverer&) = delete;
  WebhookDeliverer& operator=(const WebhookDeliverer&) = delete;

  // Starts the background thread that delivers what is due soon after it is queued or the
  // clock moves (and looks again every 100 ms of real time). Without it, only Flush() sends.
  void Start();
  // Ends the background thread; a POST in flight is cut short (its socket shut down), so a
  // receiver that never answers does not hold the simulator's shutdown for the time-out.
  void Stop();
  // Something may be due (deliveries queued, the clock moved): wakes the background thread.
  void Notify();

  struct Summary {
    std::size_t attempted = 0;
    std::size_t delivered = 0;  // answered 2xx
    std::size_t failed = 0;
    std::size_t waiting = 0;  // still queued afterwards (not due yet)
  };
  // Attempts every delivery that is due now, and the ones each success makes due, until none
  // is (at most 100,000 attempts); returns what happened. Deterministic for tests.
  Summary Flush();

 private:
  SimState& state_;
  std::mutex round_mu_;  // one round at a time
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;    // guarded by mu_
  bool poked_ = false;   // guarded by mu_
  httplib::Client* sending_ = nullptr;  // guarded by mu_: the POST in flight, cut by Stop()
  std::thread thread_;   // started/joined under no lock by Start/Stop (not meant to race)
};

}  // namespace bcsim
