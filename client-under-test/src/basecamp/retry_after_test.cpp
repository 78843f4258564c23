// Retry-After as the official SDK's conformance cases read it (conformance/tests/retry.json).
#include "basecamp/retry_after.h"

#include <gtest/gtest.h>

namespace bcsync::basecamp {
namespace {

constexpr Millis kNow = 1'796'115'600'000;  // 2026-12-01T09:00:00Z

TEST(ParseRetryAfterTest, HonoursWholePositiveSeconds) {
  EXPECT_EQ(ParseRetryAfter("2", kNow), 2000);
  EXPECT_EQ(ParseRetryAfter("30", kNow), 30000);
  EXPECT_EQ(ParseRetryAfter(" 5 ", kNow), 5000);  // optional whitespace is not part of the value
}

// "Retry-After of 0 / Negative / Partly numeric ... is rejected and falls through to backoff".
TEST(ParseRetryAfterTest, RefusesZeroNegativeJunkAndEmpty) {
  for (const char* value : {"0", "00", "-5", "-0", "120junk", "1.5", "+3", "soon", "", "  ", "9999999999"}) {
    EXPECT_EQ(ParseRetryAfter(value, kNow), std::nullopt) << '"' << value << '"';
  }
}

// "Retry-After HTTP-date in the past falls through to backoff"; a future one is honoured,
// which is what makes the past-date refusal a real check and not a parser that ignores dates.
TEST(ParseRetryAfterTest, HonoursOnlyAFutureHttpDate) {
  EXPECT_EQ(ParseRetryAfter("Wed, 09 Jun 2021 10:18:14 GMT", kNow), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("Tue, 01 Dec 2026 09:00:00 GMT", kNow), std::nullopt);  // now is not later
  EXPECT_EQ(ParseRetryAfter("Tue, 01 Dec 2026 09:00:30 GMT", kNow), 30000);
  EXPECT_EQ(ParseRetryAfter("Tuesday, 01-Dec-26 09:01:00 GMT", kNow), 60000);
  EXPECT_EQ(ParseRetryAfter("Tue Dec  1 09:00:07 2026", kNow), 7000);
}

TEST(ParseHttpDateTest, ReadsTheThreeFormsAndRefusesNearMisses) {
  const std::optional<Millis> fixdate = ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT");
  ASSERT_TRUE(fixdate.has_value());
  EXPECT_EQ(*fixdate, 784111777000);
  EXPECT_EQ(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), fixdate);
  EXPECT_EQ(ParseHttpDate("Sun Nov  6 08:49:37 1994"), fixdate);
  for (const char* bad : {"Sun, 06 Nov 1994 08:49:37 GMT junk", "Sun, 31 Feb 1994 08:49:37 GMT",
                          "Sun, 06 Nvm 1994 08:49:37 GMT", "Xyz, 06 Nov 1994 08:49:37 GMT",
                          "Sun, 06 Nov 1994 25:49:37 GMT", "2026-12-01T09:00:00Z", ""}) {
    EXPECT_EQ(ParseHttpDate(bad), std::nullopt) << bad;
  }
}

}  // namespace
}  // namespace bcsync::basecamp
