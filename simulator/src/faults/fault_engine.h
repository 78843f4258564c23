// The live set of faults: which are installed, how often each matched and fired, and which one
// (if any) applies to a request. Counting is per fault: every matching request counts as a hit,
// and `nth`/`times`/`after` are decided on that count. When several faults fire for one request
// the first installed wins; the others' hits still count.
//
// Thread safety: all methods are safe to call concurrently (one internal mutex; Evaluate is a
// lock-free no-op when no fault is installed).
#pragma once

#include <atomic>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "faults/fault.h"

namespace bcsim {

class FaultEngine {
 public:
  // Replaces every fault (ids restart at f1) and clears the counters.
  void Replace(std::vector<Fault> faults);
  // Adds one fault; returns its id.
  std::string Add(Fault fault);
  bool Remove(const std::string& id);
  void Clear();
  void ResetCounters();
  // The numeric account ids that "{account}" in a path template accepts.
  void SetAccountIds(std::set<std::string> ids);

  // Counts the hit of every matching fault and returns a copy of the one that fires, if any.
  // With `stage`, only the faults of that stage are tried (and counted): an API request tries
  // the before_auth ones first, the after_auth ones once past the token check.
  std::optional<Fault> Evaluate(const FaultRequest& req,
                                std::optional<FaultStage> stage = std::nullopt);
  // Whether some installed fault is stage: before_auth (lock-free; spares the API path the
  // early evaluation when none is).
  // Whether no fault is installed (lock-free: the hot path builds no FaultRequest then).
  bool Empty() const { return count_.load(std::memory_order_acquire) == 0; }
  bool HasBeforeAuth() const { return before_auth_.load(std::memory_order_acquire) > 0; }

  // [{"id","hits","fired", ...spec}] in installation order.
  nlohmann::json ToJson() const;

 private:
  struct Entry {
    Fault fault;
    long long hits = 0;
    long long fired = 0;
  };
  std::string NextId();  // caller holds mu_
  void Recount();        // caller holds mu_: count_ and before_auth_ from entries_
  mutable std::mutex mu_;
  std::vector<Entry> entries_;        // guarded by mu_
  std::set<std::string> account_ids_;  // guarded by mu_
  int next_id_ = 1;                    // guarded by mu_
  std::atomic<std::size_t> count_{0};
  std::atomic<std::size_t> before_auth_{0};
};

}  // namespace bcsim
