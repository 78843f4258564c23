#include "bcsim/clock.h"

#include <gtest/gtest.h>

namespace bcsim {
namespace {

TEST(ManualClock, MovesOnlyWhenAdvanced) {
  ManualClock c(1000);
  EXPECT_EQ(c.NowMs(), 1000);
  EXPECT_EQ(c.Advance(500), 1500);
  EXPECT_EQ(c.Advance(-5), 1500);
  EXPECT_EQ(c.NowMs(), 1500);
}

TEST(VirtualClock, FollowsTheSteadySourcePlusAdvances) {
  Millis steady = 50;
  VirtualClock c(kDefaultStartTime, [&steady] { return steady; });
  EXPECT_EQ(c.NowMs(), kDefaultStartTime);
  steady += 250;
  EXPECT_EQ(c.NowMs(), kDefaultStartTime + 250);
  EXPECT_EQ(c.Advance(15LL * 24 * 3600 * 1000), kDefaultStartTime + 250 + 15LL * 24 * 3600 * 1000);
}

TEST(VirtualClock, RestartPutsItBackAndKeepsFollowingTheSource) {
  Millis steady = 50;
  VirtualClock c(kDefaultStartTime, [&steady] { return steady; });
  steady += 1000;
  c.Advance(15LL * 24 * 3600 * 1000);
  EXPECT_TRUE(c.Restart(kDefaultStartTime));
  EXPECT_EQ(c.NowMs(), kDefaultStartTime);
  steady += 10;
  EXPECT_EQ(c.NowMs(), kDefaultStartTime + 10);
}

}  // namespace
}  // namespace bcsim
