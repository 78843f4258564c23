#include "basecamp/response_map.h"

#include <gtest/gtest.h>

#include "errors/catalogue.h"
#include "testing/fake_basecamp.h"

namespace bcsync::basecamp {
namespace {

using bcsync::testing::TextResponse;

TEST(ApiStatusTest, MapsEveryStatusToItsCode) {
  EXPECT_TRUE(ApiStatus("x", TextResponse(200, "")).ok());
  EXPECT_TRUE(ApiStatus("x", TextResponse(304, "")).ok());
  EXPECT_EQ(ApiStatus("x", TextResponse(404, "", {{"reason", "Account Inactive"}})).error_code(),
            errors::kAccountInactive);
  EXPECT_EQ(ApiStatus("x", TextResponse(404, "", {{"reason", "API Disabled"}})).error_code(), errors::kApiDisabled);
  EXPECT_EQ(ApiStatus("x", TextResponse(404, "")).error_code(), errors::kNotVisible);
  EXPECT_EQ(ApiStatus("x", TextResponse(401, "")).error_code(), errors::kTokenRevoked);
  EXPECT_EQ(ApiStatus("x", TextResponse(429, "")).error_code(), errors::kRateLimited);
  EXPECT_EQ(ApiStatus("x", TextResponse(503, "")).error_code(), errors::kUnavailable);
  EXPECT_EQ(ApiStatus("x", TextResponse(500, "")).error_code(), errors::kUnavailable);
  EXPECT_EQ(ApiStatus("x", TextResponse(422, "")).error_code(), errors::kUnexpectedResponse);
}

// conformance/tests/error-mapping.json: "403 maps to forbidden", "404 maps to not_found".
TEST(ApiStatusTest, ForbiddenAndNotFoundAreDifferentProblems) {
  const Status forbidden = ApiStatus("x", TextResponse(403, "{\"error\":\"Forbidden\"}"));
  const Status not_found = ApiStatus("x", TextResponse(404, "{\"error\":\"Not found\"}"));
  EXPECT_EQ(forbidden.error_code(), errors::kPermissionDenied);
  EXPECT_EQ(forbidden.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(not_found.error_code(), errors::kNotVisible);
  EXPECT_EQ(not_found.code(), StatusCode::kNotFound);
  EXPECT_NE(forbidden.error_code(), not_found.error_code());
}

// 507 Insufficient Storage is an account limit: its own code, and not "wait and retry".
TEST(ApiStatusTest, InsufficientStorageIsAPlanLimitNotAnOutage) {
  const Status s = ApiStatus("x", TextResponse(507, "{\"error\":\"The project limit for this account has been reached.\"}"));
  EXPECT_EQ(s.error_code(), errors::kPlanLimit);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  for (int other : {500, 502, 503, 504}) EXPECT_EQ(ApiStatus("x", TextResponse(other, "")).error_code(), errors::kUnavailable);
}

TEST(RefreshFailureTest, PasswordChangeNeedsReconnect) {
  Status s = RefreshFailure(TextResponse(400, "{\"error\":\"authorization_expired\"}"));
  EXPECT_EQ(s.error_code(), errors::kPasswordChanged);
  EXPECT_TRUE(IsPermanentAuthFailure(s));
  EXPECT_EQ(RefreshFailure(TextResponse(400, "This Basecamp ID rekeyed its deadbolt.")).error_code(),
            errors::kPasswordChanged);
}

TEST(RefreshFailureTest, InvalidGrantIsRevoked) {
  Status s = RefreshFailure(TextResponse(400, "{\"error\":\"invalid_grant\"}"));
  EXPECT_EQ(s.error_code(), errors::kTokenRevoked);
  EXPECT_TRUE(IsPermanentAuthFailure(s));
}

TEST(RefreshFailureTest, UnknownBasecampIdMeansNoAccountsLeft) {
  Status s = RefreshFailure(TextResponse(401, "Unknown Basecamp ID."));
  EXPECT_EQ(s.error_code(), errors::kNoAccountsLeft);
  EXPECT_TRUE(IsPermanentAuthFailure(s));
}

TEST(RefreshFailureTest, ServerErrorIsTransient) {
  Status s = RefreshFailure(TextResponse(502, ""));
  EXPECT_EQ(s.error_code(), errors::kUnavailable);
  EXPECT_FALSE(IsPermanentAuthFailure(s));
}

TEST(RefreshFailureTest, InvalidClientIsMisconfiguredAndNotAReconnect) {
  Status s = RefreshFailure(TextResponse(401, "{\"error\":\"invalid_client\"}"));
  EXPECT_EQ(s.error_code(), errors::kClientMisconfigured);
  EXPECT_EQ(s.code(), StatusCode::kFailedPrecondition);
  EXPECT_FALSE(IsPermanentAuthFailure(s));
}

TEST(ExchangeFailureTest, MapsEveryStatusToItsCode) {
  EXPECT_EQ(ExchangeFailure(TextResponse(401, "{\"error\":\"invalid_client\"}")).error_code(),
            errors::kClientMisconfigured);
  EXPECT_EQ(ExchangeFailure(TextResponse(400, "{\"error\":\"invalid_grant\"}")).error_code(),
            errors::kTokenExchangeFailed);
  EXPECT_EQ(ExchangeFailure(TextResponse(401, "")).error_code(), errors::kTokenExchangeFailed);
  EXPECT_EQ(ExchangeFailure(TextResponse(429, "")).error_code(), errors::kRateLimited);
  EXPECT_EQ(ExchangeFailure(TextResponse(503, "")).error_code(), errors::kUnavailable);
}

}  // namespace
}  // namespace bcsync::basecamp
