#include "basecamp/api_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "errors/catalogue.h"
#include "testing/fake_basecamp.h"
#include "bcsync/testing/fake_clock.h"

namespace bcsync::basecamp {
namespace {

using bcsync::testing::FakeBasecamp;
using bcsync::testing::JsonResponse;
using nlohmann::json;

class CountingTokens : public TokenSource {
 public:
  StatusOr<std::string> Token() override { return token; }
  StatusOr<std::string> RefreshNow() override {
    ++refreshes;
    if (!refresh_ok) return Status(StatusCode::kUnauthenticated, "revoked", errors::kTokenRevoked);
    token = "fresh";
    return token;
  }
  std::string token = "old";
  int refreshes = 0;
  bool refresh_ok = true;
};

class MapCache : public ResponseCache {
 public:
  std::optional<store::CachedResponse> Get(const std::string& url) override {
    auto it = entries.find(url);
    if (it == entries.end()) return std::nullopt;
    return it->second;
  }
  void Put(const std::string& url, const store::CachedResponse& r) override { entries[url] = r; }
  std::map<std::string, store::CachedResponse> entries;
};

class ApiClientTest : public ::testing::Test {
 protected:
  ApiDeps Deps() {
    ApiDeps d;
    d.transport = &fake_;
    d.throttle = &throttle_;
    d.clock = &clock_;
    d.sleeper = &sleeper_;
    d.user_agent = "bcsync (qa@bcsim.test)";
    d.basecamp_url = "http://bc.test";
    return d;
  }
  const std::string kUrl = "http://bc.test/1/projects.json";
  FakeBasecamp fake_;
  FakeClock clock_;
  FakeSleeper sleeper_{&clock_};
  Throttle throttle_{0, 0};
  CountingTokens tokens_;
  MapCache cache_;
};

std::vector<json> Items(int n) {
  std::vector<json> items;
  for (int i = 1; i <= n; ++i) items.push_back(json{{"id", i}});
  return items;
}

TEST_F(ApiClientTest, FollowsLinkAcrossPages) {
  fake_.ServePaged(kUrl, Items(40), 15);
  ApiClient api(Deps(), &tokens_, &cache_);
  auto items = api.GetAllPages(kUrl);
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(items->size(), 40u);
  EXPECT_EQ(api.request_count(), 3);
  EXPECT_EQ(api.request_ids(), (std::vector<std::string>{"req-1", "req-2", "req-3"}));
}

TEST_F(ApiClientTest, SendsUserAgentAndBearer) {
  fake_.ServePaged(kUrl, Items(1), 15);
  ApiClient api(Deps(), &tokens_, &cache_);
  ASSERT_TRUE(api.GetAllPages(kUrl).ok());
  const auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_THAT(requests[0].headers, ::testing::Contains(std::pair<std::string, std::string>(
                                       "User-Agent", "bcsync (qa@bcsim.test)")));
  EXPECT_THAT(requests[0].headers,
              ::testing::Contains(std::pair<std::string, std::string>("Authorization", "Bearer old")));
}

TEST_F(ApiClientTest, RefusesCrossOriginLink) {
  fake_.On("GET", kUrl,
           JsonResponse(200, json::array({json{{"id", 1}}}), {{"link", "<http://evil.test/1/projects.json?page=2>; rel=\"next\""}}));
  ApiClient api(Deps(), &tokens_, &cache_);
  auto items = api.GetAllPages(kUrl);
  EXPECT_EQ(items.status().error_code(), errors::kBadPaginationLink);
  EXPECT_EQ(fake_.total(), 1);
}

TEST_F(ApiClientTest, RefusesLinkWithOtherScheme) {
  fake_.On("GET", kUrl,
           JsonResponse(200, json::array({json{{"id", 1}}}), {{"link", "<https://bc.test/1/projects.json?page=2>; rel=\"next\""}}));
  ApiClient api(Deps(), &tokens_, &cache_);
  EXPECT_EQ(api.GetAllPages(kUrl).status().error_code(), errors::kBadPaginationLink);
}

TEST_F(ApiClientTest, NeverSendsTheTokenToAnotherOrigin) {
  ApiClient api(Deps(), &tokens_, &cache_);
  auto body = api.GetJson("http://evil.test/1/todolists/5.json");  // e.g. a todos_url in a body
  EXPECT_EQ(body.status().error_code(), errors::kBadPaginationLink);
  EXPECT_EQ(fake_.total(), 0);
  EXPECT_EQ(api.request_count(), 0);
}

TEST_F(ApiClientTest, StopsOnEmptyPageEvenWithLink) {
  fake_.On("GET", kUrl, JsonResponse(200, json::array(), {{"link", "<" + kUrl + "?page=2>; rel=\"next\""}}));
  ApiClient api(Deps(), &tokens_, &cache_);
  auto items = api.GetAllPages(kUrl);
  ASSERT_TRUE(items.ok());
  EXPECT_TRUE(items->empty());
  EXPECT_EQ(fake_.total(), 1);
}

TEST_F(ApiClientTest, ReusesCachedBodyOn304) {
  fake_.ServePaged(kUrl, Items(20), 15);
  ApiClient first(Deps(), &tokens_, &cache_);
  ASSERT_TRUE(first.GetAllPages(kUrl).ok());
  ApiClient second(Deps(), &tokens_, &cache_);
  auto items = second.GetAllPages(kUrl);
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(items->size(), 20u);  // both pages rebuilt from the cache, Link included
  EXPECT_EQ(second.not_modified_count(), 2);
  EXPECT_EQ(second.request_count(), 2);
}

TEST_F(ApiClientTest, RefreshesOnceOn401) {
  fake_.OnSeq("GET", kUrl, {JsonResponse(401, json{{"error", "OAuth token expired (old age)."}}),
                            JsonResponse(200, json::array())});
  ApiClient api(Deps(), &tokens_, &cache_);
  auto items = api.GetAllPages(kUrl);
  ASSERT_TRUE(items.ok());
  EXPECT_EQ(tokens_.refreshes, 1);
  const auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_THAT(requests[1].headers,
              ::testing::Contains(std::pair<std::string, std::string>("Authorization", "Bearer fresh")));
}

TEST_F(ApiClientTest, SecondConsecutive401IsRevoked) {
  fake_.On("GET", kUrl, JsonResponse(401, json{{"error", "no"}}));
  ApiClient api(Deps(), &tokens_, &cache_);
  auto result = api.GetJson(kUrl);
  EXPECT_EQ(result.status().error_code(), errors::kTokenRevoked);
  EXPECT_EQ(tokens_.refreshes, 1);
  EXPECT_EQ(fake_.total(), 2);
}

TEST_F(ApiClientTest, MalformedJsonIsUnexpectedResponse) {
  fake_.On("GET", kUrl, bcsync::testing::TextResponse(200, "[{\"id\": 1"));
  ApiClient api(Deps(), &tokens_, &cache_);
  EXPECT_EQ(api.GetAllPages(kUrl).status().error_code(), errors::kUnexpectedResponse);
}

// "Same-origin validation for pagination URLs" / "Auto-pagination follows Link headers":
// a relative next link is followed against the page it came on.
TEST_F(ApiClientTest, FollowsARelativeNextLinkOnTheSameOrigin) {
  fake_.On("GET", kUrl, JsonResponse(200, json::array({json{{"id", 1}}}), {{"link", "</1/projects.json?page=2>; rel=\"next\""}}));
  fake_.On("GET", kUrl + "?page=2",
           JsonResponse(200, json::array({json{{"id", 2}}}), {{"link", "?page=3; rel=next"}}));  // no <...>: the end
  ApiClient api(Deps(), &tokens_, &cache_);
  auto items = api.GetAllPages(kUrl);
  ASSERT_TRUE(items.ok()) << items.status().message();
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ((*items)[1]["id"], 2);
  const auto requests = fake_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[1].url, "http://bc.test/1/projects.json?page=2");
}

TEST_F(ApiClientTest, ResolvesAPathRelativeNextLinkAgainstThePageUrl) {
  fake_.On("GET", kUrl, JsonResponse(200, json::array({json{{"id", 1}}}), {{"link", "<projects.json?page=2>; rel=\"next\""}}));
  fake_.On("GET", kUrl + "?page=2", JsonResponse(200, json::array({json{{"id", 2}}})));
  ApiClient api(Deps(), &tokens_, &cache_);
  auto items = api.GetAllPages(kUrl);
  ASSERT_TRUE(items.ok()) << items.status().message();
  EXPECT_EQ(items->size(), 2u);
}

// "Auto-pagination continues past a malformed rel=next part": page 2's items are kept.
TEST_F(ApiClientTest, MovesPastAnEmptyNextPartAndKeepsTheNextPage) {
  fake_.On("GET", kUrl, JsonResponse(200, json::array({json{{"id", 1}}}),
                                     {{"link", "<>; rel=\"next\", </1/projects.json?page=2>; rel=\"next\""}}));
  fake_.On("GET", kUrl + "?page=2", JsonResponse(200, json::array({json{{"id", 2}}})));
  ApiClient api(Deps(), &tokens_, &cache_);
  auto items = api.GetAllPages(kUrl);
  ASSERT_TRUE(items.ok()) << items.status().message();
  ASSERT_EQ(items->size(), 2u);
  EXPECT_EQ(items->back()["id"], 2);
}

// A relative link is still held to the origin: "//host/..." names another host.
TEST_F(ApiClientTest, RefusesANetworkPathLinkToAnotherHost) {
  fake_.On("GET", kUrl, JsonResponse(200, json::array({json{{"id", 1}}}), {{"link", "<//evil.test/1/projects.json?page=2>; rel=\"next\""}}));
  ApiClient api(Deps(), &tokens_, &cache_);
  EXPECT_EQ(api.GetAllPages(kUrl).status().error_code(), errors::kBadPaginationLink);
  EXPECT_EQ(fake_.total(), 1);
}

// "Protocol downgrade in Link header rejected".
TEST_F(ApiClientTest, RefusesAnHttpsToHttpDowngrade) {
  ApiDeps deps = Deps();
  deps.basecamp_url = "https://bc.test";
  const std::string secure = "https://bc.test/1/projects.json";
  fake_.On("GET", secure, JsonResponse(200, json::array({json{{"id", 1}}}), {{"link", "<http://bc.test/1/projects.json?page=2>; rel=\"next\""}}));
  ApiClient api(deps, &tokens_, &cache_);
  auto items = api.GetAllPages(secure);
  EXPECT_EQ(items.status().error_code(), errors::kBadPaginationLink);
  EXPECT_EQ(fake_.total(), 1);
}

// When the refresh after a 401 fails, its own error is what the caller gets (not the 401's
// BC_TOKEN_REVOKED), and the GET is not replayed.
TEST_F(ApiClientTest, AFailedRefreshAfter401ReturnsTheRefreshError) {
  fake_.On("GET", kUrl, JsonResponse(401, json{{"error", "expired"}}));
  class FailingRefresh : public TokenSource {
   public:
    StatusOr<std::string> Token() override { return std::string("old"); }
    StatusOr<std::string> RefreshNow() override {
      return Status(StatusCode::kUnavailable, "token refresh: HTTP 503", errors::kUnavailable);
    }
  } tokens;
  ApiClient api(Deps(), &tokens, &cache_);
  auto result = api.GetJson(kUrl);
  EXPECT_EQ(result.status().error_code(), errors::kUnavailable);
  EXPECT_EQ(result.status().message(), "token refresh: HTTP 503");
  EXPECT_EQ(fake_.total(), 1);
}

}  // namespace
}  // namespace bcsync::basecamp
