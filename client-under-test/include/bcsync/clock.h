// Time seams for bcsync. Everything that waits or reads the time goes through a Clock and a
// Sleeper passed in by the caller; only main.cpp builds the real ones.
//
// Thread safety: RealClock/RealSleeper are stateless and thread safe. The fakes for tests are
// in the bcsync::testing target (bcsync/testing/fake_clock.h).
#pragma once

#include <cstdint>

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

}  // namespace bcsync
