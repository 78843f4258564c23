// The control API: loopback-only, scenario loads that fail change nothing, reset, clock,
// tokens, events and the journal.
#include "control/control.h"

#include <gtest/gtest.h>

#include "server/state.h"
#include "server/test_support.h"

namespace bcsim {
namespace {

using testing::TestSim;
using nlohmann::json;

TEST(ControlApi, RefusesNonLoopbackPeers) {
  SimulatorOptions opts;
  opts.clock = std::make_shared<ManualClock>(kDefaultStartTime);
  SimState state(opts);
  for (const char* addr : {"10.1.2.3", "192.168.0.7", "::ffff:10.0.0.1"}) {
    httplib::Request req;
    req.method = "GET";
    req.path = "/__bcsim/health";
    req.remote_addr = addr;
    httplib::Response res;
    ServeControl(state, req, res);
    EXPECT_EQ(res.status, 403) << addr;
  }
  httplib::Request local;
  local.method = "GET";
  local.path = "/__bcsim/health";
  local.remote_addr = "127.0.0.1";
  httplib::Response ok;
  ServeControl(state, local, ok);
  EXPECT_EQ(ok.status, 200);
}

TEST(ControlApi, HealthReportsTheClock) {
  TestSim t;
  auto r = t.cli->Get("/__bcsim/health");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(json::parse(r->body), (json{{"status", "ok"}, {"now", "2026-12-01T09:00:00.000Z"},
                                        {"now_ms", kDefaultStartTime}}));
}

TEST(ControlApi, ClockAdvancesByADuration) {
  TestSim t;
  auto r = t.cli->Post("/__bcsim/clock", R"({"advance":"15d"})", "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(json::parse(r->body)["now"], "2026-12-16T09:00:00.000Z");
  EXPECT_EQ(t.clock->NowMs(), kDefaultStartTime + 15LL * 24 * 3600 * 1000);
  EXPECT_EQ(t.cli->Post("/__bcsim/clock", R"({"advance":"soon"})", "application/json")->status, 400);
}

TEST(ControlApi, ClockRefusesAdvancesThatOverflowOrPassYear9999) {
  TestSim t;
  for (const char* body : {R"({"advance_ms": 9223372036854775807})",
                           R"({"advance_ms": 300000000000000})", R"({"advance":"3000000d"})"}) {
    auto r = t.cli->Post("/__bcsim/clock", body, "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 400) << body << " " << r->body;
    EXPECT_NE(json::parse(r->body)["error"].get<std::string>().find("9999-12-31"),
              std::string::npos)
        << r->body;
    EXPECT_EQ(t.clock->NowMs(), kDefaultStartTime) << body;  // nothing moved
  }
  auto neg = t.cli->Post("/__bcsim/clock", R"({"advance_ms": -1})", "application/json");
  EXPECT_EQ(neg->status, 400);
  EXPECT_EQ(t.clock->NowMs(), kDefaultStartTime);
  // Up to the last millisecond of 9999 is fine.
  auto last = t.cli->Post("/__bcsim/clock",
                          json{{"advance_ms", kLatestMs - kDefaultStartTime}}.dump(),
                          "application/json");
  ASSERT_EQ(last->status, 200) << last->body;
  EXPECT_EQ(json::parse(last->body)["now"], "9999-12-31T23:59:59.999Z");
  EXPECT_EQ(t.cli->Post("/__bcsim/clock", R"({"advance_ms": 1})", "application/json")->status,
            400);
}

TEST(ControlApi, ResetPutsTheClockBackAtTheWorldsStart) {
  TestSim t;
  ASSERT_EQ(t.cli->Post("/__bcsim/clock", R"({"advance":"15d"})", "application/json")->status,
            200);
  ASSERT_EQ(t.cli->Post("/__bcsim/reset", "", "application/json")->status, 200);
  EXPECT_EQ(t.clock->NowMs(), kDefaultStartTime);
  auto r = t.cli->Get("/__bcsim/clock");
  EXPECT_EQ(json::parse(r->body)["now"], "2026-12-01T09:00:00.000Z");
}

TEST(ControlApi, BadScenarioNamesTheLineAndChangesNothing) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  auto r = t.cli->Put("/__bcsim/scenario?tracker=http://tracker.test",
                      "basecamp:\n  identities:\n    alice: {email: 3, pasword: x}\n", "application/yaml");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(json::parse(r->body)["error"].get<std::string>().find("scenario.yaml:3:"), std::string::npos)
      << r->body;
  // Old world, old tokens still there.
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(token))->status, 200);
  auto bad_fault = t.cli->Put("/__bcsim/scenario", testing::TestWorldYaml() + "faults:\n  - match: {path: /x}\n    nht: 1\n",
                              "application/yaml");
  EXPECT_EQ(bad_fault->status, 400);
  EXPECT_NE(json::parse(bad_fault->body)["error"].get<std::string>().find("scenario.yaml:"), std::string::npos);
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(token))->status, 200);
}

TEST(ControlApi, PutScenarioReplacesTheWorld) {
  TestSim t;
  auto r = t.cli->Put("/__bcsim/scenario?tracker=http://tracker.test",
                      "basecamp:\n  identities:\n    zed: {email: z@z.test, password: p, first_name: Zed}\n"
                      "  clients:\n    c: {client_id: c, client_secret: s, redirect_uri: \"{tracker}/cb\"}\n",
                      "application/yaml");
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(t.cli->Post("/__bcsim/tokens", R"({"identity":"alice"})", "application/json")->status, 404);
  EXPECT_EQ(t.cli->Post("/__bcsim/tokens", R"({"identity":"zed"})", "application/json")->status, 200);
}

TEST(ControlApi, ResetRestoresTheLoadedWorldAndClearsState) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  t.PostEvent({{"event", "rename"}, {"todo", "copy"}, {"title", "Renamed"}});
  t.cli->Get("/4000001/projects.json", t.Api(token));
  ASSERT_EQ(t.cli->Post("/__bcsim/reset", "", "application/json")->status, 200);
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(token))->status, 401);  // tokens cleared
  json requests = json::parse(t.cli->Get("/__bcsim/requests")->body)["requests"];
  ASSERT_EQ(requests.size(), 1u);  // only the call just made
  EXPECT_EQ(requests[0]["seq"], 1);
  std::string fresh = t.Mint("alice")["access_token"];
  auto todo = t.cli->Get("/4000001/todolists/3000001/todos.json", t.Api(fresh));
  EXPECT_EQ(json::parse(todo->body)[0]["title"], "Write copy");
}

TEST(ControlApi, PutScenarioMintsRequestedTokensInTheSameRequest) {
  TestSim t;
  auto r = t.cli->Put("/__bcsim/scenario?tracker=http://tracker.test&mint=alice:tracker&mint=bob:keeper",
                      testing::TestWorldYaml(), "application/yaml");
  ASSERT_EQ(r->status, 200) << r->body;
  json body = json::parse(r->body);
  EXPECT_EQ(body["status"], "loaded");
  ASSERT_EQ(body["tokens"].size(), 2u);
  EXPECT_EQ(body["tokens"]["bob:keeper"]["token_type"], "Bearer");
  std::string token = body["tokens"]["alice:tracker"]["access_token"];
  auto api = t.cli->Get("/4000001/projects.json", t.Api(token));
  EXPECT_EQ(api->status, 200) << api->body;
  // `mint` is not a variable of the scenario: {tracker} still resolved from ?tracker=.
  EXPECT_EQ(t.cli->Put("/__bcsim/scenario?tracker=http://tracker.test&mint=nobody",
                       testing::TestWorldYaml(), "application/yaml")->status, 404);
}

TEST(ControlApi, JsonScenarioBodyAndResetMintToo) {
  TestSim t;
  json put = {{"yaml", testing::TestWorldYaml()}, {"vars", {{"tracker", "http://tracker.test"}}},
              {"mint", {"bob:keeper"}}};
  auto r = t.cli->Put("/__bcsim/scenario", put.dump(), "application/json");
  ASSERT_EQ(r->status, 200) << r->body;
  std::string old_token = json::parse(r->body)["tokens"]["bob:keeper"]["access_token"];
  auto reset = t.cli->Post("/__bcsim/reset?mint=alice:tracker", "", "application/json");
  ASSERT_EQ(reset->status, 200) << reset->body;
  json body = json::parse(reset->body);
  EXPECT_EQ(body["status"], "reset");
  std::string token = body["tokens"]["alice:tracker"]["access_token"];
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(token))->status, 200);
  EXPECT_EQ(t.cli->Get("/4000002/projects.json", t.Api(old_token))->status, 401);  // reset cleared it
  // Without `mint` the answer carries no tokens.
  EXPECT_EQ(json::parse(t.cli->Post("/__bcsim/reset", "", "application/json")->body),
            (json{{"status", "reset"}}));
}

TEST(ControlApi, FaultsCanBeListedAndDeleted) {
  TestSim t;
  auto add = t.cli->Post("/__bcsim/faults", R"({"match":{"path":"/x"},"respond":{"status":500}})", "application/json");
  ASSERT_EQ(add->status, 201);
  EXPECT_EQ(t.cli->Post("/__bcsim/faults", R"({"match":{"path":"/x"}})", "application/json")->status, 400);
  EXPECT_EQ(json::parse(t.cli->Get("/__bcsim/faults")->body)["faults"].size(), 1u);
  EXPECT_EQ(t.cli->Delete("/__bcsim/faults/" + json::parse(add->body)["id"].get<std::string>())->status, 200);
  EXPECT_EQ(json::parse(t.cli->Get("/__bcsim/faults")->body)["faults"].size(), 0u);
}

TEST(ControlApi, ListedFaultsRedactSecretHeaderAndQueryValues) {
  TestSim t;
  ASSERT_EQ(t.cli->Post("/__bcsim/faults",
                        R"({"match":{"path":"/x","header":{"Authorization":"Bearer tok-1"},)"
                        R"("query":{"access_token":"tok-2","page":"2"}},)"
                        R"("respond":{"status":200,"headers":{"Set-Cookie":"s=tok-3","X-Hint":"keep"}}})",
                        "application/json")
                ->status,
            201);
  const std::string listed = t.cli->Get("/__bcsim/faults")->body;
  for (const char* secret : {"tok-1", "tok-2", "tok-3"}) {
    EXPECT_EQ(listed.find(secret), std::string::npos) << secret << " in " << listed;
  }
  const json spec = json::parse(listed)["faults"][0]["spec"];
  EXPECT_EQ(spec["match"]["header"]["Authorization"], "[REDACTED]");
  EXPECT_EQ(spec["match"]["query"]["page"], "2");
  EXPECT_EQ(spec["respond"]["headers"]["X-Hint"], "keep");
  EXPECT_EQ(spec["respond"]["status"], 200);
}

TEST(ControlApi, BadEventIs400AndNamesIt) {
  TestSim t;
  auto r = t.cli->Post("/__bcsim/events", R"({"event":"explode"})", "application/json");
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("explode"), std::string::npos);
}

TEST(ControlApi, RequestsPagesWithSinceAndLimit) {
  TestSim t;
  for (int i = 0; i < 3; ++i) t.cli->Get("/");
  json page = json::parse(t.cli->Get("/__bcsim/requests?since=1&limit=1")->body);
  ASSERT_EQ(page["requests"].size(), 1u);
  EXPECT_EQ(page["requests"][0]["seq"], 2);
  EXPECT_EQ(page["last_seq"], 2);
  EXPECT_EQ(page["requests"][0]["method"], "GET");
  EXPECT_EQ(page["requests"][0]["path"], "/");
}

TEST(ControlApi, NotJournaledNorRateLimited) {
  TestSim t(testing::TestWorldYaml("  limits:\n    rate: {requests: 1, per: 10s}\n"));
  for (int i = 0; i < 5; ++i) EXPECT_EQ(t.cli->Get("/__bcsim/health")->status, 200);
  EXPECT_EQ(json::parse(t.cli->Get("/__bcsim/requests")->body)["requests"].size(), 0u);
}

TEST(ControlApi, ListedFaultsRedactSecretFieldsOfBodyAndReplacedHeaders) {
  TestSim t;
  json spec = {{"match", {{"path", "/authorization/token"}, {"body", {{"client_secret", "s3cret"}, {"type", "refresh"}}}}},
               {"respond", {{"status", 503}, {"replace_headers", {{"Set-Cookie", "session=abc"}, {"X-Request-Id", "r1"}}}}}};
  ASSERT_EQ(t.cli->Post("/__bcsim/faults", spec.dump(), "application/json")->status, 201);
  const std::string listed = t.cli->Get("/__bcsim/faults")->body;
  json f = json::parse(listed)["faults"][0]["spec"];
  EXPECT_EQ(f["match"]["body"]["client_secret"], "[REDACTED]");
  EXPECT_EQ(f["match"]["body"]["type"], "refresh");
  EXPECT_EQ(f["respond"]["replace_headers"]["Set-Cookie"], "[REDACTED]");
  EXPECT_EQ(f["respond"]["replace_headers"]["X-Request-Id"], "r1");
  EXPECT_EQ(listed.find("s3cret"), std::string::npos);
  EXPECT_EQ(listed.find("session=abc"), std::string::npos);
}

}  // namespace
}  // namespace bcsim
