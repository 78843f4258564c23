// The simulator's notion of "now". Every time-dependent rule (token expiry, code expiry, rate
// limit windows, journal timestamps) reads a Clock; nothing in the simulator reads the wall clock
// directly.
//
// Thread safety: every implementation here is safe to call from many threads at once.
// Ownership: the Simulator shares its clock (std::shared_ptr) with whoever created it, so a test
// or the scenario runner can advance the same clock the server reads.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>

#include "bcsim/world.h"  // Millis, kDefaultStartTime

namespace bcsim {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch on this clock.
  virtual Millis NowMs() const = 0;
  // Moves the clock forward by `ms` (negative values are ignored) and returns the new now.
  virtual Millis Advance(Millis ms) = 0;
  // Puts the clock back at `now` (POST /__bcsim/reset: the world's start time). Clocks that
  // others share and own (the scenario runner's one time) keep going: they return false.
  virtual bool Restart(Millis now) {
    (void)now;
    return false;
  }
};

// The latest instant the simulator's clock may reach: 9999-12-31T23:59:59.999Z. Advances past
// it (or that would overflow) are refused, so time never wraps.
inline constexpr Millis kLatestMs = 253402300799999LL;

// A clock that moves only when told to. For tests and for the scenario runner's virtual time.
class ManualClock : public Clock {
 public:
  explicit ManualClock(Millis start) : now_(start) {}
  Millis NowMs() const override { return now_.load(std::memory_order_acquire); }
  Millis Advance(Millis ms) override {
    if (ms < 0) ms = 0;
    return now_.fetch_add(ms, std::memory_order_acq_rel) + ms;
  }
  void Set(Millis now) { now_.store(now, std::memory_order_release); }
  bool Restart(Millis now) override {
    Set(now);
    return true;
  }

 private:
  std::atomic<Millis> now_;
};

// A clock for `bcsim serve`: starts at `start` and moves with a steady (monotonic) time source,
// plus whatever Advance() added. The steady source is injectable for tests; by default it is
// std::chrono::steady_clock.
class VirtualClock : public Clock {
 public:
  using SteadySource = std::function<Millis()>;  // monotonic milliseconds, any origin
  explicit VirtualClock(Millis start, SteadySource steady = nullptr);
  Millis NowMs() const override;
  Millis Advance(Millis ms) override;
  bool Restart(Millis now) override;  // now becomes `now`, and moves on with the steady source

 private:
  SteadySource steady_;
  Millis start_;
  Millis steady_origin_;
  std::atomic<Millis> offset_{0};
};

}  // namespace bcsim
