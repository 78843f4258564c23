// Everything one running simulator shares between its request threads: the world (behind one
// std::shared_mutex), the world as loaded (for reset), faults, rate limiter, journal, clock.
// Internal to the simulator; the public face is bcsim/simulator.h.
//
// Locking: `world_mu` guards `world`, `loaded_world`, `loaded_faults`. Take it shared to read
// (API GETs, token checks) and exclusively to change anything (OAuth, events, writes, loads):
// every exclusive lock moves the world's generation, which the GET response cache keys on, so
// never change `world` under a shared lock.
// FaultEngine, RateLimiter and Journal lock themselves; never call into them while a delay is
// pending with the world lock held. The clock is set before serving starts and never replaced.
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <memory>
#include <shared_mutex>
#include <string>
#include <vector>

#include "bcsim/scenario_file.h"
#include "bcsim/simulator.h"
#include "bcsim/world.h"
#include "faults/fault_engine.h"
#include "server/journal.h"
#include "server/rate_limiter.h"
#include "server/response_cache.h"
#include "server/webhook_delivery.h"
#include "server/world_mutex.h"

namespace bcsim {

// What a request handler reports for the journal.
struct RequestTrace {
  std::string identity;             // identity key, when known
  std::vector<std::string> faults;  // ids of the faults that fired
};

// Lets Stop() cut short the real sleeps of delay faults, so shutdown never waits for them.
class StopSignal {
 public:
  void Stop();
  void Reset();
  // Sleeps `ms`, or less when Stop() is called; false when stopped.
  bool SleepFor(Millis ms) const;

 private:
  mutable std::mutex mu_;
  mutable std::condition_variable cv_;
  bool stopped_ = false;  // guarded by mu_
};

class SimState {
 public:
  explicit SimState(SimulatorOptions options);

  const SimulatorOptions& options() const { return options_; }
  Clock& clock() { return *clock_; }
  Millis Now() const { return clock_->NowMs(); }
  // Creates the default VirtualClock if the options gave none; `start` is where it begins.
  void EnsureClock(Millis start);

  // Replaces world + faults from a scenario document (its basecamp: and faults:). On error
  // nothing changes. Also clears OAuth state, journal, limiter and fault counters.
  Status Load(const ScenarioDocument& doc, const std::map<std::string, std::string>& vars);
  // Same, reading the file (errors name FILE:LINE:COL).
  Status LoadFile(const std::string& path, const std::map<std::string, std::string>& vars);
  // Same from YAML text. Parsed worlds of texts without `include:` are cached by content, so a
  // test cycle that PUTs the same scenario again skips the YAML parse.
  Status LoadText(const std::string& text, const std::string& source_name,
                  const std::map<std::string, std::string>& vars);
  // Back to the world and faults as last loaded; tokens, sessions, journal, counters cleared.
  void Reset();
  // After an event changed accounts: refresh the ids "{account}" in fault paths accepts.
  void RefreshAccountIds();  // caller holds world_mu (shared or exclusive)

  std::string NextRequestId();
  // The per-session CSRF token for the Launchpad consent form.
  std::string CsrfFor(const std::string& session) const;

  // "http://HOST:PORT", set by Start before serving.
  std::string origin;

  mutable WorldMutex world_mu;  // counts exclusive locks: world_mutex.h
  World world;
  std::shared_ptr<const World> loaded_world;
  std::vector<Fault> loaded_faults;

  FaultEngine faults;
  RateLimiter limiter;
  Journal journal;
  ResponseCache responses;  // rendered API GETs, keyed by world generation: response_cache.h
  StopSignal stopping;      // set while Simulator::Stop() runs
  // After a change under an exclusive world lock: queues webhook payloads for the events it
  // recorded (api/webhook_payload.h). Caller holds world_mu exclusively; returns whether any
  // was queued (then call webhooks.Notify() once the lock is released).
  bool QueueWebhookDeliveries();
  WebhookDeliverer webhooks{*this};  // last: it runs against everything above

 private:
  struct Parsed {
    std::shared_ptr<const World> world;
    std::vector<Fault> faults;
  };
  StatusOr<Parsed> Parse(const ScenarioDocument& doc, const std::map<std::string, std::string>& vars);
  void Install(const Parsed& parsed);

  std::mutex cache_mu_;
  std::map<std::string, Parsed> cache_;  // guarded by cache_mu_; by source + text + vars

  SimulatorOptions options_;
  std::shared_ptr<Clock> clock_;
  std::string secret_;  // random per simulator: CSRF tokens derive from it
  std::string request_prefix_;
  std::atomic<std::uint64_t> next_request_{1};
};

}  // namespace bcsim
