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

// The mixed workload's writes (ci/bench (9)), each followed at the same virtual millisecond by
// the read that must show it: create a to-do, update it, comment on it, log time on it,
// complete it. Every GET is made once before the write too, so a stale cached answer would
// be there to serve.
TEST(ResponseCache, EveryMixedWorkloadWriteIsSeenByTheNextRead) {
  testing::TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  auto get = [&](const std::string& path) {
    auto r = t.cli->Get("/4000001" + path, t.Api(token));
    EXPECT_EQ(r->status, 200) << path << ": " << r->body;
    return nlohmann::json::parse(r->body, nullptr, false);
  };
  auto write = [&](const char* method, const std::string& path, const nlohmann::json& body,
                   int want) {
    auto r = t.cli->send([&] {
      httplib::Request q;
      q.method = method;
      q.path = "/4000001" + path;
      q.headers = t.Api(token);
      if (!body.is_null()) {
        q.body = body.dump();
        q.set_header("Content-Type", "application/json");
      }
      return q;
    }());
    EXPECT_EQ(r->status, want) << method << " " << path << ": " << r->body;
    return nlohmann::json::parse(r->body.empty() ? "null" : r->body, nullptr, false);
  };
  const std::string list = "/todolists/3000001/todos.json";
  const std::size_t listed = get(list).size();
  auto made = write("POST", list, {{"content", "Mixed"}}, 201);
  const std::string todo = "/todos/" + std::to_string(made["id"].get<long long>()) + ".json";
  EXPECT_EQ(get(list).size(), listed + 1);
  EXPECT_EQ(get(todo)["content"], "Mixed");

  write("PUT", todo, {{"content", "Mixed v2"}}, 200);
  EXPECT_EQ(get(todo)["content"], "Mixed v2");

  const std::string id = std::to_string(made["id"].get<long long>());
  const std::string comments = "/recordings/" + id + "/comments.json";
  EXPECT_EQ(get(comments).size(), 0u);
  auto comment = write("POST", comments, {{"content", "<div>c</div>"}}, 201);
  EXPECT_EQ(get(comments).size(), 1u);
  EXPECT_EQ(get("/comments/" + std::to_string(comment["id"].get<long long>()) + ".json")["content"],
            "<div>c</div>");

  const std::string sheet = "/recordings/" + id + "/timesheet.json";
  const nlohmann::json before = get(sheet);
  auto entry = write("POST", "/recordings/" + id + "/timesheet/entries.json",
                     {{"date", "2026-12-01"}, {"hours", "1.5"}, {"description", "d"}}, 201);
  EXPECT_NE(get(sheet), before);
  const std::string entry_path =
      "/timesheet_entries/" + std::to_string(entry["id"].get<long long>()) + ".json";
  EXPECT_EQ(get(entry_path)["description"], "d");

  EXPECT_EQ(get(todo)["completed"], false);
  write("POST", "/todos/" + id + "/completion.json", nullptr, 204);
  EXPECT_EQ(get(todo)["completed"], true);
}

}  // namespace
}  // namespace bcsim
