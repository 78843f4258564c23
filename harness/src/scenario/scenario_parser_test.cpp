#include "harness/scenario_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace bcsim::harness {
namespace {

using ::testing::HasSubstr;

class ScenarioParserTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bcsim-parser-" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string Write(const std::string& name, const std::string& text) {
    std::string path = (dir_ / name).string();
    std::ofstream(path) << text;
    return path;
  }
  // A scenario with a world and users, followed by `steps`.
  std::string WithSteps(const std::string& steps) {
    return Write("s.yaml",
                 "scenario: s\n"                                              // 1
                 "basecamp:\n"                                                // 2
                 "  identities:\n"                                            // 3
                 "    alice: {email: a@x.test, password: pw}\n"               // 4
                 "  accounts:\n"                                              // 5
                 "    acme: {name: Acme, people: {alice: {identity: alice}}, projects: {p: {name: P, "
                 "todolists: {l: {name: L, todos: [{key: copy, title: A, assignees: [alice]}, "
                 "{title: B, assignees: [alice]}]}}}}}\n"  // 6
                 "tracker:\n"                                                 // 7
                 "  users:\n"                                                 // 8
                 "    alice: {email: a@x.test, password: t, role: owner}\n"   // 9
                 "steps:\n" +                                                 // 10
                     steps);                                                  // 11...
  }
  std::string Error(const std::string& path) {
    auto r = ParseScenarioFile(path);
    EXPECT_FALSE(r.ok());
    if (r.ok()) return "";
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    return r.status().message();
  }
  std::filesystem::path dir_;
};

TEST_F(ScenarioParserTest, ParsesEveryPartOfAGoodScenario) {
  auto r = ParseScenarioFile(WithSteps(
      "  - enable_company_integration: {user: alice, grant: allow}\n"
      "  - wait: {for: 15m}\n"
      "  - basecamp: {complete: {todo: copy}}\n"
      "  - expect:\n"
      "      tasks: {user: alice, titles: [A, B], exactly: true}\n"
      "      sync_error: {user: alice, code: 108}\n"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->name, "s");
  ASSERT_EQ(r->steps.size(), 4u);
  EXPECT_EQ(r->steps[0].kind, "enable_company_integration");
  EXPECT_EQ(r->steps[0].mark.line, 11);
  EXPECT_EQ(r->steps[0].mark.column, 5);
  EXPECT_EQ(r->steps[1].args["ms"], 15 * 60 * 1000);
  EXPECT_EQ(r->steps[2].change, "complete");
  EXPECT_EQ(r->steps[2].args["todo"], "copy");
  ASSERT_EQ(r->steps[3].expectations.size(), 2u);
  EXPECT_EQ(r->steps[3].expectations[1].args["code"], 108);
  EXPECT_EQ(r->tracker.users.at("alice").role, "owner");
  EXPECT_EQ(r->world.identities.at("alice").email, "a@x.test");
  EXPECT_EQ(r->world.accounts.at("acme").name, "Acme");
}

TEST_F(ScenarioParserTest, RejectsUnknownStepNamingTheKnownOnes) {
  std::string e = Error(WithSteps("  - synk: {user: alice}\n"));
  EXPECT_THAT(e, HasSubstr("s.yaml:11:5: expected a step (browser_login, browser_logout,"));
  EXPECT_THAT(e, HasSubstr("found \"synk\""));
}

TEST_F(ScenarioParserTest, RejectsUnknownUserAtItsValue) {
  std::string e = Error(WithSteps("  - sync: {user: bob}\n"));
  EXPECT_THAT(e, HasSubstr("s.yaml:11:18: expected a tracker user (alice) for \"user\" in sync, found \"bob\""));
}

TEST_F(ScenarioParserTest, RejectsUnknownIdentity) {
  std::string e = Error(WithSteps("  - browser_login: {browser: laptop, identity: mallory}\n"));
  EXPECT_THAT(e, HasSubstr("s.yaml:11:48: expected a Basecamp identity (alice) for \"identity\""));
  EXPECT_THAT(e, HasSubstr("found \"mallory\""));
}

TEST_F(ScenarioParserTest, RejectsBrowserNoEarlierStepUsed) {
  std::string e = Error(WithSteps("  - browser_logout: {browser: laptop}\n"));
  EXPECT_THAT(e, HasSubstr("s.yaml:11:31: expected a browser used by an earlier step (alice)"));
}

TEST_F(ScenarioParserTest, RejectsUnknownAccount) {
  std::string e = Error(WithSteps("  - choose_account: {user: alice, account: globex}\n"));
  EXPECT_THAT(e, HasSubstr("s.yaml:11:44: expected a Basecamp account (acme)"));
}

TEST_F(ScenarioParserTest, RejectsWrongTypeOfValue) {
  std::string e = Error(WithSteps("  - expect:\n      tasks: {user: alice, titles: Write copy}\n"));
  EXPECT_THAT(e, HasSubstr("s.yaml:12:36: expected a list of text for \"titles\" in expectation tasks, found "
                           "\"Write copy\""));
}

TEST_F(ScenarioParserTest, RejectsUnknownExpectation) {
  std::string e = Error(WithSteps("  - expect:\n      taks: {user: alice}\n"));
  EXPECT_THAT(e, HasSubstr("s.yaml:12:7: expected an expectation (tasks, sync_error,"));
}

TEST_F(ScenarioParserTest, RejectsUnknownArgumentKey) {
  std::string e = Error(WithSteps("  - sync: {user: alice, force: true}\n"));
  EXPECT_THAT(e, HasSubstr("s.yaml:11:25: expected one of the keys of sync (user, browser), found \"force\""));
}

TEST_F(ScenarioParserTest, RejectsBadDuration) {
  std::string e = Error(WithSteps("  - wait: {for: soon}\n"));
  EXPECT_THAT(e, HasSubstr("s.yaml:11:17: expected a duration like 15m, 2h or 15d, found \"soon\""));
}

TEST_F(ScenarioParserTest, RejectsMissingRequiredArgument) {
  std::string e = Error(WithSteps("  - choose_account: {user: alice}\n"));
  EXPECT_THAT(e, HasSubstr("s.yaml:11:21: expected \"account\" in choose_account, found no such key"));
}

TEST_F(ScenarioParserTest, RejectsBadGrant) {
  std::string e = Error(WithSteps("  - enable_personal_integration: {user: alice, grant: maybe}\n"));
  EXPECT_THAT(e, HasSubstr("s.yaml:11:55: expected allow or deny for grant, found \"maybe\""));
}

TEST_F(ScenarioParserTest, RejectsYamlSyntaxErrorWithLineAndColumn) {
  std::string e = Error(Write("bad.yaml", "scenario: s\nsteps:\n  - sync: {user: alice\n"));
  EXPECT_THAT(e, HasSubstr("bad.yaml:"));
  EXPECT_THAT(e, ::testing::ContainsRegex("bad.yaml:[0-9]+:[0-9]+: "));
}

TEST_F(ScenarioParserTest, RejectsUnknownTopLevelKey) {
  std::string e = Error(Write("top.yaml", "scenario: s\nstep: []\n"));
  EXPECT_THAT(e, HasSubstr("top.yaml:2:1: expected one of the keys of a scenario"));
  EXPECT_THAT(e, HasSubstr("found \"step\""));
}

TEST_F(ScenarioParserTest, MergesIncludesWithTheIncludingFileWinning) {
  Write("world.yaml",
        "basecamp:\n  identities:\n    alice: {email: a@x.test, password: pw}\n"
        "tracker:\n  company: {name: Base Co}\n  users:\n    alice: {email: a@x.test, password: t}\n");
  auto r = ParseScenarioFile(Write("main.yaml",
                                   "scenario: inc\ninclude: [world.yaml]\ntracker:\n  company: {name: Mine}\n"
                                   "  users:\n    alice: {email: a@x.test, password: t}\n"
                                   "steps:\n  - browser_login: {browser: b, identity: alice}\n"
                                   "  - expect: {sync_ok: {user: alice}}\n"));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->tracker.company, "Mine");
  EXPECT_EQ(r->world.identities.at("alice").email, "a@x.test");
}

TEST(ParseDurationTextTest, ReadsEveryUnit) {
  EXPECT_EQ(*ParseDurationText("500ms"), 500);
  EXPECT_EQ(*ParseDurationText("10s"), 10'000);
  EXPECT_EQ(*ParseDurationText("15m"), 900'000);
  EXPECT_EQ(*ParseDurationText("2h"), 7'200'000);
  EXPECT_EQ(*ParseDurationText("15d"), 1'296'000'000);
  EXPECT_EQ(*ParseDurationText("30"), 30'000);
  EXPECT_FALSE(ParseDurationText("15x").ok());
  EXPECT_FALSE(ParseDurationText("").ok());
}

}  // namespace
}  // namespace bcsim::harness
