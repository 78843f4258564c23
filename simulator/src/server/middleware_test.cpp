// The API middleware over real HTTP: User-Agent, rate limit, Bearer checks, Content-Type,
// request ids and ETags.
#include "server/dispatch.h"

#include <gtest/gtest.h>

#include <set>

#include "server/test_support.h"

namespace bcsim {
namespace {

using testing::TestSim;
using nlohmann::json;

TEST(ApiMiddleware, MissingUserAgentIs400) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  auto r = t.cli->Get("/4000001/projects.json", {{"Authorization", "Bearer " + token}, {"User-Agent", ""}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_TRUE(json::parse(r->body).contains("error"));
}

TEST(ApiMiddleware, MissingOrUnknownTokenIs401) {
  TestSim t;
  auto none = t.cli->Get("/4000001/projects.json", {{"User-Agent", "T (t@x.test)"}});
  EXPECT_EQ(none->status, 401);
  EXPECT_EQ(json::parse(none->body)["error"], "OAuth token is missing or invalid");
  auto bad = t.cli->Get("/4000001/projects.json", t.Api("BAhnotatoken"));
  EXPECT_EQ(bad->status, 401);
}

TEST(ApiMiddleware, ExpiredTokenGivesBasecampsOldAgeMessage) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  t.clock->Advance(14LL * 24 * 3600 * 1000);
  auto r = t.cli->Get("/4000001/projects.json", t.Api(token));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 401);
  const std::string origin = t.sim->base_url();
  EXPECT_EQ(json::parse(r->body)["error"],
            "OAuth token expired (old age). Refresh your token or acquire a new one at <a href=\"" +
                origin + "/authorization/new\">" + origin + "/authorization/new</a>");
}

TEST(ApiMiddleware, WriteWithoutJsonContentTypeIs415) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  auto r = t.cli->Post("/4000001/todos/1/completion.json", t.Api(token), "{}", "text/plain");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 415);
}

TEST(ApiMiddleware, AnAttachmentIsTheFileItselfWithItsOwnContentType) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  auto r = t.cli->Post("/4000001/attachments.json?name=logo.png", t.Api(token),
                       std::string("\x89PNG\r\n", 6), "image/png");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201) << r->body;
  EXPECT_TRUE(json::parse(r->body).contains("attachable_sgid")) << r->body;
  // Everything else still wants JSON.
  EXPECT_EQ(t.cli->Post("/4000001/projects.json", t.Api(token), "x", "image/png")->status, 415);
}

// cpp-httplib moves a multipart/form-data body into its parts; the handler still reads them
// (the SDK's account.updateAccountLogo), and a body without the `logo` part is still refused.
TEST(ApiMiddleware, AMultipartLogoReachesTheHandler) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  httplib::MultipartFormDataItems logo = {
      {"logo", std::string("\x89PNG\r\n", 6), "logo.png", "image/png"}};
  auto r = t.cli->Put("/4000001/account/logo.json", t.Api(token), logo);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 204) << r->body;
  EXPECT_TRUE(
      json::parse(t.cli->Get("/4000001/account.json", t.Api(token))->body).contains("logo"));
  httplib::MultipartFormDataItems other = {{"avatar", "x", "a.png", "image/png"}};
  auto refused = t.cli->Put("/4000001/account/logo.json", t.Api(token), other);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->status, 422) << refused->body;
}

TEST(ApiMiddleware, RateLimitGives429WithRetryAfterThenAllowsAfterTheWindow) {
  TestSim t(testing::TestWorldYaml("  limits:\n    rate: {requests: 3, per: 10s}\n"));
  std::string token = t.Mint("alice")["access_token"];
  for (int i = 0; i < 3; ++i) EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(token))->status, 200);
  t.clock->Advance(4000);
  auto limited = t.cli->Get("/4000001/projects.json", t.Api(token));
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->status, 429);
  EXPECT_EQ(limited->get_header_value("Retry-After"), "6");
  EXPECT_EQ(json::parse(limited->body), (json{{"error", "Too Many Requests"}, {"retry_after", 6}}));
  t.clock->Advance(6000);
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(token))->status, 200);
}

TEST(ApiMiddleware, NotModifiedResponsesCountTowardsTheRateLimit) {
  TestSim t(testing::TestWorldYaml("  limits:\n    rate: {requests: 2, per: 10s}\n"));
  std::string token = t.Mint("alice")["access_token"];
  auto first = t.cli->Get("/4000001/projects.json", t.Api(token));
  auto headers = t.Api(token);
  headers.emplace("If-None-Match", first->get_header_value("ETag"));
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", headers)->status, 304);
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", headers)->status, 429);
}

TEST(ApiMiddleware, EveryResponseHasAUniqueRequestId) {
  TestSim t;
  std::set<std::string> ids;
  ids.insert(t.cli->Get("/4000001/projects.json")->get_header_value("X-Request-Id"));
  ids.insert(t.cli->Get("/")->get_header_value("X-Request-Id"));
  ids.insert(t.cli->Get("/__bcsim/health")->get_header_value("X-Request-Id"));
  ids.insert(t.cli->Get("/nowhere")->get_header_value("X-Request-Id"));
  EXPECT_EQ(ids.size(), 4u);
  EXPECT_EQ(ids.count(""), 0u);
}

TEST(ApiMiddleware, WeakEtagAnd304OnMatchingIfNoneMatch) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  auto first = t.cli->Get("/4000001/projects.json", t.Api(token));
  ASSERT_EQ(first->status, 200);
  const std::string etag = first->get_header_value("ETag");
  EXPECT_EQ(etag.rfind("W/\"", 0), 0u);
  auto headers = t.Api(token);
  headers.emplace("If-None-Match", etag);
  auto again = t.cli->Get("/4000001/projects.json", headers);
  EXPECT_EQ(again->status, 304);
  EXPECT_EQ(again->body, "");
  t.PostEvent({{"event", "rename"}, {"todo", "copy"}, {"title", "Write better copy"}});
  auto list = t.cli->Get("/4000001/todolists/3000001/todos.json", t.Api(token));
  headers = t.Api(token);
  headers.emplace("If-None-Match", list->get_header_value("ETag"));
  EXPECT_EQ(t.cli->Get("/4000001/todolists/3000001/todos.json", headers)->status, 304);
  t.PostEvent({{"event", "rename"}, {"todo", "copy"}, {"title", "Write the best copy"}});
  EXPECT_EQ(t.cli->Get("/4000001/todolists/3000001/todos.json", headers)->status, 200);
}

TEST(ApiMiddleware, SurvivesGarbageRequests) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  auto r = t.cli->Post("/4000001/recordings/1/timesheet/entries.json", t.Api(token), "{not json",
                       "application/json");
  ASSERT_TRUE(r);
  EXPECT_GE(r->status, 400);
  EXPECT_EQ(t.cli->Get("/__bcsim/health")->status, 200);
}

}  // namespace
}  // namespace bcsim

namespace bcsim::testing {
namespace {

// The GET cache is keyed by world generation: a write in the same (virtual) millisecond as the
// reads around it is visible to the very next read, and the old ETag no longer matches.
TEST(ApiMiddleware, EveryWriteIsVisibleToTheNextReadInTheSameMillisecond) {
  TestSim t;  // ManualClock: every request below happens in one millisecond
  std::string token = t.Mint("alice")["access_token"];
  const std::string list = "/4000001/todolists/3000001/todos.json";
  auto before = t.cli->Get(list, t.Api(token));
  ASSERT_EQ(before->status, 200);
  ASSERT_EQ(nlohmann::json::parse(before->body).size(), 1u);
  auto created = t.cli->Post(list, t.Api(token), R"({"content":"Ship it"})", "application/json");
  ASSERT_EQ(created->status, 201) << created->body;
  const std::string url = nlohmann::json::parse(created->body)["url"];
  EXPECT_EQ(created->get_header_value("Location"), url);
  auto after = t.cli->Get(list, t.Api(token));
  ASSERT_EQ(nlohmann::json::parse(after->body).size(), 2u);
  EXPECT_NE(after->get_header_value("ETag"), before->get_header_value("ETag"));

  const std::string todo = url.substr(url.find("/4000001/"));
  auto one = t.cli->Get(todo, t.Api(token));
  ASSERT_EQ(one->status, 200);
  auto put = t.cli->Put(todo, t.Api(token), R"({"content":"Ship it today"})", "application/json");
  ASSERT_EQ(put->status, 200) << put->body;
  auto headers = t.Api(token);
  headers.emplace("If-None-Match", one->get_header_value("ETag"));
  auto fresh = t.cli->Get(todo, headers);
  ASSERT_EQ(fresh->status, 200);
  EXPECT_EQ(nlohmann::json::parse(fresh->body)["title"], "Ship it today");

  const std::string id = std::to_string(nlohmann::json::parse(created->body)["id"].get<Id>());
  const std::string comments = "/4000001/recordings/" + id + "/comments.json";
  EXPECT_EQ(t.cli->Get(comments, t.Api(token))->body, "[]");
  ASSERT_EQ(t.cli->Post(comments, t.Api(token), R"({"content":"<p>Done?</p>"})",
                        "application/json")->status, 201);
  EXPECT_EQ(nlohmann::json::parse(t.cli->Get(comments, t.Api(token))->body).size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(t.cli->Get(todo, t.Api(token))->body)["comments_count"], 1);
}

// The document's own form: no .json, Accept: application/json (what the official SDK sends).
TEST(ApiMiddleware, DocumentFormWithoutJsonSuffixServesJson) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  auto headers = t.Api(token);
  headers.emplace("Accept", "application/json");
  auto bare = t.cli->Get("/4000001/todolists/3000001", headers);
  ASSERT_EQ(bare->status, 200);
  EXPECT_EQ(bare->get_header_value("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(bare->body, t.cli->Get("/4000001/todolists/3000001.json", t.Api(token))->body);
}

}  // namespace
}  // namespace bcsim::testing
