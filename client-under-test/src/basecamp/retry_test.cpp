#include "basecamp/retry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "testing/fake_basecamp.h"
#include "bcsync/testing/fake_clock.h"

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

// Retry-After 0, negative, partly numeric, a past HTTP-date, junk: the ordinary backoff, never
// an immediate retry (conformance/tests/retry.json, the "... falls through to backoff" cases).
class UnusableRetryAfterTest : public RetryTest, public ::testing::WithParamInterface<const char*> {};

TEST_P(UnusableRetryAfterTest, WaitsTheNormalBackoff) {
  EXPECT_CALL(transport_, Send)
      .WillOnce(Return(TextResponse(429, "", {{"retry-after", GetParam()}})))
      .WillOnce(Return(TextResponse(200, "[]")));
  const Millis start = clock_.NowMs();
  ASSERT_EQ(SendWithRetry(transport_, Get(), throttle_, clock_, sleeper_, RetryPolicy{})->status, 200);
  EXPECT_THAT(sleeper_.sleeps(), ElementsAre(1000));
  EXPECT_EQ(clock_.NowMs() - start, 1000);
}

INSTANTIATE_TEST_SUITE_P(Values, UnusableRetryAfterTest,
                         ::testing::Values("0", "-5", "120junk", "Wed, 09 Jun 2021 10:18:14 GMT", "soon", ""));

// The wrong variant of the cases above: a usable value is honoured, so the backoff they get is
// the parser's refusal and not a client that ignores Retry-After altogether.
TEST_F(RetryTest, HonoursAFutureHttpDate) {
  EXPECT_CALL(transport_, Send)
      .WillOnce(Return(TextResponse(503, "", {{"retry-after", "Tue, 01 Dec 2026 09:00:09 GMT"}})))
      .WillOnce(Return(TextResponse(200, "[]")));
  ASSERT_EQ(SendWithRetry(transport_, Get(), throttle_, clock_, sleeper_, RetryPolicy{})->status, 200);
  EXPECT_THAT(sleeper_.sleeps(), ElementsAre(9000));
}

// Issue 10's report: three 429s with Retry-After 0 used to go out within the same second.
TEST_F(RetryTest, ThreeRetryAfterZerosTakeThreeSeconds) {
  EXPECT_CALL(transport_, Send).Times(3).WillRepeatedly(Return(TextResponse(429, "", {{"retry-after", "0"}})));
  const Millis start = clock_.NowMs();
  int attempts = 0;
  EXPECT_EQ(SendWithRetry(transport_, Get(), throttle_, clock_, sleeper_, RetryPolicy{}, &attempts)->status, 429);
  EXPECT_EQ(attempts, 3);
  EXPECT_THAT(sleeper_.sleeps(), ElementsAre(1000, 2000));
  EXPECT_EQ(clock_.NowMs() - start, 3000);
}

// A GET whose connection was refused, dropped, reset or cut short is retried with the normal
// backoff (conformance/tests/network-retry.json: idempotent requests are retried).
TEST_F(RetryTest, RetriesAGetWhoseConnectionDropped) {
  EXPECT_CALL(transport_, Send)
      .WillOnce(Return(UnavailableError("GET http://bc.test failed: Read")))
      .WillOnce(Return(TextResponse(200, "[]")));
  int attempts = 0;
  auto response = SendWithRetry(transport_, Get(), throttle_, clock_, sleeper_, RetryPolicy{}, &attempts);
  ASSERT_TRUE(response.ok());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(attempts, 2);
  EXPECT_THAT(sleeper_.sleeps(), ElementsAre(1000));
}

TEST_F(RetryTest, DroppedConnectionsShareTheAttemptBudgetWithStatusRetries) {
  EXPECT_CALL(transport_, Send)
      .WillOnce(Return(TextResponse(503, "")))
      .WillOnce(Return(UnavailableError("reset")))
      .WillOnce(Return(UnavailableError("reset")));
  int attempts = 0;
  auto response = SendWithRetry(transport_, Get(), throttle_, clock_, sleeper_, RetryPolicy{}, &attempts);
  EXPECT_EQ(response.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(attempts, 3);
  EXPECT_THAT(sleeper_.sleeps(), ElementsAre(1000, 2000));
}

// "Network error on a non-idempotent POST is not retried": a dropped write may be stored.
TEST_F(RetryTest, NeverResendsAWriteWhoseConnectionDropped) {
  for (const char* method : {"POST", "PUT", "DELETE"}) {
    HttpRequest write = Get();
    write.method = method;
    EXPECT_CALL(transport_, Send).WillOnce(Return(UnavailableError("reset")));
    int attempts = 0;
    auto response = SendWithRetry(transport_, write, throttle_, clock_, sleeper_, RetryPolicy{}, &attempts);
    EXPECT_EQ(response.status().code(), StatusCode::kUnavailable) << method;
    EXPECT_EQ(attempts, 1) << method;
    ::testing::Mock::VerifyAndClearExpectations(&transport_);
  }
  EXPECT_THAT(sleeper_.sleeps(), IsEmpty());
}

TEST_F(RetryTest, DoesNotRetryARequestThatCannotBeSent) {
  EXPECT_CALL(transport_, Send).WillOnce(Return(InvalidArgumentError("not an absolute URL: x")));
  EXPECT_EQ(SendWithRetry(transport_, Get(), throttle_, clock_, sleeper_, RetryPolicy{}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_THAT(sleeper_.sleeps(), IsEmpty());
}

// 403, 500, 502, 504 and 507 are outside the behaviour model's retry_on [429, 503].
TEST_F(RetryTest, DoesNotRetryStatusesOutsideTheModel) {
  for (int status : {403, 500, 502, 504, 507}) {
    EXPECT_CALL(transport_, Send).WillOnce(Return(TextResponse(status, "")));
    EXPECT_EQ(SendWithRetry(transport_, Get(), throttle_, clock_, sleeper_, RetryPolicy{})->status, status);
    ::testing::Mock::VerifyAndClearExpectations(&transport_);
  }
  EXPECT_THAT(sleeper_.sleeps(), IsEmpty());
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

}  // namespace
}  // namespace bcsync::basecamp
