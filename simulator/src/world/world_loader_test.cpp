#include "bcsim/world_loader.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <vector>

namespace bcsim {
namespace {

const char* const kBase = R"(basecamp:
  identities:
    alice: {email: a@x.test, password: pw, first_name: Alice, last_name: Adams}
    bob: {email: b@x.test, password: pw}
  clients:
    tracker: {client_id: t, client_secret: s, redirect_uri: "{tracker}/cb"}
  accounts:
    acme:
      people:
        alice: {identity: alice, admin: true}
        bob: {identity: bob}
      projects:
        web:
          todolists:
            launch:
              todos:
                - {key: copy, title: Write copy, assignees: [alice]}
                - {title: No key}
)";

StatusOr<World> Load(const std::string& text) {
  ReadOptions options;
  options.include_roots = {BCSIM_FIXTURES_DIR};  // for the tests that include a fixture
  StatusOr<ScenarioDocument> doc = ReadScenarioText(text, "w.yaml", options);
  if (!doc.ok()) return doc.status();
  return LoadWorld(*doc, {{"tracker", "http://127.0.0.1:9"}});
}

std::string ErrorOf(const std::string& text) {
  StatusOr<World> w = Load(text);
  EXPECT_FALSE(w.ok());
  if (w.ok()) return "";
  EXPECT_EQ(w.status().code(), StatusCode::kInvalidArgument);
  return w.status().message();
}

TEST(WorldLoaderTest, LoadsGoodWorldWithStableIdsAndDefaults) {
  StatusOr<World> w = Load(kBase);
  ASSERT_TRUE(w.ok()) << w.status().message();
  ASSERT_EQ(w->accounts.size(), 1u);
  const Account& acme = w->accounts[0];
  EXPECT_EQ(acme.id, StableId("account", "acme"));
  EXPECT_EQ(acme.product, "bc3");
  EXPECT_EQ(acme.people[0].name, "Alice Adams");
  EXPECT_EQ(acme.people[0].email, "a@x.test");
  EXPECT_EQ(acme.people[1].name, "Bob");
  const Project& web = acme.projects[0];
  EXPECT_EQ(web.id, StableId("project", "web"));
  EXPECT_EQ(web.members, (std::vector<std::string>{"alice", "bob"}));
  ASSERT_EQ(web.todosets.size(), 1u);
  EXPECT_TRUE(web.todosets[0].enabled);
  EXPECT_EQ(web.created_at, kDefaultStartTime);
  const Todolist& launch = web.todosets[0].todolists[0];
  EXPECT_EQ(launch.todos[0].id, StableId("todo", "copy"));
  EXPECT_EQ(launch.todos[1].id, StableId("todo", "launch#2"));
  EXPECT_EQ(launch.todos[0].creator, "alice");
  EXPECT_EQ(launch.todos[1].position, 2);
  EXPECT_EQ(w->clients.at("tracker").redirect_uris, (std::vector<std::string>{"http://127.0.0.1:9/cb"}));
  EXPECT_EQ(w->index.by_key.count("todo:copy"), 1u);
  // Same file, same ids.
  StatusOr<World> again = Load(kBase);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->accounts[0].projects[0].todosets[0].todolists[0].todos[1].id, launch.todos[1].id);
}

TEST(WorldLoaderTest, StableIdIsInBasecampRange) {
  for (const char* key : {"a", "acme", "website", "x#1"}) {
    const Id id = StableId("todo", key);
    EXPECT_GE(id, 1'000'000'000);
    EXPECT_LT(id, 9'000'000'000);
  }
  EXPECT_NE(StableId("todo", "a"), StableId("project", "a"));
}

TEST(WorldLoaderTest, LoadsAcmeFixture) {
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(BCSIM_FIXTURES_DIR "/worlds/acme.yaml");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  StatusOr<World> w = LoadWorld(*doc, {{"tracker", "http://t"}});
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(w->accounts.size(), 4u);
  EXPECT_EQ(w->accounts[0].id, 4000001);
  EXPECT_FALSE(w->accounts[0].projects[1].todosets[0].enabled);
  EXPECT_EQ(w->accounts[0].projects[1].todosets[1].id, 3000900);
  EXPECT_EQ(w->clients.at("tracker").redirect_uris[0], "http://t/oauth/basecamp/callback");
  // An archived list archives its to-dos.
  const WorldPath& old_plan = w->index.by_key.at("todo:old-plan");
  EXPECT_EQ(w->accounts[0].projects[0].todosets[0].todolists[static_cast<std::size_t>(old_plan.list)]
                .todos[0].status, RecordingStatus::kArchived);
  EXPECT_TRUE(ValidateScenarioFile(BCSIM_FIXTURES_DIR "/worlds/acme.yaml").ok());
}

TEST(WorldLoaderTest, ParsesDurations) {
  EXPECT_EQ(*ParseDuration("500ms"), 500);
  EXPECT_EQ(*ParseDuration("10s"), 10'000);
  EXPECT_EQ(*ParseDuration("15m"), 900'000);
  EXPECT_EQ(*ParseDuration("2h"), 7'200'000);
  EXPECT_EQ(*ParseDuration("14d"), 14LL * 86'400'000);
  EXPECT_EQ(*ParseDuration("10"), 10'000);  // bare numbers count seconds
  EXPECT_EQ(*ParseDuration("1w"), 7LL * 86'400'000);
  EXPECT_EQ(ParseDuration("1y").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseDuration("-5s").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseDuration("99999999999999w").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ParseDuration("s").status().code(), StatusCode::kInvalidArgument);
}

TEST(WorldLoaderTest, AcceptsShorthandsOfTheScenarioSchema) {
  std::string text = kBase;
  text.replace(text.find("        web:\n"), 12, "        web:\n          todoset: false\n");
  text.replace(text.find("{title: No key}"), 15, "{title: No key, position: 9}");
  text += "  limits: {rate: false}\n";
  StatusOr<World> w = Load(text);
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_FALSE(w->accounts[0].projects[0].todosets[0].enabled);
  EXPECT_EQ(w->accounts[0].projects[0].todosets[0].todolists[0].todos[1].position, 9);
  EXPECT_EQ(w->limits.rate_requests, 0);
}

TEST(WorldLoaderTest, ParsesAndFormatsTimestamps) {
  EXPECT_EQ(*ParseTimestamp("2026-12-01T09:00:00Z"), kDefaultStartTime);
  EXPECT_EQ(*ParseTimestamp("2026-12-01T10:00:00.250+01:00"), kDefaultStartTime + 250);
  EXPECT_EQ(FormatTimestamp(kDefaultStartTime + 5), "2026-12-01T09:00:00.005Z");
  EXPECT_FALSE(ParseTimestamp("2026-02-30").ok());
  EXPECT_TRUE(IsValidDate("2028-02-29"));
  EXPECT_FALSE(IsValidDate("2026-13-01"));
}

// `webhooks:` under a project: loaded like POST buckets/{p}/webhooks.json would make them.
TEST(WorldLoaderTest, LoadsProjectWebhooksAndRefusesBadOnesAtTheirNode) {
  std::string text = kBase;
  const std::string hooks =
      "          webhooks:\n"
      "            tracker: {payload_url: \"http://127.0.0.1:9/h\", types: [Todo, Todo]}\n"
      "            off: {payload_url: \"https://e.test/h\", active: false}\n";
  text.insert(text.find("          todolists:"), hooks);
  StatusOr<World> w = Load(text);
  ASSERT_TRUE(w.ok()) << w.status().message();
  const std::vector<Webhook>& loaded = w->accounts[0].projects[0].webhooks;
  ASSERT_EQ(loaded.size(), 2u);
  EXPECT_EQ(loaded[0].payload_url, "http://127.0.0.1:9/h");
  EXPECT_EQ(loaded[0].types, std::vector<std::string>{"Todo"});
  EXPECT_TRUE(loaded[0].active);
  EXPECT_EQ(loaded[0].id, StableId("webhook", "web/tracker"));
  EXPECT_TRUE(loaded[1].types.empty());  // all
  EXPECT_FALSE(loaded[1].active);
  // The wrong variants: plain http off loopback, an unknown type, an unknown key.
  std::string bad = text;
  bad.replace(bad.find("http://127.0.0.1:9/h"), 20, "http://example.com/h");
  EXPECT_EQ(ErrorOf(bad).rfind("w.yaml:15:36: expected an https URL", 0), 0u) << ErrorOf(bad);
  bad = text;
  bad.replace(bad.find("Todo, Todo"), 10, "Todo, Tod");
  EXPECT_NE(ErrorOf(bad).find("unknown webhook type `Tod`"), std::string::npos);
  bad = text;
  bad.replace(bad.find("active: false"), 13, "activ: false");
  EXPECT_NE(ErrorOf(bad).find("unknown key `activ`"), std::string::npos);
}

TEST(WorldLoaderTest, UnknownKeyNamesPlaceAndAllowedKeys) {
  std::string text = kBase;
  text.replace(text.find("admin: true"), 11, "admn: true");
  EXPECT_EQ(ErrorOf(text),
            "w.yaml:10:34: unknown key `admn` in person `alice` (did you mean `admin`?); expected one of: id, identity, name, email, "
            "admin, owner, client, can_access_timesheet, time_zone, title, bio, location");
}

TEST(WorldLoaderTest, WrongTypeSaysExpectedAndFound) {
  std::string text = kBase;
  text.replace(text.find("assignees: [alice]"), 18, "assignees: alice");
  EXPECT_EQ(ErrorOf(text), "w.yaml:17:61: expected a list of names for `assignees`, found 'alice'");
}

TEST(WorldLoaderTest, UnknownPersonReference) {
  std::string text = kBase;
  text.replace(text.find("assignees: [alice]"), 18, "assignees: [carol]");
  EXPECT_EQ(ErrorOf(text), "w.yaml:17:62: unknown person `carol` in account `acme`; expected one of: alice, bob");
}

TEST(WorldLoaderTest, UnknownIdentityReference) {
  std::string text = kBase;
  text.replace(text.find("{identity: bob}"), 15, "{identity: bobby}");
  EXPECT_EQ(ErrorOf(text), "w.yaml:11:25: unknown identity `bobby`; expected one of: alice, bob");
}

TEST(WorldLoaderTest, DuplicateKey) {
  std::string text = kBase;
  text.replace(text.find("        bob: {identity: bob}"), 0, "        alice: {identity: bob}\n");
  EXPECT_EQ(ErrorOf(text), "w.yaml:11:9: duplicate key \"alice\" (first at w.yaml:10:9)");
}

TEST(WorldLoaderTest, DuplicateTodoKeyAcrossWorld) {
  std::string text = kBase;
  text.replace(text.find("{title: No key}"), 15, "{key: copy, title: Again}");
  EXPECT_EQ(ErrorOf(text),
            "w.yaml:18:25: duplicate todo key `copy` (first at w.yaml:17:25): todo keys must be "
            "unique across the world");
}

TEST(WorldLoaderTest, AssigneeWhoIsNotAProjectMemberIsRefused) {
  std::string text = kBase;
  text.replace(text.find("        web:\n"), 13, "        web:\n          members: [alice]\n");
  text.replace(text.find("assignees: [alice]}"), 19, "assignees: [alice, bob]}");
  EXPECT_EQ(ErrorOf(text),
            "w.yaml:18:69: expected the assignees of to-do `copy` to be members of project `web`, "
            "found `bob`, who is not; its members: alice");
}

TEST(WorldLoaderTest, DuplicateExplicitIdsNameBothPositions) {
  std::string text = kBase;
  text.replace(text.find("{key: copy,"), 11, "{key: copy, id: 1234,");
  text.replace(text.find("{title: No key}"), 15, "{title: No key, id: 1234}");
  EXPECT_EQ(ErrorOf(text), "w.yaml:18:19: id 1234 of to-do #2 of `launch` is already used by "
                           "to-do `copy` (first at w.yaml:17:19)");
}

TEST(WorldLoaderTest, DuplicateExplicitProjectIdsNameBothPositions) {
  std::string text = kBase;
  text.replace(text.find("        web:\n"), 13, "        web:\n          id: 55\n");
  text += "        app: {id: 55}\n";
  StatusOr<World> w = Load(text);
  ASSERT_FALSE(w.ok());
  EXPECT_EQ(w.status().message(), "w.yaml:20:9: id 55 of project `app` is already used by "
                                  "project `web` (first at w.yaml:13:9)");
}

TEST(WorldLoaderTest, DuplicatePersonIdIsRefused) {
  std::string text = kBase;
  text.replace(text.find("{identity: alice, admin: true}"), 30,
               "{identity: alice, admin: true, id: 77}");
  text.replace(text.find("{identity: bob}"), 15, "{identity: bob, id: 77}");
  EXPECT_EQ(ErrorOf(text), "w.yaml:11:34: person id 77 of `acme/bob` is already used by person "
                           "`acme/alice`");
}

std::string TwoTodoWorld(const std::string& first, const std::string& second) {
  return R"(basecamp:
  identities: {alice: {email: a@x.test, password: pw}}
  accounts:
    acme:
      people: {alice: {identity: alice}}
      projects:
        web:
          todolists:
            launch:
              todos:
                - )" + first + "\n                - " + second + "\n";
}

std::vector<Id> TodoIds(const World& w) {
  std::vector<Id> ids;
  for (const Todo& t : w.accounts.at(0).projects.at(0).todosets.at(0).todolists.at(0).todos) {
    ids.push_back(t.id);
  }
  return ids;
}

TEST(WorldLoaderTest, CollidingDerivedIdsAreResolvedDeterministically) {
  // The known pair: SHA-256 folded into 8e9 values gives both keys one id.
  ASSERT_EQ(StableId("todo", "task-50543"), StableId("todo", "task-115596"));
  const std::string text =
      TwoTodoWorld("{key: task-50543, title: A}", "{key: task-115596, title: B}");
  StatusOr<World> w = Load(text);
  ASSERT_TRUE(w.ok()) << w.status().message();
  const Id first = StableId("todo", "task-50543");
  EXPECT_EQ(TodoIds(*w), (std::vector<Id>{first, NextStableId(first)}));
  StatusOr<World> again = Load(text);  // stable: the same world gives the same ids
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(TodoIds(*again), TodoIds(*w));
}

TEST(WorldLoaderTest, ExplicitIdWinsOverAnEarlierDerivedOne) {
  const Id derived = StableId("todo", "a");
  StatusOr<World> w = Load(TwoTodoWorld(
      "{key: a, title: A}", "{key: b, title: B, id: " + std::to_string(derived) + "}"));
  ASSERT_TRUE(w.ok()) << w.status().message();
  EXPECT_EQ(TodoIds(*w), (std::vector<Id>{NextStableId(derived), derived}));
}

TEST(WorldLoaderTest, NextStableIdWrapsWithinTheRange) {
  EXPECT_EQ(NextStableId(1'000'000'000), 1'000'000'001);
  EXPECT_EQ(NextStableId(8'999'999'999), 1'000'000'000);
}

TEST(WorldLoaderTest, BigGeneratedWorldHasUniqueIds) {
  std::string text = R"(basecamp:
  identities: {alice: {email: a@x.test, password: pw}}
  accounts:
    acme:
      people: {alice: {identity: alice}}
      projects:
        web:
          todolists:
            launch:
              todos:
)";
  constexpr int kTodos = 20'000;
  for (int i = 0; i < kTodos; ++i) {
    text += "                - {key: task-" + std::to_string(i) + ", title: T}\n";
  }
  text += "                - {key: task-50543, title: Collides with task-115596}\n";
  text += "                - {key: task-115596, title: Collides with task-50543}\n";
  StatusOr<World> w = Load(text);
  ASSERT_TRUE(w.ok()) << w.status().message();
  std::vector<Id> ids = TodoIds(*w);
  ASSERT_EQ(ids.size(), static_cast<std::size_t>(kTodos + 2));
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::adjacent_find(ids.begin(), ids.end()), ids.end());
}

TEST(WorldLoaderTest, ValidateChecksFaultsWithTheParserRunUses) {
  const std::string path = ::testing::TempDir() + "bcsim_validate_faults.yaml";
  std::ofstream(path) << kBase << "faults:\n  - match: {path: /x}\n    respond: {status: 99999}\n";
  EXPECT_EQ(ValidateScenarioFile(path).message(),
            path + ":21:23: fault respond.status: expected an HTTP status from 100 to 599 (e.g. "
                   "503), found 99999");
  std::ofstream(path) << kBase << "faults:\n  - match: {path: /x}\n    respond: {status: 503}\n";
  EXPECT_TRUE(ValidateScenarioFile(path).ok()) << ValidateScenarioFile(path).message();
}

TEST(WorldLoaderTest, BadDate) {
  std::string text = kBase;
  text.replace(text.find("{title: No key}"), 15, "{title: T, due_on: 2026-02-30}");
  EXPECT_EQ(ErrorOf(text), "w.yaml:18:38: expected a date (YYYY-MM-DD) for `due_on`, found '2026-02-30'");
}

TEST(WorldLoaderTest, BadDuration) {
  std::string text = std::string(kBase) + "  limits: {access_token_ttl: 14 days}\n";
  EXPECT_EQ(ErrorOf(text),
            "w.yaml:19:30: expected a duration like 500ms, 10s, 15m, 2h or 14d for `access_token_ttl`, "
            "found '14 days'");
}

TEST(WorldLoaderTest, MissingBasecampSection) {
  EXPECT_EQ(ErrorOf("scenario: x\n"), "w.yaml:1:1: expected a `basecamp:` section (the fake Basecamp world), found none");
}

TEST(WorldLoaderTest, ErrorInIncludedFileNamesThatFile) {
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(BCSIM_FIXTURES_DIR "/worlds/acme.yaml");
  ASSERT_TRUE(doc.ok());
  // A scenario whose own account refers to an identity the included world lacks.
  const std::string text = std::string("include: [") + BCSIM_FIXTURES_DIR +
                           "/worlds/acme.yaml]\nbasecamp:\n  accounts:\n    extra: {people: {zed: {identity: zed}}}\n";
  const std::string message = ErrorOf(text);
  EXPECT_EQ(message.rfind("w.yaml:4:38: unknown identity `zed`; expected one of: alice, bob, carol", 0), 0u) << message;
}

}  // namespace
}  // namespace bcsim

namespace bcsim {
namespace {

// Damaged files must give an error naming the file, never a crash or an escaped exception.
TEST(WorldLoaderRobustnessTest, DamagedWorldsFailCleanly) {
  std::string good = kBase;
  good += "  limits: {rate: {requests: 5, per: 10s}, page_size: 15}\n";
  std::uint64_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::size_t>(seed >> 33);
  };
  const std::string junk = "{}[]:,-&*!|>'\"%@` \n\t#?x1";
  int failures = 0;
  for (int round = 0; round < 400; ++round) {
    std::string text = good;
    for (int edits = 1 + static_cast<int>(next() % 3); edits > 0; --edits) {
      const std::size_t pos = next() % text.size();
      switch (next() % 3) {
        case 0: text.erase(pos, 1 + next() % 4); break;
        case 1: text.insert(pos, 1, junk[next() % junk.size()]); break;
        default: text[pos] = junk[next() % junk.size()]; break;
      }
    }
    StatusOr<World> w = Load(text);
    if (!w.ok()) {
      ++failures;
      EXPECT_EQ(w.status().code(), StatusCode::kInvalidArgument);
      EXPECT_EQ(w.status().message().rfind("w.yaml", 0), 0u) << w.status().message();
    }
  }
  EXPECT_GT(failures, 100);
}

}  // namespace
}  // namespace bcsim
