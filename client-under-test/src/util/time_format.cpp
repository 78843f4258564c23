#include "util/time_format.h"

#include <chrono>
#include <cstdio>

namespace bcsync::util {

std::string FormatIso(Millis ms) {
  if (ms <= 0) return "";
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(ms)));
  const year_month_day ymd(day);
  const Millis in_day = ms - duration_cast<milliseconds>(day.time_since_epoch()).count();
  const int secs = static_cast<int>(in_day / 1000);
  char buffer[32];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), secs / 3600, (secs / 60) % 60,
                secs % 60);
  return buffer;
}

}  // namespace bcsync::util
