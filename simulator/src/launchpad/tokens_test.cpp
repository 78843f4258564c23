// Launchpad's bounded state: expired codes, tokens and sessions are pruned on the virtual clock,
// and a long chain of refreshes keeps a bounded number of tokens.
#include "launchpad/tokens.h"

#include <gtest/gtest.h>

#include "bcsim/clock.h"

namespace bcsim {
namespace {

World TestWorld() {
  World w;
  Identity alice;
  alice.key = "alice";
  w.identities["alice"] = alice;
  return w;
}

TEST(LaunchpadPruning, ARefreshChainKeepsABoundedNumberOfTokens) {
  World w = TestWorld();
  const std::size_t grant = AddGrant(w, "tracker", "alice");
  Millis now = kDefaultStartTime;
  std::string refresh = IssueTokens(w, grant, now, true)["refresh_token"];
  for (int i = 0; i < 5000; ++i) {
    now += 10;
    RetireRefreshToken(w, refresh);  // as a rotating refresh does
    refresh = IssueTokens(w, grant, now, true)["refresh_token"].get<std::string>();
  }
  EXPECT_LE(w.access_tokens.size(), kLiveAccessPerGrant);
  EXPECT_LE(w.refresh_tokens.size(), kRetiredRefreshPerGrant + 1);
  EXPECT_LE(w.oauth_order.access_tokens.size(), 2 * kLiveAccessPerGrant + 64);
  EXPECT_EQ(w.refresh_tokens.count(refresh), 1u);
  EXPECT_FALSE(w.refresh_tokens.at(refresh).replaced);
}

TEST(LaunchpadPruning, ExpiredCodesTokensAndSessionsGoOnTheVirtualClock) {
  World w = TestWorld();
  ManualClock clock(kDefaultStartTime);
  for (int i = 0; i < 100; ++i) {
    AuthorizationCode c;
    c.code = "code" + std::to_string(i);
    c.expires_at = clock.NowMs() + w.limits.code_ttl_ms;
    w.codes[c.code] = c;
    TrackCode(w, c.code, clock.NowMs());
    const std::string session = "session" + std::to_string(i);
    w.browser_sessions[session] = BrowserSession{"alice", clock.NowMs() + kSessionTtlMs};
    TrackSession(w, session, clock.NowMs());
    IssueTokens(w, AddGrant(w, "tracker", "alice"), clock.NowMs(), true);
  }
  EXPECT_EQ(w.codes.size(), 100u);
  EXPECT_EQ(w.access_tokens.size(), 100u);
  clock.Advance(w.limits.code_ttl_ms);
  PruneOAuth(w, clock.NowMs());
  EXPECT_TRUE(w.codes.empty());
  EXPECT_TRUE(w.oauth_order.codes.empty());
  EXPECT_EQ(w.access_tokens.size(), 100u);  // still valid
  // Expired access tokens still answer "expired (old age)" for a while, then go.
  clock.Advance(w.limits.access_token_ttl_ms);
  PruneOAuth(w, clock.NowMs());
  EXPECT_EQ(w.access_tokens.size(), 100u);
  clock.Advance(kExpiredAccessKeptMs);
  PruneOAuth(w, clock.NowMs());
  EXPECT_TRUE(w.access_tokens.empty());
  EXPECT_TRUE(w.oauth_order.access_tokens.empty());
  EXPECT_EQ(w.browser_sessions.size(), 100u);  // sessions last kSessionTtlMs
  clock.Advance(kSessionTtlMs);
  PruneOAuth(w, clock.NowMs());
  EXPECT_TRUE(w.browser_sessions.empty());
  EXPECT_TRUE(w.oauth_order.sessions.empty());
}

TEST(LaunchpadPruning, SessionsBeyondTheCapGoOldestFirst) {
  World w = TestWorld();
  for (std::size_t i = 0; i < kMaxSessions + 10; ++i) {
    const std::string session = "s" + std::to_string(i);
    w.browser_sessions[session] = BrowserSession{"alice", kDefaultStartTime + kSessionTtlMs};
    TrackSession(w, session, kDefaultStartTime);
  }
  EXPECT_EQ(w.browser_sessions.size(), kMaxSessions);
  EXPECT_EQ(w.browser_sessions.count("s0"), 0u);
  EXPECT_EQ(w.browser_sessions.count("s" + std::to_string(kMaxSessions + 9)), 1u);
}

}  // namespace
}  // namespace bcsim
