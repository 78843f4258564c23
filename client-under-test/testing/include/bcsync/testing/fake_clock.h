// Test doubles for bcsync's time seams (bcsync/clock.h), in the bcsync::testing target: a
// clock that moves only when told and a sleeper that records sleeps and advances it.
//
// Thread safety: FakeClock and FakeSleeper are thread safe (atomics / a mutex), so a test may
// read them from any thread.
#pragma once

#include <atomic>
#include <mutex>
#include <vector>

#include "bcsync/clock.h"

namespace bcsync {

// A clock that moves only when told.
class FakeClock : public Clock {
 public:
  explicit FakeClock(Millis start = 1'796'115'600'000) : now_(start) {}  // 2026-12-01T09:00Z
  Millis NowMs() const override { return now_.load(); }
  void Advance(Millis ms) { now_.fetch_add(ms); }
  void Set(Millis ms) { now_.store(ms); }

 private:
  std::atomic<Millis> now_;
};

// Records every requested sleep and advances the FakeClock (if given) instead of waiting.
// The clock, when given, must outlive the sleeper.
class FakeSleeper : public Sleeper {
 public:
  explicit FakeSleeper(FakeClock* clock = nullptr) : clock_(clock) {}
  void SleepMs(Millis ms) override {
    std::lock_guard<std::mutex> lock(mu_);
    sleeps_.push_back(ms);
    if (clock_ != nullptr) clock_->Advance(ms);
  }
  std::vector<Millis> sleeps() const {
    std::lock_guard<std::mutex> lock(mu_);
    return sleeps_;
  }

 private:
  FakeClock* clock_;
  mutable std::mutex mu_;
  std::vector<Millis> sleeps_;
};

}  // namespace bcsync
