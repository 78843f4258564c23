#include "bcsim/scenario_file.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "bcsim/load_limits.h"

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

TEST_F(ScenarioFileTest, MissingIncludeShowsWhereItLookedAndTheNearestFiles) {
  Write("sub/team.yaml", "tracker: {}\n");
  Write("sub/acme.yaml", "tracker: {}\n");
  const std::string path = Write("main.yaml", "scenario: x\ninclude: [sub/teem.yaml]\n");
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(path);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find(":2:11: cannot read included file 'sub/teem.yaml'"), std::string::npos)
      << doc.status().message();
  EXPECT_NE(doc.status().message().find("no such file; nearest in "), std::string::npos);
  EXPECT_NE(doc.status().message().find("sub: team.yaml, acme.yaml"), std::string::npos) << doc.status().message();
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

// Bounded loading: each hostile input ends in a FILE:LINE:COL error, never a crash or a blow-up.

std::string ErrorOfText(const std::string& text, const ReadOptions& options = {}) {
  StatusOr<ScenarioDocument> doc = ReadScenarioText(text, "s.yaml", options);
  EXPECT_FALSE(doc.ok());
  if (doc.ok()) return "";
  EXPECT_EQ(doc.status().code(), StatusCode::kInvalidArgument);
  return doc.status().message();
}

TEST(ScenarioFileLimitsTest, SelfAliasIsRefusedWithItsPosition) {
  EXPECT_EQ(ErrorOfText("a: &a [*a]\n"),
            "s.yaml:1:8: expected an alias of a finished node, found *a inside &a itself "
            "(a recursive alias)");
}

TEST(ScenarioFileLimitsTest, UnknownAliasIsRefusedWithItsPosition) {
  EXPECT_EQ(ErrorOfText("a: 1\nb: *nope\n"),
            "s.yaml:2:4: expected an alias of an anchor defined before it, found *nope "
            "(no &nope before)");
}

TEST(ScenarioFileLimitsTest, TwentyThousandNestedBracketsAreRefusedAtTheFirstTooDeep) {
  const std::string text = "a: " + std::string(20'000, '[') + std::string(20'000, ']') + "\n";
  EXPECT_EQ(ErrorOfText(text), "s.yaml:1:67: expected at most 64 levels of nested lists and "
                               "maps, found a list deeper than that");
}

TEST(ScenarioFileLimitsTest, IncludeOfFiftyThousandNestedLevelsIsRefused) {
  const std::string text =
      "include: " + std::string(50'000, '[') + std::string(50'000, ']') + "\n";
  EXPECT_EQ(ErrorOfText(text), "s.yaml:1:73: expected at most 64 levels of nested lists and "
                               "maps, found a list deeper than that");
}

TEST(ScenarioFileLimitsTest, DeepBlockNestingIsRefusedToo) {
  std::string text;
  for (int i = 0; i < 100; ++i) text += "- ";
  text += "x\n";
  EXPECT_EQ(ErrorOfText(text), "s.yaml:1:129: expected at most 64 levels of nested lists and "
                               "maps, found a list deeper than that");
}

TEST(ScenarioFileLimitsTest, NonScalarKeyIsRefusedWithItsPosition) {
  // `? [a]: b` is a key that is itself a map ({[a]: b}): refused where it starts.
  EXPECT_EQ(ErrorOfText("? [a]: b\n"), "s.yaml:1:3: expected a key name (text), found a map");
  EXPECT_EQ(ErrorOfText("[a]: b\n"), "s.yaml:1:1: expected a key name (text), found a list");
  EXPECT_EQ(ErrorOfText("x: {? {a: 1}: b}\n"),
            "s.yaml:1:7: expected a key name (text), found a map");
  EXPECT_EQ(ErrorOfText("a: &k 1\n*k : 2\n"),
            "s.yaml:2:1: expected a key name (text), found an alias *k");
}

TEST(ScenarioFileLimitsTest, BillionLaughsIsRefusedNotExpanded) {
  std::string text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 9; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int j = 0; j < 9; ++j) text += (j == 0 ? "" : ", ") + prev;
    text += "]\n";
  }
  // a1..a4 stand for 9*10 + 9*91 + 9*820 + ... nodes: the 100,000 cap is passed inside a5.
  const std::string message = ErrorOfText(text);
  EXPECT_EQ(message.rfind("s.yaml:6:", 0), 0u) << message;
  EXPECT_NE(message.find(": expected aliases to stand for at most 100000 nodes and 16 MiB in "
                         "all, found *a4 going past that"),
            std::string::npos)
      << message;
}

TEST(ScenarioFileLimitsTest, HugeScalarAliasedManyTimesIsRefusedBySize) {
  std::string text = "big: &big " + std::string(1 << 20, 'x') + "\nlist: [";
  for (int i = 0; i < 20; ++i) text += (i == 0 ? "" : ", ") + std::string("*big");
  text += "]\n";
  const std::string message = ErrorOfText(text);
  EXPECT_EQ(message.rfind("s.yaml:2:", 0), 0u) << message;
  EXPECT_NE(message.find("found *big going past that"), std::string::npos) << message;
}

TEST(ScenarioFileLimitsTest, TooManyAliasesAreRefused) {
  std::string text = "a: &a x\nb: [";
  for (int i = 0; i < 1001; ++i) text += (i == 0 ? "" : ",") + std::string("*a");
  text += "]\n";
  EXPECT_EQ(ErrorOfText(text),
            "s.yaml:2:3005: expected at most 1000 aliases in a file, found more");
}

TEST(ScenarioFileLimitsTest, AliasesWithinTheLimitsStillLoad) {
  StatusOr<ScenarioDocument> doc = ReadScenarioText("a: &a {x: 1}\nb: *a\nc: [*a, *a]\n", "s.yaml");
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->root()["c"][1]["x"].as<int>(), 1);
}

TEST(ScenarioFileLimitsTest, DuplicateKeyNamesBothPositions) {
  EXPECT_EQ(ErrorOfText("basecamp:\n  accounts: {}\nsteps: []\nbasecamp: {}\n"),
            "s.yaml:4:1: duplicate key \"basecamp\" (first at s.yaml:1:1)");
  EXPECT_EQ(ErrorOfText("a:\n  todos: 1\n  b: 2\n  todos: 3\n"),
            "s.yaml:4:3: duplicate key \"todos\" (first at s.yaml:2:3)");
}

TEST(ScenarioFileLimitsTest, DuplicateKeyIsRefusedOnTheYamlCppRoadToo) {
  // An anchor (or a tab, or non-ASCII text) sends the text to yaml-cpp; the check still holds.
  EXPECT_EQ(ErrorOfText("a: &x 1\nb: caf\xc3\xa9\na: 3\n"),
            "s.yaml:3:1: duplicate key \"a\" (first at s.yaml:1:1)");
  std::string many = "m:\n";
  for (int i = 0; i < 40; ++i) many += "  k" + std::to_string(i) + ": 1\n";
  many += "  k7: 2\n";
  EXPECT_EQ(ErrorOfText(many), "s.yaml:42:3: duplicate key \"k7\" (first at s.yaml:9:3)");
}

TEST(ScenarioFileLimitsTest, TabInIndentationSaysSo) {
  EXPECT_EQ(ErrorOfText("a:\n\tb: 1\n"),
            "s.yaml:2:1: expected spaces for indentation, found a tab (YAML does not allow tabs "
            "there)");
}

TEST(ScenarioFileLimitsTest, BinaryTextIsRefusedWithoutQuotingIt) {
  const std::string secret = "root:$6$s3cr3t";
  const std::string message = ErrorOfText(secret + "\xff\xfe\x01\n");
  EXPECT_EQ(message.find("s3cr3t"), std::string::npos) << message;
  EXPECT_EQ(message.rfind("s.yaml:1:1: expected UTF-8 text, found ", 0), 0u) << message;
}

TEST_F(ScenarioFileTest, IncludeOfDevZeroIsRefusedAsOutsideTheTree) {
  const std::string main = Write("main.yaml", "include: [/dev/zero]\n");
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(main);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            main + ":1:11: expected an included file inside " + dir_.string() +
                " (the scenario's folder or an --include-root), found '/dev/zero' at /dev/zero");
}

TEST_F(ScenarioFileTest, IncludeOfADeviceIsRefusedEvenInsideAnIncludeRoot) {
  const std::string main = Write("main.yaml", "include: [/dev/zero]\n");
  ReadOptions options;
  options.include_roots = {"/dev"};
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(main, options);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), main + ":1:11: expected a regular file in `include:`, found "
                                           "'/dev/zero' (a character device)");
}

TEST_F(ScenarioFileTest, IncludeOfAFolderIsRefused) {
  const std::string main = Write("main.yaml", "include: sub\n");
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(main);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            main + ":1:10: expected a regular file in `include:`, found 'sub' (a folder)");
}

TEST_F(ScenarioFileTest, TopLevelDeviceIsRefused) {
  StatusOr<ScenarioDocument> doc = ReadScenarioFile("/dev/zero");
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "/dev/zero:1:1: expected a regular file, found a character device");
}

TEST_F(ScenarioFileTest, EtcShadowIsRefusedAndNothingOfItIsShown) {
  const std::string main = Write("main.yaml", "scenario: x\ninclude: [/etc/shadow]\n");
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(main);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            main + ":2:11: expected an included file inside " + dir_.string() +
                " (the scenario's folder or an --include-root), found '/etc/shadow' at "
                "/etc/shadow");
}

TEST_F(ScenarioFileTest, DotDotOutOfTheTreeIsRefusedAndAnIncludeRootAllowsIt) {
  std::filesystem::create_directories(dir_ / "sub/deeper");
  Write("outside.yaml", "scenario: outside\n");
  const std::string main = Write("sub/deeper/main.yaml", "include: [../../outside.yaml]\n");
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(main);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            main + ":1:11: expected an included file inside " + (dir_ / "sub/deeper").string() +
                " (the scenario's folder or an --include-root), found '../../outside.yaml' at " +
                (dir_ / "outside.yaml").string());
  ReadOptions options;
  options.include_roots = {dir_.string()};
  doc = ReadScenarioFile(main, options);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->root()["scenario"].as<std::string>(), "outside");
}

TEST_F(ScenarioFileTest, ATreeMarkerAboveTheScenarioWidensItsTree) {
  std::filesystem::create_directories(dir_ / "project/scenarios");
  std::filesystem::create_directories(dir_ / "project/fixtures");
  Write("project/fixtures/w.yaml", "scenario: from-fixtures\n");
  Write("outside.yaml", "scenario: outside\n");
  const std::string main = Write("project/scenarios/s.yaml", "include: [../fixtures/w.yaml]\n");
  const std::string escape = Write("project/scenarios/e.yaml", "include: [../../outside.yaml]\n");
  ASSERT_FALSE(ReadScenarioFile(main).ok());  // no marker: the tree is scenarios/ alone
  Write(std::string("project/") + kTreeMarker, "");
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(main);
  ASSERT_TRUE(doc.ok()) << doc.status().message();
  EXPECT_EQ(doc->root()["scenario"].as<std::string>(), "from-fixtures");
  doc = ReadScenarioFile(escape);  // the marked tree still has an edge
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            escape + ":1:11: expected an included file inside " + (dir_ / "project").string() +
                " (the scenario's folder or an --include-root), found '../../outside.yaml' at " +
                (dir_ / "outside.yaml").string());
}

TEST_F(ScenarioFileTest, SymlinkOutOfTheTreeIsRefused) {
  std::filesystem::create_directories(dir_ / "tree");
  Write("secret.yaml", "scenario: secret\n");
  std::filesystem::create_symlink(dir_ / "secret.yaml", dir_ / "tree/link.yaml");
  const std::string main = Write("tree/main.yaml", "include: [link.yaml]\n");
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(main);
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find(":1:11: expected an included file inside " +
                                        (dir_ / "tree").string()),
            std::string::npos)
      << doc.status().message();
}

TEST_F(ScenarioFileTest, AMissingIncludeRootIsAnError) {
  const std::string main = Write("main.yaml", "scenario: x\n");
  ReadOptions options;
  options.include_roots = {(dir_ / "nope").string()};
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(main, options);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            "--include-root " + (dir_ / "nope").string() + ": expected a folder, found nothing");
}

TEST_F(ScenarioFileTest, NonYamlIncludedFileIsNotQuoted) {
  Write("sub/shadow", "root:$6$s3cr3tHash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n");
  Write("sub/binary", std::string("key\0\x01\x02s3cr3t", 12));
  for (const char* name : {"sub/shadow", "sub/binary"}) {
    const std::string main = Write("main.yaml", std::string("include: [") + name + "]\n");
    StatusOr<ScenarioDocument> doc = ReadScenarioFile(main);
    ASSERT_FALSE(doc.ok()) << name << " " << doc->root();
    EXPECT_EQ(doc.status().message().find("s3cr3t"), std::string::npos)
        << doc.status().message();
    EXPECT_EQ(doc.status().message().rfind((dir_ / name).string() + ":1:1: expected ", 0), 0u)
        << doc.status().message();
  }
}

TEST_F(ScenarioFileTest, FanOutIncludeChainIsRefusedAtTheFileCountLimit) {
  // Nine levels, each including the next eight times: 8^9 reads unless counted.
  for (int level = 1; level <= 9; ++level) {
    std::string text = "include: [";
    for (int i = 0; i < 8; ++i) {
      text += (i == 0 ? "" : ", ") + std::string("l") + std::to_string(level + 1) + ".yaml";
    }
    Write("l" + std::to_string(level) + ".yaml", level == 9 ? "x: 1\n" : text + "]\n");
  }
  StatusOr<ScenarioDocument> doc = ReadScenarioFile((dir_ / "l1.yaml").string());
  ASSERT_FALSE(doc.ok());
  EXPECT_NE(doc.status().message().find(": expected at most 64 included files in all, found "
                                        "'l9.yaml' past that"),
            std::string::npos)
      << doc.status().message();
}

TEST_F(ScenarioFileTest, IncludesNestedTooDeepAreRefused) {
  for (int level = 1; level <= 10; ++level) {
    Write("c" + std::to_string(level) + ".yaml",
          "include: c" + std::to_string(level + 1) + ".yaml\n");
  }
  Write("c11.yaml", "x: 1\n");
  StatusOr<ScenarioDocument> doc = ReadScenarioFile((dir_ / "c1.yaml").string());
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), (dir_ / "c9.yaml").string() +
                                        ":1:10: expected includes nested at most 8 deep, found "
                                        "'c10.yaml' one level deeper");
}

TEST_F(ScenarioFileTest, TooBigFilesAreRefusedBeforeTheyAreRead) {
  const std::string big = Write("big.yaml", "");
  std::filesystem::resize_file(big, limits::kMaxFileBytes + 1);  // sparse: nothing is written
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(big);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(),
            big + ":1:1: expected a file of at most 256 MiB, found 257 MiB");
  const std::string main = Write("main.yaml", "include: big.yaml\n");
  doc = ReadScenarioFile(main);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), main + ":1:10: expected an included file of at most 256 MiB, "
                                           "found 'big.yaml' of 257 MiB");
}

TEST_F(ScenarioFileTest, TotalBytesOfAllIncludesAreBounded) {
  Write("a.yaml", "a: " + std::string(300, 'x') + "\n");
  Write("b.yaml", "b: " + std::string(300, 'x') + "\n");
  const std::string main = Write("main.yaml", "include: [a.yaml, b.yaml]\n");
  ReadOptions options;
  options.limits.max_total_bytes = 500;
  StatusOr<ScenarioDocument> doc = ReadScenarioFile(main, options);
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.status().message(), main + ":1:19: expected at most 500 bytes read for one "
                                           "scenario with its includes, found 'b.yaml' going "
                                           "past that");
  options.limits.max_total_bytes = 1000;
  EXPECT_TRUE(ReadScenarioFile(main, options).ok());
}

}  // namespace
}  // namespace bcsim
