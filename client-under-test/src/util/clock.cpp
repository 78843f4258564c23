#include <chrono>
#include <thread>

#include "bcsync/clock.h"

namespace bcsync {

Millis RealClock::NowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void RealSleeper::SleepMs(Millis ms) {
  if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

}  // namespace bcsync
