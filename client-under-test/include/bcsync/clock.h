// Time seams for bcsync. Everything that waits or reads the time goes through a Clock and a
// Sleeper passed in by the caller; only main.cpp builds the real ones.
//
// Thread safety: RealClock/RealSleeper are stateless and thread safe. FakeClock and
// FakeSleeper are thread safe (atomics / a mutex) so a test may read them from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>
#include <vector>

namespace bcsync {

using Millis = std::int64_t;  // milliseconds since the Unix epoch

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Millis NowMs() const = 0;
};

class Sleeper {
 public:
  virtual ~Sleeper() = default;
  virtual void SleepMs(Millis ms) = 0;
};

// The wall clock (std::chrono::system_clock).
class RealClock : public Clock {
 public:
  Millis NowMs() const override;
};

// Really sleeps the calling thread.
class RealSleeper : public Sleeper {
 public:
  void SleepMs(Millis ms) override;
};

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
