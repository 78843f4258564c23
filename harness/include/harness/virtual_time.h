// One virtual time for a whole scenario: the simulator's clock, the client's clock and the
// client's sleeper are all this object, so a Retry-After of 30 s or fifteen days of token life
// pass instantly and identically on both sides.
//
// Thread safe (one atomic). Shared by the Simulator (shared_ptr) and the App (raw pointers that
// must not outlive it: the runner destroys the App first).
#pragma once

#include <atomic>

#include "bcsim/clock.h"
#include "bcsync/clock.h"

namespace bcsim::harness {

class VirtualTime : public bcsim::Clock, public bcsync::Clock, public bcsync::Sleeper {
 public:
  explicit VirtualTime(bcsim::Millis start = bcsim::kDefaultStartTime) : now_(start) {}

  bcsim::Millis NowMs() const override { return now_.load(std::memory_order_acquire); }
  bcsim::Millis Advance(bcsim::Millis ms) override {
    if (ms < 0) ms = 0;
    return now_.fetch_add(ms, std::memory_order_acq_rel) + ms;
  }
  // The client's waits (backoff, Retry-After) move time instead of blocking.
  void SleepMs(bcsync::Millis ms) override { Advance(ms); }

 private:
  std::atomic<bcsim::Millis> now_;
};

}  // namespace bcsim::harness
