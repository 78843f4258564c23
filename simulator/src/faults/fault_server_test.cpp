// Faults through the real server: canned responses, virtual delays, dropped connections,
// truncated and malformed bodies, and what the journal records about them.
#include <gtest/gtest.h>

#include "server/test_support.h"

namespace bcsim {
namespace {

using testing::TestSim;
using nlohmann::json;

std::string AddFault(TestSim& t, const json& spec) {
  auto r = t.cli->Post("/__bcsim/faults", spec.dump(), "application/json");
  EXPECT_EQ(r->status, 201) << r->body;
  return json::parse(r->body)["id"];
}

TEST(FaultsOverHttp, RespondReplacesTheAnswerOnlyOnTheNthRequest) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  AddFault(t, {{"match", {{"method", "GET"}, {"path", "/{account}/projects.json"}}},
               {"nth", 2},
               {"respond", {{"status", 503}, {"headers", {{"Retry-After", "2"}}}, {"body", "busy"}}}});
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(token))->status, 200);
  auto second = t.cli->Get("/4000001/projects.json", t.Api(token));
  EXPECT_EQ(second->status, 503);
  EXPECT_EQ(second->get_header_value("Retry-After"), "2");
  EXPECT_EQ(second->body, "busy");
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(token))->status, 200);
  json faults = json::parse(t.cli->Get("/__bcsim/faults")->body)["faults"];
  EXPECT_EQ(faults[0]["hits"], 3);
  EXPECT_EQ(faults[0]["fired"], 1);
}

TEST(FaultsOverHttp, DelayAdvancesVirtualTimeInsteadOfSleeping) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  AddFault(t, {{"match", {{"path", "/{account}/projects.json"}}}, {"delay", "30s"}});
  const Millis before = t.clock->NowMs();
  auto r = t.cli->Get("/4000001/projects.json", t.Api(token));
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(t.delayed_ms, 30000);
  EXPECT_EQ(t.clock->NowMs() - before, 30000);
}

TEST(FaultsOverHttp, DropConnectionGivesTheClientNoResponse) {
  TestSim t;
  AddFault(t, {{"match", {{"path", "/authorization/token"}}}, {"times", 1}, {"drop_connection", true}});
  auto dropped = t.cli->Post("/authorization/token", httplib::Params{{"type", "refresh"}});
  EXPECT_FALSE(dropped);
  auto next = t.cli->Post("/authorization/token", httplib::Params{{"type", "refresh"}});
  ASSERT_TRUE(next);
  EXPECT_EQ(next->status, 401);
}

// The write is handled and stored, and then the client hears nothing: the case a client that
// blindly retried a POST would duplicate.
TEST(FaultsOverHttp, DropAfterHandlingStoresTheWriteButAnswersNothing) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  json todos = json::parse(t.cli->Get("/4000001/buckets/2000001/todolists/3000001/todos.json", t.Api(token))->body);
  ASSERT_EQ(todos.size(), 1u);
  const std::string todo = std::to_string(todos[0]["id"].get<long long>());
  AddFault(t, {{"match", {{"method", "POST"}, {"path", "/{account}/recordings/{id}/timesheet/entries.json"}}},
               {"times", 1},
               {"drop_after_handling", true}});
  const std::string body = R"({"date":"2026-12-01","hours":"1:30","description":"x"})";
  auto dropped = t.cli->Post("/4000001/recordings/" + todo + "/timesheet/entries.json", t.Api(token), body,
                             "application/json");
  EXPECT_FALSE(dropped);
  json sheet = json::parse(t.cli->Get("/4000001/recordings/" + todo + "/timesheet.json", t.Api(token))->body);
  ASSERT_EQ(sheet.size(), 1u);  // stored although nobody heard so
  EXPECT_EQ(sheet[0]["hours"], "1.5");
  // A plain drop_connection, by contrast, stores nothing.
  AddFault(t, {{"match", {{"method", "POST"}, {"path", "/{account}/recordings/{id}/timesheet/entries.json"}}},
               {"times", 1},
               {"drop_connection", true}});
  EXPECT_FALSE(t.cli->Post("/4000001/recordings/" + todo + "/timesheet/entries.json", t.Api(token), body,
                           "application/json"));
  sheet = json::parse(t.cli->Get("/4000001/recordings/" + todo + "/timesheet.json", t.Api(token))->body);
  EXPECT_EQ(sheet.size(), 1u);
}

TEST(FaultsOverHttp, TruncateBodySendsOnlyThePrefixThenCloses) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  AddFault(t, {{"match", {{"path", "/{account}/projects.json"}}}, {"truncate_body", 5}});
  std::string got;
  auto r = t.cli->Get("/4000001/projects.json", t.Api(token),
                      [&](const char* data, size_t n) {
                        got.append(data, n);
                        return true;
                      });
  EXPECT_FALSE(r);  // the promised Content-Length never arrived
  EXPECT_EQ(got.size(), 5u);
  EXPECT_EQ(got.substr(0, 1), "[");
}

TEST(FaultsOverHttp, MalformedJsonCutsTheBody) {
  TestSim t;
  std::string token = t.Mint("alice")["access_token"];
  AddFault(t, {{"match", {{"path", "/{account}/projects.json"}}}, {"malformed_json", true}});
  auto r = t.cli->Get("/4000001/projects.json", t.Api(token));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_TRUE(json::parse(r->body, nullptr, false).is_discarded());
}

TEST(FaultsOverHttp, IdentityMatchAppliesOnlyToThatIdentity) {
  TestSim t;
  std::string alice = t.Mint("alice")["access_token"];
  std::string bob = t.Mint("bob")["access_token"];
  AddFault(t, {{"match", {{"identity", "bob"}}}, {"respond", {{"status", 500}}}});
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(alice))->status, 200);
  EXPECT_EQ(t.cli->Get("/4000002/projects.json", t.Api(bob))->status, 500);
}

TEST(FaultsOverHttp, ScenarioFaultsLoadWithTheWorld) {
  TestSim t(testing::TestWorldYaml() +
            "faults:\n  - match: {path: \"/{account}/*\"}\n    times: 1\n    respond: {status: 502}\n");
  std::string token = t.Mint("alice")["access_token"];
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(token))->status, 502);
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api(token))->status, 200);
}

TEST(Journal, RecordsFiredFaultsAndNeverAnySecret) {
  TestSim t;
  const std::string code = t.CodeFor("alice@acme.test", "pw-a");
  json tokens = json::parse(t.Exchange(code)->body);
  const std::string access = tokens["access_token"], refresh = tokens["refresh_token"];
  json refreshed = json::parse(t.Refresh(refresh)->body);
  std::string fid = AddFault(t, {{"match", {{"path", "/{account}/projects.json"}}}, {"times", 1},
                                 {"respond", {{"status", 503}}}});
  t.cli->Get("/4000001/projects.json?access_token=" + access + "&page=1", t.Api(access));
  t.cli->Post("/authorization/token?client_secret=s3cret&code=" + code + "&refresh_token=" + refresh, "", "text/plain");

  auto r = t.cli->Get("/__bcsim/requests");
  ASSERT_EQ(r->status, 200);
  const std::string journal = r->body;
  for (const std::string& secret : {access, refresh, code, std::string("s3cret"), std::string("pw-a"),
                                    refreshed["access_token"].get<std::string>(),
                                    refreshed["refresh_token"].get<std::string>()}) {
    EXPECT_EQ(journal.find(secret), std::string::npos) << "secret leaked: " << secret;
  }
  json entries = json::parse(journal)["requests"];
  json api;
  for (const json& e : entries) {
    if (e["path"] == "/4000001/projects.json") api = e;
  }
  ASSERT_TRUE(api.is_object());
  EXPECT_EQ(api["status"], 503);
  EXPECT_EQ(api["identity"], "alice");
  EXPECT_EQ(api["faults"], json::array({fid}));
  EXPECT_EQ(api["query"], "access_token=[REDACTED]&page=1");
  EXPECT_FALSE(api["request_id"].get<std::string>().empty());
}

}  // namespace
}  // namespace bcsim
