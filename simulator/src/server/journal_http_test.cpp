// The journal's kept headers and bodies over real HTTP (SimulatorOptions::journal_bodies):
// redacted, capped, and shown only with GET /__bcsim/requests?bodies=1.
#include <gtest/gtest.h>

#include "server/journal.h"
#include "server/journal_capture.h"
#include "server/test_support.h"

namespace bcsim {
namespace {

using nlohmann::json;
using testing::TestSim;

void KeepBodies(SimulatorOptions& o) { o.journal_bodies = true; }

const std::string kTodos = "/4000001/todolists/3000001/todos.json";

json Requests(TestSim& t, const std::string& query = "?bodies=1") {
  auto r = t.cli->Get("/__bcsim/requests" + query);
  EXPECT_TRUE(r);
  EXPECT_EQ(r->status, 200) << r->body;
  return json::parse(r->body)["requests"];
}

// The one journaled request with this method and path.
json Entry(const json& requests, const std::string& method, const std::string& path) {
  json found;
  for (const json& e : requests) {
    if (e["method"] == method && e["path"] == path) found = e;
  }
  EXPECT_TRUE(found.is_object()) << "no " << method << " " << path << " in " << requests.dump();
  return found;
}

std::string HeaderIn(const json& pairs, const std::string& name) {
  for (const json& p : pairs) {
    if (strcasecmp(p[0].get<std::string>().c_str(), name.c_str()) == 0) return p[1];
  }
  return "(absent)";
}

TEST(JournalBodies, KeepsAWritesJsonBodyWithSecretFieldsRedacted) {
  TestSim t(testing::TestWorldYaml(), KeepBodies);
  const std::string token = t.Mint("alice")["access_token"];
  json body = {{"content", "Buy milk"},
               {"password", "hunter2"},
               {"extra", {{"access_token", "BAhSECRET"}, {"note", "kept"}}}};
  auto r = t.cli->Post(kTodos, t.Api(token), body.dump(), "application/json");
  ASSERT_TRUE(r);
  json requests = Requests(t);
  json e = Entry(requests, "POST", kTodos);
  json kept = json::parse(e["request_body"].get<std::string>());
  EXPECT_EQ(kept["content"], "Buy milk");
  EXPECT_EQ(kept["password"], "[REDACTED]");
  EXPECT_EQ(kept["extra"]["access_token"], "[REDACTED]");
  EXPECT_EQ(kept["extra"]["note"], "kept");
  EXPECT_EQ(e["request_body_elided"], 0);
  EXPECT_EQ(HeaderIn(e["request_headers"], "Authorization"), "[REDACTED]");
  EXPECT_EQ(HeaderIn(e["request_headers"], "User-Agent"), "Tests (qa@acme.test)");
  EXPECT_EQ(HeaderIn(e["response_headers"], "X-Request-Id"), e["request_id"]);
  EXPECT_EQ(e["response_body"], r->body) << "no secret word in it: kept as sent";
  const std::string all = requests.dump();
  for (const std::string& secret : {std::string("hunter2"), std::string("BAhSECRET"), token}) {
    EXPECT_EQ(all.find(secret), std::string::npos) << secret;
  }
}

TEST(JournalBodies, RedactsTheOAuthExchangeFormsTokensAndRedirectCode) {
  TestSim t(testing::TestWorldYaml(), KeepBodies);
  const std::string code = t.CodeFor("alice@acme.test", "pw-a");
  auto r = t.Exchange(code);
  ASSERT_EQ(r->status, 200) << r->body;
  const std::string access = json::parse(r->body)["access_token"];
  const std::string refresh = json::parse(r->body)["refresh_token"];
  json requests = Requests(t);
  json token = Entry(requests, "POST", "/authorization/token");
  EXPECT_NE(token["request_body"].get<std::string>().find("client_secret=[REDACTED]"), std::string::npos)
      << token["request_body"];
  EXPECT_NE(token["request_body"].get<std::string>().find("client_id=tracker"), std::string::npos);
  EXPECT_EQ(json::parse(token["response_body"].get<std::string>())["access_token"], "[REDACTED]");
  json consent = Entry(requests, "POST", "/authorization/new");
  EXPECT_NE(HeaderIn(consent["response_headers"], "Location").find("code=[REDACTED]"), std::string::npos)
      << consent["response_headers"];
  const std::string all = requests.dump();
  for (const std::string& secret : {code, access, refresh, std::string("s3cret"), std::string("pw-a")}) {
    EXPECT_EQ(all.find(secret), std::string::npos) << secret;
  }
  // The HTML pages (they carry CSRF tokens) are noted, not kept.
  json page = Entry(requests, "GET", "/authorization/new");
  EXPECT_NE(page["response_body"].get<std::string>().find("bytes of text/html"), std::string::npos);
}

TEST(JournalBodies, ElidesWhatPassesTheCapWithAMarker) {
  TestSim t(testing::TestWorldYaml(), KeepBodies);
  const std::string token = t.Mint("alice")["access_token"];
  json body = {{"content", std::string(40 * 1024, 'x')}};
  t.cli->Post(kTodos, t.Api(token), body.dump(), "application/json");
  json e = Entry(Requests(t), "POST", kTodos);
  const std::string kept = e["request_body"];
  const std::size_t elided = e["request_body_elided"];
  EXPECT_EQ(kept.size(), kJournalPartCap + std::string("...[ bytes elided]").size() +
                             std::to_string(elided).size());
  EXPECT_EQ(elided, body.dump().size() - kJournalPartCap);
  EXPECT_EQ(kept.substr(kJournalPartCap), "...[" + std::to_string(elided) + " bytes elided]");
}

TEST(JournalBodies, WithoutBodiesParamTheAnswerHasNoBodies) {
  TestSim t(testing::TestWorldYaml(), KeepBodies);
  const std::string token = t.Mint("alice")["access_token"];
  t.cli->Post(kTodos, t.Api(token), R"({"content":"Buy milk"})", "application/json");
  for (const char* q : {"", "?bodies=0"}) {
    json e = Entry(Requests(t, q), "POST", kTodos);
    EXPECT_FALSE(e.contains("request_body")) << q;
    EXPECT_FALSE(e.contains("request_headers")) << q;
    EXPECT_FALSE(e.contains("response_body")) << q;
  }
  EXPECT_TRUE(Entry(Requests(t), "POST", kTodos).contains("request_body"));
  EXPECT_EQ(t.cli->Get("/__bcsim/requests?bodies=yes")->status, 400);
}

TEST(JournalBodies, OffByDefaultAndAskingForThemIsAClearError) {
  TestSim t;
  const std::string token = t.Mint("alice")["access_token"];
  t.cli->Post(kTodos, t.Api(token), R"({"content":"Buy milk"})", "application/json");
  auto r = t.cli->Get("/__bcsim/requests?bodies=1");
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(r->body.find("journal-bodies"), std::string::npos) << r->body;
  EXPECT_FALSE(Entry(Requests(t, ""), "POST", kTodos).contains("request_body"));
}

TEST(JournalBodies, BodyTextKeepsSecretFreeJsonAsSentAndRedactsTheRest) {
  std::size_t elided = 0;
  // No secret word: byte for byte, key order and spacing kept.
  EXPECT_EQ(JournalBodyText("application/json", R"({"z": 1, "a": "Buy milk"})", &elided),
            R"({"z": 1, "a": "Buy milk"})");
  EXPECT_EQ(JournalBodyText("application/json; charset=utf-8", "{not json", &elided), "{not json");
  // A secret word anywhere: parsed and redacted; unparseable, not kept at all.
  EXPECT_EQ(JournalBodyText("application/json", R"({"z": 1, "Refresh_Token": "BAh"})", &elided),
            R"({"Refresh_Token":"[REDACTED]","z":1})");
  EXPECT_EQ(JournalBodyText("application/json", R"({"token": "BAh")", &elided),
            "[15 bytes of invalid JSON not kept]");
  EXPECT_EQ(JournalBodyText("application/x-www-form-urlencoded", "code=abc&state=s", &elided),
            "code=[REDACTED]&state=s");
  EXPECT_EQ(JournalBodyText("text/html", "<p>hi</p>", &elided), "[9 bytes of text/html not kept]");
  EXPECT_EQ(JournalBodyText("", "raw", &elided), "[3 bytes of untyped content not kept]");
}

TEST(JournalBodies, BodyTextRedactsSecretQueryParametersOfUrlValues) {
  std::size_t elided = 0;
  // A webhook's payload_url carries the receiver's token under a plain field name.
  EXPECT_EQ(JournalBodyText("application/json",
                            R"({"payload_url": "http://127.0.0.1:9/hook?token=s3cr3t&x=1"})", &elided),
            R"({"payload_url":"http://127.0.0.1:9/hook?token=[REDACTED]&x=1"})");
  // The wrong variant: a URL whose parameters are not secret-named stays as it was.
  EXPECT_EQ(JournalBodyText("application/json",
                            R"({"token_note": 1, "url": "http://127.0.0.1:9/a?page=2"})", &elided),
            R"({"token_note":"[REDACTED]","url":"http://127.0.0.1:9/a?page=2"})");
}

}  // namespace
}  // namespace bcsim
