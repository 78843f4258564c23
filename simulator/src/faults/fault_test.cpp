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
            "malformed_json");
  EXPECT_EQ(FaultFromJson({{"match", {{"paht", "/a"}}}, {"delay", "1s"}}).status().message(),
            "match.paht: unknown key \"paht\"; expected one of method, path, query, header, "
            "identity");
  EXPECT_EQ(FaultFromJson({{"match", {{"path", "/a"}}}, {"delay", "soon"}}).status().message(),
            "delay: expected a duration like 200ms, 30s or 2m, found \"soon\"");
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
            "f.yaml:2:21: fault respond.status: expected an HTTP status 100..599, found 999");
}

}  // namespace
}  // namespace bcsim
