#include "bcsim/scenario_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace bcsim {
namespace {

class ScenarioFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("bcsim_scenario_file_" + std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_ / "sub");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Write(const std::string& name, const std::string& text) {
    const auto path = dir_ / name;
    std::ofstream(path) << text;
    return path.string();
  }
  std::filesystem::path dir_;
};

TEST_F(ScenarioFileTest, ReportsYamlSyntaxErrorWithFileLineColumn) {
  const std::string path = Write("bad.yaml", "a: 1\nb: [1, 2\n");
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(path);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(doc.status().message().rfind(path + ":3:1: ", 0), 0u) << doc.status().message();
}

TEST_F(ScenarioFileTest, KeepsKeysItDoesNotOwn) {
  StatusOr<ScenarioDocument> doc = ReadScenarioText("scenario: x\nsteps:\n  - sync: {user: alice}\n", "s.yaml");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->root()["scenario"].as<std::string>(), "x");
  EXPECT_EQ(doc->root()["steps"][0]["sync"]["user"].as<std::string>(), "alice");
  EXPECT_EQ(doc->MarkOf(doc->root()["steps"]).ToString(), "s.yaml:3:3");
}

TEST_F(ScenarioFileTest, MergesIncludesKeyByKeyAndIncludingFileWins) {
  Write("sub/base.yaml", "basecamp:\n  limits: {page_size: 15}\n  accounts: {acme: {name: Base}}\nfaults: [1]\n");
  const std::string main = Write("main.yaml",
                                 "include: [sub/base.yaml]\nbasecamp:\n  accounts: {acme: {name: Mine}}\n");
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(main);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  const YAML::Node root = doc->root();
  EXPECT_FALSE(root["include"]);
  EXPECT_EQ(root["basecamp"]["accounts"]["acme"]["name"].as<std::string>(), "Mine");
  EXPECT_EQ(root["basecamp"]["limits"]["page_size"].as<int>(), 15);
  EXPECT_EQ(root["faults"][0].as<int>(), 1);
  // Marks name the file each node came from.
  EXPECT_EQ(doc->MarkOf(root["basecamp"]["limits"]["page_size"]).ToString(),
            (dir_ / "sub/base.yaml").lexically_normal().string() + ":2:23");
  EXPECT_EQ(doc->MarkOf(root["basecamp"]["accounts"]["acme"]["name"]).ToString(), main + ":3:27");
}

TEST_F(ScenarioFileTest, NestedIncludesResolveRelativeToTheirFile) {
  Write("sub/leaf.yaml", "tracker: {company: {name: Leaf}}\n");
  Write("sub/mid.yaml", "include: leaf.yaml\nscenario: mid\n");
  const std::string main = Write("main.yaml", "include: [sub/mid.yaml]\n");
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(main);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->root()["tracker"]["company"]["name"].as<std::string>(), "Leaf");
  EXPECT_EQ(doc->root()["scenario"].as<std::string>(), "mid");
}

TEST_F(ScenarioFileTest, RefusesIncludeCycle) {
  Write("a.yaml", "include: b.yaml\n");
  Write("b.yaml", "include: a.yaml\n");
  StatusOr<ScenarioDocument> doc = ReadScenarioFile((dir_ / "a.yaml").string());
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find("include cycle"), std::string::npos) << doc.status().message();
}

TEST_F(ScenarioFileTest, ReportsMissingIncludeAtItsEntry) {
  const std::string main = Write("main.yaml", "scenario: x\ninclude: [nope.yaml]\n");
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(main);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message().rfind(main + ":2:11: cannot read included file 'nope.yaml'", 0), 0u)
      << doc.status().message();
}

}  // namespace
}  // namespace bcsim
