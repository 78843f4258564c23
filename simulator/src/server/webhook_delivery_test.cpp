// Webhook delivery (server/webhook_delivery.h): the retry schedule and deactivation on the
// virtual clock, and real deliveries to a loopback receiver (httplib on port 0): headers,
// payload, order, recent_deliveries, outbound journal entries and outbound faults.
#include "server/webhook_delivery.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>
#include <vector>

#include "server/test_support.h"

namespace bcsim {
namespace {

using nlohmann::json;
using testing::TestSim;

// --- The schedule, on its own -------------------------------------------------------------

WebhookAttempt Answer(const Webhook& w, int code) {
  WebhookAttempt a;
  a.event = w.queue.front().event;
  a.attempts_before = w.queue.front().attempts;
  a.code = code;
  return a;
}

Webhook WithOneDelivery() {
  Webhook w;
  w.id = 7;
  w.queue.push_back(PendingDelivery{100, json{{"kind", "todo_created"}}, 0, 0});
  w.queue.push_back(PendingDelivery{101, json{{"kind", "todo_trashed"}}, 0, 0});
  return w;
}

TEST(WebhookSchedule, RetryDelaysDoubleFromOneMinute) {
  EXPECT_EQ(WebhookRetryDelay(1), 60'000);
  EXPECT_EQ(WebhookRetryDelay(2), 120'000);
  EXPECT_EQ(WebhookRetryDelay(9), 256LL * 60'000);
  EXPECT_NE(WebhookRetryDelay(3), WebhookRetryDelay(2));  // a flat schedule would fail this
}

TEST(WebhookSchedule, AFailureIsDueAgainAfterTheBackoffAndASuccessMovesOn) {
  Webhook w = WithOneDelivery();
  RecordWebhookAttempt(w, Answer(w, 500), 1, 1000);
  ASSERT_EQ(w.queue.size(), 2u);
  EXPECT_EQ(w.queue.front().attempts, 1);
  EXPECT_EQ(w.queue.front().due_ms, 1000 + 60'000);
  EXPECT_EQ(w.failed_attempts, 1);
  RecordWebhookAttempt(w, Answer(w, 302), 2, 61'000);  // 3xx is not followed: a failure
  EXPECT_EQ(w.queue.front().due_ms, 61'000 + 120'000);
  RecordWebhookAttempt(w, Answer(w, 204), 3, 181'000);
  ASSERT_EQ(w.queue.size(), 1u);
  EXPECT_EQ(w.queue.front().event, 101);
  EXPECT_EQ(w.failed_attempts, 0);
  EXPECT_TRUE(w.active);
  ASSERT_EQ(w.recent_deliveries.size(), 3u);
  EXPECT_EQ(w.recent_deliveries.front().id, 3);  // newest first
  EXPECT_EQ(w.recent_deliveries.back().response_code, 500);
}

TEST(WebhookSchedule, TenFailuresInARowDeactivateAndNineDoNot) {
  Webhook w = WithOneDelivery();
  for (int i = 0; i < kWebhookMaxAttempts - 1; ++i) RecordWebhookAttempt(w, Answer(w, 0), i, i);
  EXPECT_TRUE(w.active);  // the wrong variant: nine failures are not enough
  EXPECT_EQ(w.queue.size(), 2u);
  RecordWebhookAttempt(w, Answer(w, 503), 10, 10);
  EXPECT_FALSE(w.active);
  EXPECT_TRUE(w.queue.empty());
}

TEST(WebhookSchedule, AStaleAttemptOnlyAddsItsRecord) {
  Webhook w = WithOneDelivery();
  WebhookAttempt a = Answer(w, 200);
  a.event = 999;  // its delivery left the queue meanwhile
  RecordWebhookAttempt(w, a, 1, 5);
  EXPECT_EQ(w.queue.size(), 2u);
  EXPECT_EQ(w.recent_deliveries.size(), 1u);
  Webhook busy = WithOneDelivery();
  for (int i = 0; i < 30; ++i) RecordWebhookAttempt(busy, Answer(busy, 500), i, i);
  EXPECT_EQ(busy.recent_deliveries.size(), 25u);  // bounded: 25 kept
}

// --- Real deliveries ------------------------------------------------------------------------

// A receiver on a loopback port: records every POST, answers `status` (changeable).
struct Receiver {
  struct Got {
    httplib::Headers headers;
    std::string path;
    json body;
  };
  Receiver() {
    server.Post(".*", [this](const httplib::Request& req, httplib::Response& res) {
      std::lock_guard<std::mutex> lock(mu);
      got.push_back(Got{req.headers, req.path, json::parse(req.body, nullptr, false)});
      cv.notify_all();
      res.status = status;
      if (status != 204) res.set_content("{\"ok\":true}", "application/json");
    });
    port = server.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { server.listen_after_bind(); });
    // stop() before listening starts would be lost and join() would wait forever.
    while (!server.is_running()) std::this_thread::yield();
  }
  ~Receiver() {
    server.stop();
    thread.join();
  }
  std::vector<Got> Received() {
    std::lock_guard<std::mutex> lock(mu);
    return got;
  }
  // Waits (on a condition, not a sleep) until `n` deliveries arrived; false after 10 s.
  bool WaitFor(std::size_t n) {
    std::unique_lock<std::mutex> lock(mu);
    return cv.wait_for(lock, std::chrono::seconds(10), [&] { return got.size() >= n; });
  }
  void Answer(int s) {
    std::lock_guard<std::mutex> lock(mu);
    status = s;
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(port) + "/hooks/bc?token=s3cr3t"; }

  httplib::Server server;
  int port = 0;
  std::thread thread;
  std::mutex mu;
  std::condition_variable cv;
  std::vector<Got> got;  // guarded by mu
  int status = 200;      // guarded by mu
};

void Deterministic(SimulatorOptions& o) {
  o.deliver_webhooks_in_background = false;
  o.journal_bodies = true;
}

class WebhookDeliveryTest : public ::testing::Test {
 protected:
  WebhookDeliveryTest() : t(testing::TestWorldYaml(), Deterministic) {
    token = t.Mint("alice")["access_token"];
  }

  json Post(const std::string& path, const json& body, int want) {
    auto r = t.cli->Post(path, t.Api(token), body.dump(), "application/json");
    EXPECT_TRUE(r);
    if (!r) return json();
    EXPECT_EQ(r->status, want) << path << ": " << r->body;
    return r->body.empty() ? json() : json::parse(r->body, nullptr, false);
  }
  json Control(const std::string& path, const json& body = json::object()) {
    auto r = t.cli->Post(path, body.dump(), "application/json");
    EXPECT_TRUE(r);
    return r ? json::parse(r->body, nullptr, false) : json();
  }
  json Flush() { return Control("/__bcsim/webhooks/flush"); }
  json Hook(Id id) {
    auto r = t.cli->Get("/4000001/webhooks/" + std::to_string(id) + ".json", t.Api(token));
    EXPECT_TRUE(r);
    return json::parse(r->body);
  }
  Id Register(const json& types) {
    json w = Post("/4000001/buckets/2000001/webhooks.json",
                  {{"payload_url", rx.Url()}, {"types", types}}, 201);
    return w["id"].get<Id>();
  }
  std::string TodoId() { return std::to_string(StableId("todo", "copy")); }

  Receiver rx;
  TestSim t;
  std::string token;
};

TEST_F(WebhookDeliveryTest, DeliversBasecampsPayloadInOrderOnlyWhenFlushed) {
  const Id hook = Register({"Todo"});
  Post("/4000001/todos/" + TodoId() + "/completion.json", json::object(), 204);
  Control("/__bcsim/events", {{"event", "assign"}, {"todo", "copy"}, {"to", json::array()}});
  EXPECT_TRUE(rx.Received().empty());  // asynchronous: nothing sent by the requests themselves
  json sum = Flush();
  EXPECT_EQ(sum["attempted"], 2);
  EXPECT_EQ(sum["delivered"], 2);
  std::vector<Receiver::Got> got = rx.Received();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_EQ(got[0].path, "/hooks/bc");
  EXPECT_EQ(got[0].body["kind"], "todo_completed");
  EXPECT_EQ(got[1].body["kind"], "todo_assignment_changed");
  EXPECT_EQ(got[1].body["details"]["removed_person_ids"].size(), 1u);
  EXPECT_EQ(got[1].body["details"]["added_person_ids"], json::array());
  EXPECT_EQ(got[0].body["recording"]["id"].get<Id>(), StableId("todo", "copy"));
  EXPECT_EQ(got[0].body["recording"]["type"], "Todo");
  EXPECT_FALSE(got[0].body["recording"].contains("assignees"));
  EXPECT_EQ(got[0].body["creator"]["name"], "Alice Adams");
  for (const char* field : {"id", "kind", "details", "created_at", "recording", "creator"}) {
    EXPECT_TRUE(got[0].body.contains(field)) << field;
  }
  const auto header = [&](const char* name) {
    auto it = got[0].headers.find(name);
    return it == got[0].headers.end() ? std::string("(absent)") : it->second;
  };
  EXPECT_EQ(header("User-Agent"), "Basecamp3 Webhook");
  EXPECT_EQ(header("Content-Type"), "application/json");
  EXPECT_NE(header("X-Request-Id"), "(absent)");
  // recent_deliveries: newest first, request and response.
  json shown = Hook(hook);
  ASSERT_EQ(shown["recent_deliveries"].size(), 2u);
  EXPECT_EQ(shown["recent_deliveries"][0]["request"]["body"]["kind"], "todo_assignment_changed");
  EXPECT_EQ(shown["recent_deliveries"][0]["response"]["code"], 200);
  EXPECT_EQ(shown["recent_deliveries"][0]["response"]["body"], "{\"ok\":true}");
  // A second flush has nothing left to send.
  EXPECT_EQ(Flush()["attempted"], 0);
}

TEST_F(WebhookDeliveryTest, ANoContentAnswerCounts) {
  const Id hook = Register({"Todo"});
  rx.Answer(204);
  Control("/__bcsim/events", {{"event", "trash"}, {"todo", "copy"}});
  EXPECT_EQ(Flush()["delivered"], 1);
  EXPECT_EQ(Hook(hook)["recent_deliveries"][0]["response"]["code"], 204)
      << Hook(hook)["recent_deliveries"].dump();
}

TEST_F(WebhookDeliveryTest, TypesFilterWhatIsSent) {
  Register({"Todolist"});
  Post("/4000001/todos/" + TodoId() + "/completion.json", json::object(), 204);
  EXPECT_EQ(Flush()["attempted"], 0);
  EXPECT_TRUE(rx.Received().empty());
}

TEST_F(WebhookDeliveryTest, JournalsEachAttemptAsOutboundWithTheSecretQueryRedacted) {
  Register({"all"});
  Control("/__bcsim/events", {{"event", "trash"}, {"todo", "copy"}});
  Flush();
  auto r = t.cli->Get("/__bcsim/requests?bodies=1");
  ASSERT_TRUE(r);
  json found;
  const json all = json::parse(r->body);
  for (const json& e : all["requests"]) {
    if (e.value("direction", std::string()) == "outbound") found = e;
  }
  ASSERT_TRUE(found.is_object()) << r->body;
  EXPECT_EQ(found["method"], "POST");
  EXPECT_EQ(found["path"], "/hooks/bc");
  EXPECT_EQ(found["query"], "token=[REDACTED]");
  EXPECT_EQ(found["status"], 200);
  EXPECT_EQ(found["origin"], "http://127.0.0.1:" + std::to_string(rx.port));
  EXPECT_EQ(json::parse(found["request_body"].get<std::string>())["kind"], "todo_trashed");
  EXPECT_EQ(r->body.find("s3cr3t"), std::string::npos);  // nowhere in the journal
}

TEST_F(WebhookDeliveryTest, RetriesOnTheVirtualClockThenDeactivates) {
  const Id hook = Register({"Todo"});
  rx.Answer(500);
  Control("/__bcsim/events", {{"event", "rename"}, {"todo", "copy"}, {"title", "New"}});
  EXPECT_EQ(Flush()["failed"], 1);
  EXPECT_EQ(Flush()["attempted"], 0);  // not due yet: the clock has not moved
  t.clock->Advance(WebhookRetryDelay(1) - 1);
  EXPECT_EQ(Flush()["attempted"], 0);
  t.clock->Advance(1);
  EXPECT_EQ(Flush()["attempted"], 1);
  for (int failures = 2; failures < kWebhookMaxAttempts; ++failures) {
    t.clock->Advance(WebhookRetryDelay(failures));
    EXPECT_EQ(Flush()["attempted"], 1) << failures;
  }
  json shown = Hook(hook);
  EXPECT_EQ(shown["active"], false);
  EXPECT_EQ(shown["recent_deliveries"].size(), 10u);
  EXPECT_EQ(shown["recent_deliveries"][0]["response"]["code"], 500);
  EXPECT_EQ(rx.Received().size(), 10u);
  // Deactivated: new events are not queued.
  rx.Answer(200);
  Control("/__bcsim/events", {{"event", "trash"}, {"todo", "copy"}});
  EXPECT_EQ(Flush()["attempted"], 0);
}

TEST_F(WebhookDeliveryTest, HeadOfLineWaitsForTheFirstDelivery) {
  Register({"Todo"});
  rx.Answer(503);
  Control("/__bcsim/events", {{"event", "rename"}, {"todo", "copy"}, {"title", "One"}});
  Control("/__bcsim/events", {{"event", "rename"}, {"todo", "copy"}, {"title", "Two"}});
  EXPECT_EQ(Flush()["attempted"], 1);  // the second waits behind the first
  rx.Answer(200);
  t.clock->Advance(WebhookRetryDelay(1));
  EXPECT_EQ(Flush()["delivered"], 2);
  std::vector<Receiver::Got> got = rx.Received();
  ASSERT_EQ(got.size(), 3u);
  EXPECT_EQ(got[1].body["recording"]["title"], "One");
  EXPECT_EQ(got[2].body["recording"]["title"], "Two");
}

TEST_F(WebhookDeliveryTest, OutboundFaultsAnswerDropOrTimeOutWithoutReachingTheReceiver) {
  Register({"Todo"});
  json f = Control("/__bcsim/faults", {{"match", {{"direction", "outbound"}, {"path", "/hooks/{x}"}}},
                                       {"nth", 1},
                                       {"respond", {{"status", 502}}}});
  ASSERT_TRUE(f.contains("id")) << f.dump();
  Control("/__bcsim/faults", {{"match", {{"direction", "outbound"}}}, {"nth", 2}, {"drop_connection", true}});
  Control("/__bcsim/faults", {{"match", {{"direction", "outbound"}}}, {"nth", 3}, {"delay", "30s"}});
  Control("/__bcsim/events", {{"event", "trash"}, {"todo", "copy"}});
  EXPECT_EQ(Flush()["failed"], 1);
  t.clock->Advance(WebhookRetryDelay(1));
  EXPECT_EQ(Flush()["failed"], 1);
  t.clock->Advance(WebhookRetryDelay(2));
  EXPECT_EQ(Flush()["failed"], 1);
  EXPECT_TRUE(rx.Received().empty());
  t.clock->Advance(WebhookRetryDelay(3));
  EXPECT_EQ(Flush()["delivered"], 1);
  EXPECT_EQ(rx.Received().size(), 1u);
  // Inbound requests never hit an outbound fault (and the other way round).
  auto r = t.cli->Get("/4000001/projects.json", t.Api(token));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  auto faults = t.cli->Get("/__bcsim/faults");
  json listed = json::parse(faults->body)["faults"];
  EXPECT_EQ(listed[0]["fired"], 1);
}

TEST_F(WebhookDeliveryTest, OutboundFaultSpecsRefuseWhatCannotApply) {
  auto r = t.cli->Post("/__bcsim/faults",
                       json{{"match", {{"direction", "outbound"}}}, {"truncate_body", 3}}.dump(),
                       "application/json");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("does not apply to direction: outbound"), std::string::npos) << r->body;
  r = t.cli->Post("/__bcsim/faults", json{{"match", {{"direction", "out"}}}, {"drop_connection", true}}.dump(),
                  "application/json");
  EXPECT_EQ(r->status, 400);
}

TEST_F(WebhookDeliveryTest, OnlyLoopbackTargetsAreReached) {
  json w = Post("/4000001/buckets/2000001/webhooks.json",
                {{"payload_url", "https://hooks.example.com/x"}, {"types", {"Todo"}}}, 201);
  Control("/__bcsim/events", {{"event", "trash"}, {"todo", "copy"}});
  EXPECT_EQ(Flush()["failed"], 1);
  json shown = Hook(w["id"].get<Id>());
  EXPECT_EQ(shown["recent_deliveries"][0]["response"]["code"], 0);
  EXPECT_NE(shown["recent_deliveries"][0]["response"]["message"].get<std::string>().find("loopback"),
            std::string::npos);
}

TEST(WebhookBackground, DeliversWithoutAFlush) {
  Receiver rx;
  TestSim t;  // background delivery on (the default)
  const std::string token = t.Mint("alice")["access_token"];
  auto r = t.cli->Post("/4000001/buckets/2000001/webhooks.json", t.Api(token),
                       json{{"payload_url", rx.Url()}}.dump(), "application/json");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 201);
  r = t.cli->Post("/__bcsim/events", json{{"event", "trash"}, {"todo", "copy"}}.dump(), "application/json");
  ASSERT_EQ(r->status, 200);
  // The engine's own thread sends it: no flush is asked for.
  ASSERT_TRUE(rx.WaitFor(1));
  EXPECT_EQ(rx.Received()[0].body["kind"], "todo_trashed");
}

}  // namespace
}  // namespace bcsim
