#include "basecamp/retry_after.h"

#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace bcsync::basecamp {
namespace {

constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 7> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
constexpr std::array<const char*, 7> kLongDays = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                  "Friday", "Saturday", "Sunday"};

int MonthIndex(const char* name) {
  for (size_t i = 0; i < kMonths.size(); ++i) {
    if (std::strcmp(name, kMonths[i]) == 0) return static_cast<int>(i) + 1;
  }
  return 0;
}

template <size_t N>
bool OneOf(const char* name, const std::array<const char*, N>& names) {
  for (const char* n : names) {
    if (std::strcmp(name, n) == 0) return true;
  }
  return false;
}

std::optional<Millis> ToMillis(int year, int month, int day, int hour, int minute, int second) {
  using namespace std::chrono;
  if (month < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return std::nullopt;
  }
  const year_month_day ymd{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                           std::chrono::day(static_cast<unsigned>(day < 0 ? 0 : day))};
  if (!ymd.ok()) return std::nullopt;
  const Millis days_ms = duration_cast<milliseconds>(sys_days(ymd).time_since_epoch()).count();
  return days_ms + ((hour * 60 + minute) * 60 + second) * Millis{1000};
}

}  // namespace

std::optional<Millis> ParseHttpDate(const std::string& value) {
  if (value.size() > 64) return std::nullopt;
  const char* s = value.c_str();
  char wday[16] = {}, mon[4] = {};
  int day = 0, year = 0, hour = 0, minute = 0, second = 0, used = -1;
  // IMF-fixdate: Sun, 06 Nov 1994 08:49:37 GMT
  if (std::sscanf(s, "%3[A-Za-z], %2d %3[A-Za-z] %4d %2d:%2d:%2d GMT%n", wday, &day, mon, &year, &hour, &minute,
                  &second, &used) == 7 &&
      used == static_cast<int>(value.size()) && OneOf(wday, kDays)) {
    return ToMillis(year, MonthIndex(mon), day, hour, minute, second);
  }
  // RFC 850: Sunday, 06-Nov-94 08:49:37 GMT (a two-digit year: 70-99 are 19xx, 00-69 20xx)
  used = -1;
  if (std::sscanf(s, "%9[A-Za-z], %2d-%3[A-Za-z]-%2d %2d:%2d:%2d GMT%n", wday, &day, mon, &year, &hour, &minute,
                  &second, &used) == 7 &&
      used == static_cast<int>(value.size()) && OneOf(wday, kLongDays)) {
    return ToMillis(year < 70 ? 2000 + year : 1900 + year, MonthIndex(mon), day, hour, minute, second);
  }
  // asctime: Sun Nov  6 08:49:37 1994
  used = -1;
  if (std::sscanf(s, "%3[A-Za-z] %3[A-Za-z] %2d %2d:%2d:%2d %4d%n", wday, mon, &day, &hour, &minute, &second, &year,
                  &used) == 7 &&
      used == static_cast<int>(value.size()) && OneOf(wday, kDays)) {
    return ToMillis(year, MonthIndex(mon), day, hour, minute, second);
  }
  return std::nullopt;
}

std::optional<Millis> ParseRetryAfter(const std::string& raw, Millis now_ms) {
  // Optional whitespace around a header value is not part of it.
  size_t begin = 0, end = raw.size();
  while (begin < end && (raw[begin] == ' ' || raw[begin] == '\t')) ++begin;
  while (end > begin && (raw[end - 1] == ' ' || raw[end - 1] == '\t')) --end;
  const std::string value = raw.substr(begin, end - begin);
  if (value.empty()) return std::nullopt;
  if (std::isdigit(static_cast<unsigned char>(value[0]))) {
    // delay-seconds is 1*DIGIT, the whole value; 9 digits (about 31 years) is the most we read.
    if (value.size() > 9) return std::nullopt;
    Millis seconds = 0;
    for (char c : value) {
      if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
      seconds = seconds * 10 + (c - '0');
    }
    if (seconds <= 0) return std::nullopt;
    return seconds * 1000;
  }
  std::optional<Millis> date = ParseHttpDate(value);
  if (!date || *date <= now_ms) return std::nullopt;
  return *date - now_ms;
}

}  // namespace bcsync::basecamp
