#include "server/rate_limiter.h"

#include <gtest/gtest.h>

namespace bcsim {
namespace {

TEST(RateLimiter, RefusesBeyondLimitWithinWindow) {
  RateLimiter rl;
  for (int i = 0; i < 3; ++i) EXPECT_EQ(rl.Check("1.1.1.1", 3, 10'000, 1000 + i), 0);
  EXPECT_EQ(rl.Check("1.1.1.1", 3, 10'000, 1500), 10);  // first slot frees at 11000: 9.5 s -> 10
  EXPECT_EQ(rl.Check("2.2.2.2", 3, 10'000, 1500), 0);    // per IP
}

TEST(RateLimiter, AllowsAgainAfterTheWindowSlides) {
  RateLimiter rl;
  for (int i = 0; i < 2; ++i) EXPECT_EQ(rl.Check("ip", 2, 10'000, 0), 0);
  EXPECT_EQ(rl.Check("ip", 2, 10'000, 9'999), 1);
  EXPECT_EQ(rl.Check("ip", 2, 10'000, 10'000), 0);
}

TEST(RateLimiter, ZeroLimitTurnsItOff) {
  RateLimiter rl;
  for (int i = 0; i < 100; ++i) EXPECT_EQ(rl.Check("ip", 0, 10'000, 0), 0);
}

TEST(RateLimiter, ClearForgetsHistory) {
  RateLimiter rl;
  EXPECT_EQ(rl.Check("ip", 1, 10'000, 0), 0);
  EXPECT_GT(rl.Check("ip", 1, 10'000, 0), 0);
  rl.Clear();
  EXPECT_EQ(rl.Check("ip", 1, 10'000, 0), 0);
}

}  // namespace
}  // namespace bcsim
