// Durations, dates and timestamps as scenario files and the API write them.
#include <cstdio>
#include <string>

#include "bcsim/world_loader.h"

namespace bcsim {
namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
std::int64_t DaysFromCivil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

void CivilFromDays(std::int64_t z, std::int64_t& y, unsigned& m, unsigned& d) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<std::int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool Digits(const std::string& s, std::size_t pos, std::size_t n, int& out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

bool ParseDate(const std::string& s, int& y, int& m, int& d) {
  if (s.size() < 10 || s[4] != '-' || s[7] != '-') return false;
  if (!Digits(s, 0, 4, y) || !Digits(s, 5, 2, m) || !Digits(s, 8, 2, d)) return false;
  if (m < 1 || m > 12 || d < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int max = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max;
}

}  // namespace

StatusOr<Millis> ParseDuration(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
  const std::string number = text.substr(0, i);
  const std::string unit = text.substr(i);
  if (number.empty() || number.size() > 9) {  // 9 digits of weeks still fit in 64 bits
    return InvalidArgumentError("expected a duration like 500ms, 10s, 15m, 2h or 14d, found '" + text + "'");
  }
  const Millis n = std::stoll(number);
  if (unit == "ms") return n;
  if (unit == "s" || unit.empty()) return n * 1000;  // a bare number counts seconds
  if (unit == "m") return n * 60 * 1000;
  if (unit == "h") return n * 3600 * 1000;
  if (unit == "d") return n * 24 * 3600 * 1000;
  if (unit == "w") return n * 7 * 24 * 3600 * 1000;
  return InvalidArgumentError("expected a duration like 500ms, 10s, 15m, 2h or 14d, found '" + text + "'");
}

bool IsValidDate(const std::string& text) {
  int y = 0, m = 0, d = 0;
  return text.size() == 10 && ParseDate(text, y, m, d);
}

StatusOr<Millis> ParseTimestamp(const std::string& text) {
  const Status bad = InvalidArgumentError(
      "expected a timestamp like 2026-12-01T09:00:00Z, found '" + text + "'");
  int y = 0, mo = 0, d = 0;
  if (!ParseDate(text, y, mo, d)) return bad;
  Millis ms = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86'400'000;
  if (text.size() == 10) return ms;
  int h = 0, mi = 0, s = 0;
  if (text.size() < 20 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':' ||
      !Digits(text, 11, 2, h) || !Digits(text, 14, 2, mi) || !Digits(text, 17, 2, s) || h > 23 ||
      mi > 59 || s > 60) {
    return bad;
  }
  ms += (static_cast<Millis>(h) * 3600 + mi * 60 + s) * 1000;
  std::size_t pos = 19;
  if (text[pos] == '.') {
    ++pos;
    int frac = 0, digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 3) frac = frac * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return bad;
    for (int i = digits; i < 3; ++i) frac *= 10;
    ms += frac;
  }
  const std::string zone = text.substr(pos);
  if (zone == "Z") return ms;
  int zh = 0, zm = 0;
  if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':' &&
      Digits(zone, 1, 2, zh) && Digits(zone, 4, 2, zm)) {
    const Millis offset = (static_cast<Millis>(zh) * 60 + zm) * 60'000;
    return zone[0] == '+' ? ms - offset : ms + offset;
  }
  return bad;
}

std::string FormatTimestamp(Millis ms) {
  std::int64_t days = ms >= 0 ? ms / 86'400'000 : -((-ms + 86'399'999) / 86'400'000);
  Millis rem = ms - days * 86'400'000;
  std::int64_t y = 0;
  unsigned m = 0, d = 0;
  CivilFromDays(days, y, m, d);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ",
                static_cast<long long>(y), m, d, static_cast<long long>(rem / 3'600'000),
                static_cast<long long>(rem / 60'000 % 60), static_cast<long long>(rem / 1000 % 60),
                static_cast<long long>(rem % 1000));
  return buf;
}

}  // namespace bcsim
