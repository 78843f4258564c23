// The Basecamp simulator as a library: a fake Launchpad (OAuth) and Basecamp 3/4 API served over
// HTTP from an in-memory World loaded from a scenario YAML file, plus the control API under
// /__bcsim/ (clock, faults, events, tokens, journal). See simulator/README.md.
//
//   bcsim::SimulatorOptions opts;             // port 0 = any free port
//   opts.clock = std::make_shared<bcsim::ManualClock>(bcsim::kDefaultStartTime);
//   bcsim::Simulator sim(opts);
//   Status s = sim.LoadFile("scenario.yaml", {{"tracker", "http://127.0.0.1:8080"}});
//   s = sim.Start();                          // binds and serves on background threads
//   ... sim.base_url() ...
//   sim.Stop();                               // also done by the destructor
//
// Thread safety: LoadFile/LoadYaml may be called before or after Start(), from any thread; a
// load replaces world and faults atomically and a bad file changes nothing. Start/Stop are not
// meant to race with each other. The Simulator owns its world, faults and journal; it shares the
// clock with the caller.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bcsim/clock.h"
#include "bcsim/status.h"

namespace bcsim {

struct SimulatorOptions {
  std::string host = "127.0.0.1";
  int port = 0;  // 0: any free port; port() reports the one bound
  // Null: a VirtualClock starting at the loaded world's start_time (or kDefaultStartTime).
  std::shared_ptr<Clock> clock;
  // A `delay:` fault sleeps for real when true and virtual_delay is empty.
  bool real_delays = true;
  // When set, a `delay:` fault calls this instead of sleeping (the runner advances virtual time).
  std::function<void(Millis)> virtual_delay;
  std::size_t journal_capacity = 10000;  // the request journal keeps the newest N entries
  // When true the journal also keeps each exchange's headers and bodies, redacted, each part
  // capped at 16 KiB (GET /__bcsim/requests?bodies=1), all of them together at most
  // journal_payload_bytes (the oldest are dropped first). Off by default: it costs a copy and,
  // for JSON, a parse per request. `bcsim run` turns it on; `bcsim serve --journal-bodies`.
  bool journal_bodies = false;
  std::size_t journal_payload_bytes = 32 * 1024 * 1024;
  // Most HTTP worker threads. A keep-alive connection holds a worker while it is open, and a
  // delay fault holds one for its duration, so this caps the concurrent connections served at
  // once (more wait in line). Workers are created on demand: an idle simulator has two.
  int threads = 64;
  // Folders, besides the scenario's own, whose files a scenario's `include:` may name
  // (ReadOptions::include_roots; `bcsim serve --include-root`). Used by LoadFile and LoadYaml.
  std::vector<std::string> include_roots;
  // HTTP robustness (net/guarded_server.h): a request head must arrive whole within
  // head_timeout_ms of its first byte (else 408 and close); a keep-alive connection waiting
  // for its next request is closed after idle_timeout_ms. Waiting connections hold no worker.
  int head_timeout_ms = 10000;
  int idle_timeout_ms = 5000;
  // Webhook delivery (server/webhook_delivery.h): a background thread sends what is due soon
  // after it is queued; when false only POST /__bcsim/webhooks/flush (or Simulator::
  // FlushWebhooks) sends, which is how the scenario runner keeps runs deterministic.
  bool deliver_webhooks_in_background = true;
  // Webhook targets other than loopback hosts (`bcsim serve --allow-remote-webhooks`).
  bool webhooks_to_any_host = false;
};

// Whether the journal redacts a header, JSON field or query/form parameter of this name (its
// value reads "[REDACTED]"): the name contains token, secret, password, code, key, csrf,
// authorization or cookie, in any case. The scenario checker uses it to refuse checks of values
// the journal never shows.
bool JournalRedacts(const std::string& name);

class Simulator {
 public:
  explicit Simulator(SimulatorOptions options = {});
  ~Simulator();
  Simulator(const Simulator&) = delete;
  Simulator& operator=(const Simulator&) = delete;

  // Reads a scenario file (its `basecamp:` world and `faults:`). `vars` substitutes `{NAME}` in
  // redirect URIs, e.g. {"tracker": "http://127.0.0.1:8080"}. Errors name FILE:LINE:COL.
  Status LoadFile(const std::string& path, const std::map<std::string, std::string>& vars = {});
  Status LoadYaml(const std::string& text, const std::string& source_name,
                  const std::map<std::string, std::string>& vars = {});

  // Binds host:port and starts serving on background threads. kUnavailable if it cannot bind.
  Status Start();
  int port() const;
  std::string base_url() const;  // "http://HOST:PORT"
  // Stops serving and joins the threads. Idempotent.
  void Stop();
  // Blocks until Stop() is called from another thread (for `bcsim serve`).
  void Wait();
  // Attempts every webhook delivery that is due now (as POST /__bcsim/webhooks/flush does);
  // returns how many attempts were made.
  std::size_t FlushWebhooks();

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace bcsim
