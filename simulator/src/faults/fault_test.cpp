#include "faults/fault.h"

#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include "faults/fault_engine.h"

namespace bcsim {
namespace {

const std::set<std::string> kAccounts = {"4000001"};

TEST(PathTemplate, MatchesAccountPlaceholderOnlyForKnownAccounts) {
  EXPECT_TRUE(PathMatchesTemplate("/{account}/projects.json", "/4000001/projects.json", kAccounts));
  EXPECT_FALSE(PathMatchesTemplate("/{account}/projects.json", "/999/projects.json", kAccounts));
}

TEST(PathTemplate, MatchesOneSegmentPlaceholdersAndRestWildcard) {
  EXPECT_TRUE(PathMatchesTemplate("/{a}/todos/{id}.json", "/1/todos/77.json", kAccounts));
  EXPECT_FALSE(PathMatchesTemplate("/{a}/todos/{id}.json", "/1/todos/77.xml", kAccounts));
  EXPECT_FALSE(PathMatchesTemplate("/{a}/todos/{id}.json", "/1/todos/x/77.json", kAccounts));
  EXPECT_TRUE(PathMatchesTemplate("/{account}/*", "/4000001/buckets/1/todos/2.json", kAccounts));
  EXPECT_TRUE(PathMatchesTemplate("/authorization/*", "/authorization/token", kAccounts));
  EXPECT_FALSE(PathMatchesTemplate("/authorization/token", "/authorization/token/x", kAccounts));
}

FaultRequest Req(const std::string& method, const std::string& path) {
  FaultRequest r;
  r.method = method;
  r.path = path;
  return r;
}

TEST(FaultEngine, NthFiresOnlyOnTheNthMatch) {
  FaultEngine e;
  e.SetAccountIds(kAccounts);
  e.Add(*FaultFromJson({{"match", {{"path", "/{account}/projects.json"}}},
                        {"nth", 2},
                        {"respond", {{"status", 503}}}}));
  EXPECT_FALSE(e.Evaluate(Req("GET", "/4000001/projects.json")));
  EXPECT_TRUE(e.Evaluate(Req("GET", "/4000001/projects.json")));
  EXPECT_FALSE(e.Evaluate(Req("GET", "/4000001/projects.json")));
  EXPECT_EQ(e.ToJson()[0]["hits"], 3);
  EXPECT_EQ(e.ToJson()[0]["fired"], 1);
}

TEST(FaultEngine, TimesFiresForTheFirstNThenStops) {
  FaultEngine e;
  e.Add(*FaultFromJson({{"match", {{"method", "get"}}}, {"times", 2}, {"malformed_json", true}}));
  EXPECT_TRUE(e.Evaluate(Req("GET", "/x")));
  EXPECT_FALSE(e.Evaluate(Req("POST", "/x")));  // method does not match: no hit
  EXPECT_TRUE(e.Evaluate(Req("GET", "/x")));
  EXPECT_FALSE(e.Evaluate(Req("GET", "/x")));
}

TEST(FaultEngine, AfterFiresOnlyAfterTheFirstN) {
  FaultEngine e;
  e.Add(*FaultFromJson({{"match", {{"path", "/a"}}}, {"after", 1}, {"drop_connection", true}}));
  EXPECT_FALSE(e.Evaluate(Req("GET", "/a")));
  EXPECT_TRUE(e.Evaluate(Req("GET", "/a")));
  EXPECT_TRUE(e.Evaluate(Req("GET", "/a")));
}

TEST(FaultEngine, MatchesQueryHeaderAndIdentity) {
  FaultEngine e;
  e.Add(*FaultFromJson({{"match",
                         {{"query", {{"page", 2}}},
                          {"header", {{"X-Test", "yes"}}},
                          {"identity", "alice"}}},
                        {"truncate_body", 10}}));
  std::multimap<std::string, std::string> params = {{"page", "2"}};
  FaultRequest r = Req("GET", "/p");
  r.params = &params;
  r.header = [](const std::string& n) { return n == "X-Test" ? std::string("yes") : std::string(); };
  r.identity = "alice";
  auto f = e.Evaluate(r);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->truncate_body, 10u);
  r.identity = "bob";
  EXPECT_FALSE(e.Evaluate(r));
}

TEST(FaultSpec, RejectsUnknownKeysAndMissingAction) {
  EXPECT_EQ(FaultFromJson({{"match", {{"path", "/a"}}}}).status().message(),
            "a fault needs an action: respond, delay, drop_connection, truncate_body or "
            "malformed_json (e.g. respond: {status: 503}); with match: alone it would change "
            "nothing");
  EXPECT_EQ(FaultFromJson({{"match", {{"paht", "/a"}}}, {"delay", "1s"}}).status().message(),
            "match.paht: unknown key \"paht\"; expected one of method, path, query, header, "
            "identity, body, direction");
  EXPECT_EQ(FaultFromJson({{"match", {{"path", "/a"}}}, {"delay", "soon"}}).status().message(),
            "delay: expected a duration from 0 to 1d (one day at most), like 200ms, 30s or 2m, "
            "found \"soon\"");
}

TEST(FaultSpec, ParsesYamlAndReportsErrorsWithTheNodePosition) {
  YAML::Node ok = YAML::Load(
      "- match: {method: GET, path: \"/{account}/projects.json\"}\n"
      "  nth: 1\n"
      "  respond: {status: 503, headers: {Retry-After: \"2\"}, body: {error: busy}}\n"
      "- match: {path: /x}\n"
      "  delay: 30s\n");
  auto where = [](const YAML::Node& n) {
    return "f.yaml:" + std::to_string(n.Mark().line + 1) + ":" + std::to_string(n.Mark().column + 1);
  };
  auto faults = FaultsFromYaml(ok, where);
  ASSERT_TRUE(faults.ok()) << faults.status().message();
  ASSERT_EQ(faults->size(), 2u);
  EXPECT_EQ((*faults)[0].respond->status, 503);
  EXPECT_EQ((*faults)[0].respond->headers.at(0).second, "2");
  EXPECT_EQ((*faults)[0].respond->body, R"({"error":"busy"})");
  EXPECT_EQ((*faults)[1].delay_ms, 30000);

  YAML::Node bad = YAML::Load(
      "- match: {path: /x}\n"
      "  respond: {status: 999}\n");
  auto err = FaultsFromYaml(bad, where);
  ASSERT_FALSE(err.ok());
  EXPECT_EQ(err.status().message(),
            "f.yaml:2:21: fault respond.status: expected an HTTP status from 100 to 599 (e.g. "
            "503), found 999");
}

// What `validate` used to accept and `run` refused: each is refused by FaultsFromYaml, the
// parser both use, at the offending node.
std::string FaultYamlError(const std::string& text) {
  auto where = [](const YAML::Node& n) {
    return "f.yaml:" + std::to_string(n.Mark().line + 1) + ":" +
           std::to_string(n.Mark().column + 1);
  };
  auto faults = FaultsFromYaml(YAML::Load(text), where);
  EXPECT_FALSE(faults.ok());
  return faults.ok() ? "" : faults.status().message();
}

TEST(FaultSpec, NegativeOrZeroNthIsRefusedWithItsPosition) {
  EXPECT_EQ(FaultYamlError("- match: {path: /x}\n  nth: -1\n  drop_connection: true\n"),
            "f.yaml:2:8: fault nth: expected a whole number from 1 to 1000000000 (nth: 1 fires "
            "on the first matching request only), found -1");
  EXPECT_EQ(FaultYamlError("- match: {path: /x}\n  nth: 0\n  drop_connection: true\n"),
            "f.yaml:2:8: fault nth: expected a whole number from 1 to 1000000000 (nth: 1 fires "
            "on the first matching request only), found 0");
  EXPECT_EQ(FaultYamlError("- match: {path: /x}\n  times: 99999999999\n  delay: 1s\n"),
            "f.yaml:2:10: fault times: expected a whole number from 1 to 1000000000 (times: 2 "
            "fires on the first two matching requests), found 99999999999");
}

TEST(FaultSpec, StatusOutsideHttpRangeIsRefusedWithItsPosition) {
  EXPECT_EQ(FaultYamlError("- match: {path: /x}\n  respond: {status: 99999}\n"),
            "f.yaml:2:21: fault respond.status: expected an HTTP status from 100 to 599 (e.g. "
            "503), found 99999");
}

TEST(FaultSpec, DelayOverOneDayIsRefusedWithItsPosition) {
  EXPECT_EQ(FaultYamlError("- match: {path: /x}\n  delay: 99999d\n"),
            "f.yaml:2:10: fault delay: expected a duration from 0 to 1d (one day at most), like "
            "200ms, 30s or 2m, found \"99999d\"");
  EXPECT_EQ(FaultYamlError("- match: {path: /x}\n  delay_ms: 86400001\n"),
            "f.yaml:2:13: fault delay_ms: expected a whole number of milliseconds from 0 to "
            "86400000 (one day), found 86400001");
  EXPECT_TRUE(FaultFromJson({{"match", {{"path", "/a"}}}, {"delay", "1d"}}).ok());
}

TEST(FaultSpec, DropAfterHandlingIsAnActionAndNeedsABool) {
  StatusOr<Fault> f = FaultFromJson({{"match", {{"method", "POST"}}}, {"drop_after_handling", true}});
  ASSERT_TRUE(f.ok()) << f.status().message();
  EXPECT_TRUE(f->drop_after_handling);
  EXPECT_FALSE(f->drop_connection);
  EXPECT_FALSE(FaultFromJson({{"match", {{"method", "POST"}}}, {"drop_after_handling", "yes"}}).ok());
}

TEST(FaultSpec, MatchAloneIsRefusedWithItsPosition) {
  EXPECT_EQ(FaultYamlError("- match: {path: /ok}\n  respond: {status: 503}\n"
                           "- match: {path: /x}\n"),
            "f.yaml:3:3: fault a fault needs an action: respond, delay, drop_connection, "
            "truncate_body or malformed_json (e.g. respond: {status: 503}); with match: alone it "
            "would change nothing");
}

TEST(FaultSpec, ParsesStageReplaceHeadersAndBodyMatch) {
  auto where = [](const YAML::Node& n) {
    return "f.yaml:" + std::to_string(n.Mark().line + 1) + ":" + std::to_string(n.Mark().column + 1);
  };
  auto faults = FaultsFromYaml(
      YAML::Load("- match: {path: /x, body: {completed: true, todo: {id: 7}}}\n"
                 "  stage: before_auth\n"
                 "  respond: {status: 503, replace_headers: {X-Request-Id: fixed}}\n"
                 "- match: {path: /y}\n"
                 "  delay: 1s\n"),
      where);
  ASSERT_TRUE(faults.ok()) << faults.status().message();
  const Fault& f = (*faults)[0];
  EXPECT_EQ(f.stage, FaultStage::kBeforeAuth);
  EXPECT_EQ(f.match.body, nlohmann::json({{"completed", true}, {"todo", {{"id", 7}}}}));
  ASSERT_EQ(f.respond->replace_headers.size(), 1u);
  EXPECT_EQ(f.respond->replace_headers[0], std::make_pair(std::string("X-Request-Id"), std::string("fixed")));
  EXPECT_TRUE(f.respond->headers.empty());
  EXPECT_EQ((*faults)[1].stage, FaultStage::kAfterAuth);  // the default
  EXPECT_TRUE((*faults)[1].match.body.is_null());
}

TEST(FaultSpec, BadStageBodyAndReplaceHeadersAreRefusedWithTheirPosition) {
  EXPECT_EQ(FaultYamlError("- match: {path: /x}\n  stage: before_token\n  delay: 1s\n"),
            "f.yaml:2:10: fault stage: expected before_auth (tried before the User-Agent and "
            "token checks) or after_auth (the default), found \"before_token\"");
  EXPECT_EQ(FaultYamlError("- match: {path: /x, body: {}}\n  delay: 1s\n"),
            "f.yaml:1:27: fault match.body: expected a map of the request body's fields to their "
            "values, e.g. body: {completed: true}, found {} (it would match every request)");
  EXPECT_EQ(FaultYamlError("- match: {path: /x, body: completed}\n  delay: 1s\n"),
            "f.yaml:1:27: fault match.body: expected a map of the request body's fields to their "
            "values, e.g. body: {completed: true}, found string");
  EXPECT_EQ(FaultYamlError("- match: {path: /x}\n  respond: {replace_headers: {X-A: [1]}}\n"),
            "f.yaml:2:36: fault respond.replace_headers.X-A: expected a text value, found array");
  EXPECT_EQ(FaultYamlError("- match: {path: /x}\n"
                           "  respond: {headers: {x-request-id: a}, replace_headers: {X-Request-Id: b}}\n"),
            "f.yaml:2:73: fault respond.replace_headers.X-Request-Id: \"X-Request-Id\" is in both "
            "headers (added) and replace_headers (replaced); keep it in one");
}

TEST(FaultMatchBody, MatchesJsonSubsetsOnly) {
  using nlohmann::json;
  const json body = {{"content", "Buy milk"}, {"completed", true}, {"todo", {{"id", 7}, {"x", 1}}}};
  EXPECT_TRUE(JsonIncludes(body, {{"completed", true}}));
  EXPECT_TRUE(JsonIncludes(body, {{"todo", {{"id", 7}}}}));
  EXPECT_FALSE(JsonIncludes(body, {{"completed", "true"}}));  // types are kept: text is not true
  EXPECT_FALSE(JsonIncludes(body, {{"todo", {{"id", 8}}}}));
  EXPECT_FALSE(JsonIncludes(body, {{"missing", 1}}));
  EXPECT_FALSE(JsonIncludes(nullptr, {{"completed", true}}));

  FaultMatch m;
  m.body = {{"completed", true}};
  FaultRequest r = Req("POST", "/x");
  EXPECT_FALSE(FaultMatches(m, r, kAccounts)) << "no body at all";
  json have = body;
  int parses = 0;
  r.body_fields = [&]() -> const json& { ++parses; return have; };
  EXPECT_TRUE(FaultMatches(m, r, kAccounts));
  have["completed"] = false;
  EXPECT_FALSE(FaultMatches(m, r, kAccounts));
  m.method = "GET";  // the cheap checks come first: a wrong method never reads the body
  parses = 0;
  EXPECT_FALSE(FaultMatches(m, r, kAccounts));
  EXPECT_EQ(parses, 0);
}

TEST(FaultEngine, StageSelectsWhichFaultsAreTriedAndCounted) {
  FaultEngine e;
  Fault early = FaultFromJson({{"match", {{"path", "/x"}}}, {"stage", "before_auth"}, {"delay", "1s"}}).value();
  Fault late = FaultFromJson({{"match", {{"path", "/x"}}}, {"delay", "2s"}}).value();
  e.Replace({late});
  EXPECT_FALSE(e.HasBeforeAuth());
  e.Add(early);
  EXPECT_TRUE(e.HasBeforeAuth());
  EXPECT_EQ(e.Evaluate(Req("GET", "/x"), FaultStage::kBeforeAuth)->id, "f2");
  EXPECT_EQ(e.Evaluate(Req("GET", "/x"), FaultStage::kAfterAuth)->id, "f1");
  EXPECT_EQ(e.Evaluate(Req("GET", "/x"))->id, "f1");  // no stage: all, first installed wins
  nlohmann::json counts = e.ToJson();
  EXPECT_EQ(counts[0]["hits"], 2);
  EXPECT_EQ(counts[1]["hits"], 2);
  EXPECT_TRUE(e.Remove("f2"));
  EXPECT_FALSE(e.HasBeforeAuth());
}

}  // namespace
}  // namespace bcsim
