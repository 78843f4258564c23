// The registry (registry.h) and scenarios/scenario.schema.json describe the same vocabulary:
// every step and expectation with the same keys. Either one drifting fails here.
#include "registry.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <set>

#include "harness/scenario_parser.h"

namespace bcsim::harness {
namespace {

using nlohmann::json;

json Schema() {
  std::ifstream in(BCSIM_SCENARIO_SCHEMA);
  return json::parse(in);
}

// The object schema inside `s` (itself, or the object branch of a oneOf: map or list of maps).
const json* ObjectOf(const json& s) {
  if (s.contains("properties")) return &s;
  if (s.contains("items")) return ObjectOf(s["items"]);
  if (s.contains("oneOf"))
    for (const auto& alt : s["oneOf"])
      if (const json* o = ObjectOf(alt)) return o;
  return nullptr;
}

std::set<std::string> Keys(const json& object) {
  std::set<std::string> out;
  if (object.contains("properties"))
    for (const auto& [k, v] : object["properties"].items()) out.insert(k);
  return out;
}

std::set<std::string> Set(const std::vector<std::string>& v) { return {v.begin(), v.end()}; }

TEST(RegistryTest, StepsAndTheirKeysAgreeWithTheSchema) {
  json schema = Schema();
  std::set<std::string> in_schema;
  for (const auto& alt : schema["definitions"]["step"]["oneOf"]) {
    std::string name = alt["required"][0];
    in_schema.insert(name);
    const StepKind* kind = FindStepKind(name);
    ASSERT_NE(kind, nullptr) << "the schema has a step the registry lacks: " << name;
    // Their bodies are other lists (add_fault's is the schema's fault definition).
    if (name == "basecamp" || name == "expect" || name == "add_fault") continue;
    const json* body = ObjectOf(alt["properties"][name]);
    ASSERT_NE(body, nullptr) << name;
    EXPECT_EQ(Keys(*body), Set(kind->keys)) << name;
    std::set<std::string> required;
    if (body->contains("required"))
      for (const auto& r : (*body)["required"]) required.insert(r.get<std::string>());
    EXPECT_EQ(required, Set(kind->required)) << name;
  }
  EXPECT_EQ(in_schema, Set(KnownSteps()));
}

TEST(RegistryTest, ExpectationsAndTheirKeysAgreeWithTheSchema) {
  json schema = Schema();
  const json* expect = nullptr;
  for (const auto& alt : schema["definitions"]["step"]["oneOf"])
    if (alt["required"][0] == "expect") expect = &alt["properties"]["expect"];
  ASSERT_NE(expect, nullptr);
  std::set<std::string> in_schema = Keys(*expect);
  EXPECT_EQ(in_schema, Set(KnownExpectations()));
  for (const auto& [name, sub] : (*expect)["properties"].items()) {
    const ExpectKind* kind = FindExpectKind(name);
    ASSERT_NE(kind, nullptr) << name;
    const json* body = ObjectOf(sub);
    ASSERT_NE(body, nullptr) << name;
    EXPECT_EQ(Keys(*body), Set(kind->keys)) << name;
  }
}

TEST(RegistryTest, WorldChangesAgreeWithTheSchema) {
  json schema = Schema();
  for (const auto& alt : schema["definitions"]["step"]["oneOf"]) {
    if (alt["required"][0] != "basecamp") continue;
    EXPECT_EQ(Keys(*ObjectOf(alt["properties"]["basecamp"])), Set(KnownWorldChanges()));
  }
}

// Every expectation kind can be made wrong: its mutants differ from it, and a check that
// compares what the registry names would tell them apart.
TEST(RegistryTest, EveryExpectationHasMutants) {
  MutationNames names{{"alice", "bob"}, {"acme", "globex"}, {"108", "BC_UNAVAILABLE"}, {"wrong_account"},
                      {"Write copy", "Fix footer"}, {{"copy", "Write copy"}}};
  const std::map<std::string, json> samples = {
      {"tasks", {{"user", "u"}, {"titles", {"Write copy"}}, {"exactly", true}, {"count", 1}}},
      {"sync_error", {{"user", "u"}, {"code", "108"}}},
      {"sync_ok", {{"user", "u"}}},
      {"integration", {{"user", "u"}, {"state", "on"}}},
      {"visible_integrations", {{"user", "u"}, {"includes", {"Basecamp"}}}},
      {"linked_identity", {{"user", "u"}, {"identity", "alice"}}},
      {"linked_account", {{"company", true}, {"account", "acme"}}},
      {"warning", {{"user", "u"}, {"code", "wrong_account"}}},
      {"page_contains", {{"user", "u"}, {"page", "tasks"}, {"text", "Sync"}}},
      {"requests", {{"path", "/x"}, {"count", 2}, {"status", 503}}},
      {"timesheet", {{"todo", "copy"}, {"person", "alice"}, {"hours", 1.5}, {"entries", 1}}},
      {"time_entry", {{"user", "u"}, {"task", "Write copy"}, {"state", "failed"}, {"code", "108"}}},
  };
  for (const ExpectKind& kind : ExpectKinds()) {
    ASSERT_TRUE(samples.count(kind.name)) << "no sample for " << kind.name;
    Expectation e{kind.name, {}, samples.at(kind.name), {}};
    std::vector<Mutant> mutants = kind.mutate(e, names);
    EXPECT_FALSE(mutants.empty()) << kind.name;
    for (const Mutant& m : mutants)
      EXPECT_TRUE(m.expectation.args != e.args || m.expectation.kind != e.kind) << kind.name << ": " << m.change;
  }
}

TEST(RegistryTest, TimeMutantsChangeTheHoursTheCountAndTheState) {
  MutationNames names{{}, {}, {"BC_TIME_REJECTED", "BC_TIME_PLAN_LIMIT"}, {}, {}, {}};
  Expectation sheet{"timesheet", {}, {{"todo", "copy"}, {"person", "uma"}, {"hours", 0}, {"entries", 0}}, {}};
  std::vector<std::string> changes;
  for (const Mutant& m : FindExpectKind("timesheet")->mutate(sheet, names)) changes.push_back(m.change);
  EXPECT_THAT(changes, ::testing::UnorderedElementsAre("hours 0 -> 0.5", "entries 0 -> 1"));
  Expectation entry{"time_entry", {}, {{"user", "u"}, {"task", "T"}, {"state", "failed"}, {"code", "BC_TIME_REJECTED"}}, {}};
  changes.clear();
  for (const Mutant& m : FindExpectKind("time_entry")->mutate(entry, names)) {
    changes.push_back(m.change);
    if (m.expectation.args["state"] != "failed") {
      EXPECT_FALSE(m.expectation.args.contains("code")) << m.change;
    }
  }
  EXPECT_THAT(changes, ::testing::UnorderedElementsAre("state failed -> running", "state failed -> pending",
                                                       "state failed -> written", "state failed -> deleted",
                                                       "code BC_TIME_REJECTED -> BC_TIME_PLAN_LIMIT"));
}

TEST(RegistryTest, TasksMutantsMoveEachTitleAndShiftTheCount) {
  MutationNames names{{}, {}, {}, {}, {"A", "B", "C"}, {}};
  Expectation e{"tasks", {}, {{"user", "u"}, {"titles", {"A", "B"}}, {"exactly", true}, {"count", 2}}, {}};
  std::vector<std::string> changes;
  for (const Mutant& m : FindExpectKind("tasks")->mutate(e, names)) changes.push_back(m.change);
  EXPECT_THAT(changes, ::testing::UnorderedElementsAre("titles [A] -> excludes [A]", "titles [B] -> excludes [B]",
                                                       "exactly: drop B from titles", "exactly: add C to titles",
                                                       "count 2 -> 3", "count 2 -> 1"));
}

TEST(RegistryTest, RequestsBodyIncludesMutantsChangeEachFieldAndAddOne) {
  MutationNames names;
  Expectation e{"requests", {},
                {{"method", "POST"}, {"path", "/x"}, {"body_includes", {{"type", "refresh"}, {"n", 1}}}}, {}};
  std::vector<std::string> changes;
  for (const Mutant& m : FindExpectKind("requests")->mutate(e, names)) {
    if (m.change.rfind("body_includes", 0) == 0) changes.push_back(m.change);
  }
  EXPECT_THAT(changes, ::testing::UnorderedElementsAre("body_includes n -> \"__bcsim-mutant\" (never sent)",
                                                       "body_includes type -> \"__bcsim-mutant\" (never sent)",
                                                       "body_includes + __bcsim_mutant field (never sent)"));
}

}  // namespace
}  // namespace bcsim::harness
