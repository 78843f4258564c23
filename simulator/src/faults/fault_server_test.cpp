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

// How many times header `name` appears in a raw response head.
int HeaderCount(const std::string& raw, const std::string& name) {
  const std::string head = raw.substr(0, raw.find("\r\n\r\n"));
  int n = 0;
  for (std::size_t at = head.find("\r\n" + name + ": "); at != std::string::npos;
       at = head.find("\r\n" + name + ": ", at + 1))
    ++n;
  return n;
}

std::string RawGet(TestSim& t, const std::string& path, const std::string& headers) {
  return testing::RawExchange(t.sim->port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" +
                                                 headers + "\r\n");
}

TEST(FaultsOverHttp, ReplaceHeadersSendsOneValueWhereHeadersAddASecond) {
  TestSim t;
  const std::string token = t.Mint("alice")["access_token"];
  const std::string auth = "Authorization: Bearer " + token + "\r\nUser-Agent: Tests (qa@acme.test)\r\n";
  AddFault(t, {{"match", {{"path", "/{account}/projects.json"}}},
               {"nth", 1},
               {"respond", {{"status", 503}, {"replace_headers", {{"x-request-id", "fixed-1"}}}}}});
  std::string raw = RawGet(t, "/4000001/projects.json", auth);
  EXPECT_EQ(raw.substr(0, 12), "HTTP/1.1 503") << raw;
  EXPECT_EQ(HeaderCount(raw, "x-request-id") + HeaderCount(raw, "X-Request-Id"), 1) << raw;
  EXPECT_NE(raw.find("fixed-1\r\n"), std::string::npos) << raw;
  // The same with headers: (added) gives two, which is what replace_headers is for.
  AddFault(t, {{"match", {{"path", "/{account}/projects.json"}}},
               {"nth", 1},
               {"respond", {{"status", 503}, {"headers", {{"X-Request-Id", "fixed-2"}}}}}});
  raw = RawGet(t, "/4000001/projects.json", auth);
  EXPECT_EQ(HeaderCount(raw, "X-Request-Id"), 2) << raw;
}

TEST(FaultsOverHttp, BeforeAuthAnswersRequestsTheChecksWouldRefuse) {
  TestSim t;
  AddFault(t, {{"match", {{"path", "/{account}/projects.json"}}},
               {"stage", "before_auth"},
               {"respond", {{"status", 503}, {"body", "down for maintenance"}}}});
  // httplib's client always sends a User-Agent: a raw request has none, and no token.
  const std::string no_agent = RawGet(t, "/4000001/projects.json", "");
  EXPECT_EQ(no_agent.substr(0, 12), "HTTP/1.1 503") << no_agent;
  EXPECT_NE(no_agent.find("\r\n\r\ndown for maintenance"), std::string::npos) << no_agent;
  auto bad_token = t.cli->Get("/4000001/projects.json", t.Api("not-a-token"));
  EXPECT_EQ(bad_token->status, 503);
  json journal = json::parse(t.cli->Get("/__bcsim/requests")->body)["requests"];
  ASSERT_EQ(journal.size(), 2u);
  EXPECT_EQ(journal[1]["faults"], json::array({"f1"}));
  EXPECT_EQ(journal[1]["status"], 503);
}

TEST(FaultsOverHttp, AfterAuthByDefaultSoTheChecksAnswerFirst) {
  TestSim t;
  AddFault(t, {{"match", {{"path", "/{account}/projects.json"}}},
               {"respond", {{"status", 503}}}});
  EXPECT_EQ(RawGet(t, "/4000001/projects.json", "").substr(0, 12), "HTTP/1.1 400");  // User-Agent first
  EXPECT_EQ(t.cli->Get("/4000001/projects.json", t.Api("not-a-token"))->status, 401);
  json faults = json::parse(t.cli->Get("/__bcsim/faults")->body)["faults"];
  EXPECT_EQ(faults[0]["hits"], 0);
}

TEST(FaultsOverHttp, BeforeAuthDelayThenTheNormalRefusal) {
  TestSim t;
  AddFault(t, {{"match", {{"path", "/{account}/projects.json"}}}, {"stage", "before_auth"}, {"delay", "30s"}});
  auto r = t.cli->Get("/4000001/projects.json", t.Api("not-a-token"));
  EXPECT_EQ(r->status, 401);
  EXPECT_EQ(t.delayed_ms, 30000);
}

TEST(FaultsOverHttp, MatchBodyFiresOnlyForRequestsWritingThoseFields) {
  TestSim t;
  const std::string token = t.Mint("alice")["access_token"];
  const std::string todos = "/4000001/todolists/3000001/todos.json";
  AddFault(t, {{"match", {{"method", "POST"}, {"path", "/{account}/todolists/{id}/todos.json"},
                          {"body", {{"content", "Boom"}}}}},
               {"respond", {{"status", 507}}}});
  EXPECT_NE(t.cli->Post(todos, t.Api(token), R"({"content":"Fine"})", "application/json")->status, 507);
  EXPECT_EQ(t.cli->Post(todos, t.Api(token), R"({"content":"Boom","notes":"x"})", "application/json")->status, 507);
  EXPECT_NE(t.cli->Post(todos, t.Api(token), R"(["Boom"])", "application/json")->status, 507);
  // A form body's fields are texts: the token POST with type=refresh, not web_server.
  AddFault(t, {{"match", {{"path", "/authorization/token"}, {"body", {{"type", "refresh"}}}}},
               {"respond", {{"status", 502}}}});
  EXPECT_EQ(t.cli->Post("/authorization/token", httplib::Params{{"type", "refresh"}})->status, 502);
  EXPECT_NE(t.cli->Post("/authorization/token", httplib::Params{{"type", "web_server"}})->status, 502);
}

}  // namespace
}  // namespace bcsim
