#include "basecamp/retry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fake_basecamp.h"

namespace bcsync::basecamp {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::Return;
using ::testing::StrictMock;
using bcsync::testing::MockTransport;
using bcsync::testing::TextResponse;

class RetryTest : public ::testing::Test {
 protected:
  HttpRequest Get() {
    HttpRequest r;
    r.url = "http://bc.test/1/projects.json";
    return r;
  }
  FakeClock clock_;
  FakeSleeper sleeper_{&clock_};
  Throttle throttle_{0, 0};
  StrictMock<MockTransport> transport_;
};

TEST_F(RetryTest, HonoursRetryAfterOn429) {
  EXPECT_CALL(transport_, Send)
      .WillOnce(Return(TextResponse(429, "slow down", {{"retry-after", "30"}})))
      .WillOnce(Return(TextResponse(200, "[]")));
  auto response = SendWithRetry(transport_, Get(), throttle_, clock_, sleeper_, RetryPolicy{});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_THAT(sleeper_.sleeps(), ElementsAre(30000));
}

TEST_F(RetryTest, BacksOffExponentiallyOn503) {
  EXPECT_CALL(transport_, Send)
      .WillOnce(Return(TextResponse(503, "")))
      .WillOnce(Return(TextResponse(503, "")))
      .WillOnce(Return(TextResponse(200, "[]")));
  int attempts = 0;
  auto response = SendWithRetry(transport_, Get(), throttle_, clock_, sleeper_, RetryPolicy{}, &attempts);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(attempts, 3);
  EXPECT_THAT(sleeper_.sleeps(), ElementsAre(1000, 2000));
}

TEST_F(RetryTest, GivesUpAfterThreeAttempts) {
  EXPECT_CALL(transport_, Send).Times(3).WillRepeatedly(Return(TextResponse(429, "")));
  auto response = SendWithRetry(transport_, Get(), throttle_, clock_, sleeper_, RetryPolicy{});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 429);
  EXPECT_THAT(sleeper_.sleeps(), ElementsAre(1000, 2000));
}

TEST_F(RetryTest, InvalidRetryAfterFallsBackToBackoff) {
  EXPECT_CALL(transport_, Send)
      .WillOnce(Return(TextResponse(503, "", {{"retry-after", "soon"}})))
      .WillOnce(Return(TextResponse(200, "")));
  ASSERT_TRUE(SendWithRetry(transport_, Get(), throttle_, clock_, sleeper_, RetryPolicy{}).ok());
  EXPECT_THAT(sleeper_.sleeps(), ElementsAre(1000));
}

TEST_F(RetryTest, DoesNotRetryPost) {
  HttpRequest post = Get();
  post.method = "POST";
  EXPECT_CALL(transport_, Send).WillOnce(Return(TextResponse(503, "")));
  auto response = SendWithRetry(transport_, post, throttle_, clock_, sleeper_, RetryPolicy{});
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 503);
  EXPECT_THAT(sleeper_.sleeps(), IsEmpty());
}

TEST_F(RetryTest, DoesNotRetry404Or500) {
  EXPECT_CALL(transport_, Send).WillOnce(Return(TextResponse(404, ""))).WillOnce(Return(TextResponse(500, "")));
  EXPECT_EQ(SendWithRetry(transport_, Get(), throttle_, clock_, sleeper_, RetryPolicy{})->status, 404);
  EXPECT_EQ(SendWithRetry(transport_, Get(), throttle_, clock_, sleeper_, RetryPolicy{})->status, 500);
  EXPECT_THAT(sleeper_.sleeps(), IsEmpty());
}

TEST_F(RetryTest, DoesNotRetryWhenNoResponseArrived) {
  EXPECT_CALL(transport_, Send).WillOnce(Return(UnavailableError("refused")));
  auto response = SendWithRetry(transport_, Get(), throttle_, clock_, sleeper_, RetryPolicy{});
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable);
}

TEST(ThrottleTest, RetryAfterSeenByOneUserHoldsBackEveryone) {
  FakeClock clock;
  FakeSleeper sleeper(&clock);
  Throttle throttle(0, 0);
  throttle.HoldUntil(clock.NowMs() + 5000);
  throttle.Acquire(clock, sleeper);
  EXPECT_THAT(sleeper.sleeps(), ElementsAre(5000));
}

TEST(ThrottleTest, KeepsUnderTheWindowLimit) {
  FakeClock clock;
  FakeSleeper sleeper(&clock);
  Throttle throttle(2, 10'000);
  throttle.Acquire(clock, sleeper);
  clock.Advance(1000);
  throttle.Acquire(clock, sleeper);
  throttle.Acquire(clock, sleeper);  // third within 10 s: waits until the first leaves the window
  EXPECT_THAT(sleeper.sleeps(), ElementsAre(9000));
}

TEST(ParseRetryAfterTest, AcceptsSecondsOnly) {
  EXPECT_EQ(ParseRetryAfter("2"), 2000);
  EXPECT_EQ(ParseRetryAfter(""), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("-1"), std::nullopt);
  EXPECT_EQ(ParseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"), std::nullopt);
}

}  // namespace
}  // namespace bcsync::basecamp
