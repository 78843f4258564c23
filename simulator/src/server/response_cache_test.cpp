// ResponseCache: exact keys, answers only for the same world generation and millisecond, and
// (through the server) a write or event at the same virtual millisecond is seen by the next GET.
#include "server/response_cache.h"

#include <gtest/gtest.h>

#include "server/test_support.h"

namespace bcsim {
namespace {

ApiRequest Get(const std::string& path, std::multimap<std::string, std::string> params = {}) {
  ApiRequest r;
  r.method = "GET";
  r.path = path;
  r.params = std::move(params);
  r.identity = "alice";
  return r;
}

std::shared_ptr<const CachedResponse> Answer(const std::string& body) {
  auto c = std::make_shared<CachedResponse>();
  c->response.body = body;
  return c;
}

TEST(ResponseCache, KeysDifferWhenAnyFieldDiffers) {
  const std::string base = ResponseCache::KeyOf(Get("/1/projects.json", {{"page", "2"}}));
  EXPECT_NE(base, ResponseCache::KeyOf(Get("/1/projects.json", {{"page", "3"}})));
  EXPECT_NE(base, ResponseCache::KeyOf(Get("/2/projects.json", {{"page", "2"}})));
  ApiRequest bob = Get("/1/projects.json", {{"page", "2"}});
  bob.identity = "bob";
  EXPECT_NE(base, ResponseCache::KeyOf(bob));
  // Separators inside values cannot make two requests look alike.
  EXPECT_NE(ResponseCache::KeyOf(Get("/p", {{"a", "1:b"}})), ResponseCache::KeyOf(Get("/p", {{"a", "1"}, {"b", ""}})));
}

TEST(ResponseCache, WritesAndBodiesAreNeverCached) {
  ApiRequest post = Get("/1/todos/2/completion.json");
  post.method = "POST";
  EXPECT_EQ(ResponseCache::KeyOf(post), "");
  ApiRequest with_body = Get("/1/projects.json");
  with_body.body = "{}";
  EXPECT_EQ(ResponseCache::KeyOf(with_body), "");
}

TEST(ResponseCache, AnswersOnlyForTheSameGenerationAndMillisecond) {
  ResponseCache cache;
  const std::string key = ResponseCache::KeyOf(Get("/1/projects.json"));
  cache.Store(7, 1000, key, Answer("a"));
  ASSERT_NE(cache.Find(7, 1000, key), nullptr);
  EXPECT_EQ(cache.Find(7, 1000, key)->response.body, "a");
  EXPECT_EQ(cache.Find(8, 1000, key), nullptr);
  EXPECT_EQ(cache.Find(7, 1001, key), nullptr);
  cache.Store(6, 1000, key, Answer("old"));  // an older world never replaces a newer one
  EXPECT_EQ(cache.Find(7, 1000, key)->response.body, "a");
  cache.Store(8, 1000, key, Answer("b"));
  EXPECT_EQ(cache.Find(7, 1000, key), nullptr);
  EXPECT_EQ(cache.Find(8, 1000, key)->response.body, "b");
}

TEST(ResponseCache, ServerShowsAWriteMadeInTheSameMillisecond) {
  testing::TestSim t;  // ManualClock: the clock does not move between these requests
  std::string token = t.Mint("alice")["access_token"];
  const std::string list = "/4000001/todolists/3000001/todos.json";
  auto before = t.cli->Get(list, t.Api(token));
  ASSERT_EQ(before->status, 200) << before->body;
  auto todos = nlohmann::json::parse(before->body);
  ASSERT_EQ(todos.size(), 1u);
  EXPECT_EQ(todos[0]["completed"], false);
  const std::string id = std::to_string(todos[0]["id"].get<long long>());
  auto done = t.cli->Post("/4000001/todos/" + id + "/completion.json", t.Api(token), "", "application/json");
  ASSERT_EQ(done->status, 204) << done->body;
  // Completed to-dos leave the default (pending) list; the next GET must not be the cached one.
  auto after = t.cli->Get(list, t.Api(token));
  ASSERT_EQ(after->status, 200);
  EXPECT_NE(after->body, before->body);
  EXPECT_NE(after->get_header_value("ETag"), before->get_header_value("ETag"));
}

}  // namespace
}  // namespace bcsim
