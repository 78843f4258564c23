#include "bcsim/clock.h"

namespace bcsim {
namespace {
Millis SteadyNowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}
}  // namespace

VirtualClock::VirtualClock(Millis start, SteadySource steady)
    : steady_(steady ? std::move(steady) : SteadySource(&SteadyNowMs)),
      start_(start),
      steady_origin_(steady_()) {}

Millis VirtualClock::NowMs() const {
  return start_ + (steady_() - steady_origin_) + offset_.load(std::memory_order_acquire);
}

Millis VirtualClock::Advance(Millis ms) {
  if (ms > 0) offset_.fetch_add(ms, std::memory_order_acq_rel);
  return NowMs();
}

bool VirtualClock::Restart(Millis now) {
  // One atomic store: readers see either the old offset or the new one.
  offset_.store(now - start_ - (steady_() - steady_origin_), std::memory_order_release);
  return true;
}

}  // namespace bcsim
