#include "web/session.h"
#include "bcsync/testing/fake_clock.h"

#include <gtest/gtest.h>

namespace bcsync::web {
namespace {

class SessionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core.clock = &clock;
    ASSERT_TRUE(core.store.Open(":memory:").ok());
    store::Id company = *core.store.CreateCompany("Acme Corp");
    user = store::User{0, company, "alice@acme.test", "Alice", "owner", "x"};
    user.id = *core.store.CreateUser(user);
  }

  // Logs in and returns a request carrying the session cookie.
  httplib::Request LoggedInRequest() {
    httplib::Response res;
    EXPECT_TRUE(StartSession(core, user, res).ok());
    const std::string cookie = res.get_header_value("Set-Cookie");
    httplib::Request req;
    req.headers.emplace("Cookie", cookie.substr(0, cookie.find(';')));
    return req;
  }

  FakeClock clock;
  AppCore core;
  store::User user;
};

TEST_F(SessionTest, SessionExpiresTwelveHoursAfterLogin) {
  httplib::Request req = LoggedInRequest();
  clock.Advance(kSessionTtl - 1);
  ASSERT_TRUE(CurrentUser(core, req).has_value());
  EXPECT_EQ(CurrentUser(core, req)->user.email, "alice@acme.test");
  clock.Advance(1);
  EXPECT_FALSE(CurrentUser(core, req).has_value());
  clock.Set(clock.NowMs() - kSessionTtl);  // even with the clock back, the session is gone
  EXPECT_FALSE(CurrentUser(core, req).has_value());
}

class ApiWriteTest : public ::testing::Test {
 protected:
  bool Allowed(const httplib::Headers& headers) {
    httplib::Request req;
    req.headers = headers;
    return ApiWriteOk(who, req, {"http://tracker.test", "http://127.0.0.1:8080"});
  }
  LoggedIn who{store::User{}, store::Session{"hash", 1, "csrf-tok", 0}};
};

TEST_F(ApiWriteTest, AcceptsTheCsrfHeader) {
  EXPECT_TRUE(Allowed({{"X-CSRF-Token", "csrf-tok"}}));
  EXPECT_FALSE(Allowed({{"X-CSRF-Token", "wrong"}}));
}

TEST_F(ApiWriteTest, RefusesAFormPostWithoutToken) {
  EXPECT_FALSE(Allowed({}));
  EXPECT_FALSE(Allowed({{"Content-Type", "application/x-www-form-urlencoded"}}));
  EXPECT_FALSE(Allowed({{"Content-Type", "text/plain"}, {"Origin", "http://tracker.test"}}));
}

TEST_F(ApiWriteTest, AcceptsJsonFromOurOriginOrWithoutOrigin) {
  EXPECT_TRUE(Allowed({{"Content-Type", "application/json"}}));
  EXPECT_TRUE(Allowed({{"Content-Type", "Application/JSON; charset=utf-8"}, {"Origin", "http://tracker.test"}}));
  EXPECT_TRUE(Allowed({{"Content-Type", "application/json"}, {"Origin", "http://127.0.0.1:8080"}}));
}

TEST_F(ApiWriteTest, RefusesJsonFromAnotherOrigin) {
  EXPECT_FALSE(Allowed({{"Content-Type", "application/json"}, {"Origin", "http://evil.test"}}));
  EXPECT_FALSE(Allowed({{"Content-Type", "application/json"}, {"Origin", "null"}}));
}

}  // namespace
}  // namespace bcsync::web
