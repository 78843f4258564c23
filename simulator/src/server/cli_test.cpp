// `validate` through CLI11 as the bcsim binary wires it.
#include "bcsim/cli.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "server/test_support.h"

namespace bcsim {
namespace {

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path = ::testing::TempDir() + name;
  std::ofstream(path) << text;
  return path;
}

int RunCli(std::vector<std::string> args, std::string* out) {
  CLI::App app{"bcsim"};
  int exit_code = -1;
  AddServeCommand(app, &exit_code);
  AddValidateCommand(app, &exit_code);
  std::reverse(args.begin(), args.end());  // CLI11 parses a reversed vector
  ::testing::internal::CaptureStdout();
  app.parse(args);
  *out = ::testing::internal::GetCapturedStdout();
  return exit_code;
}

TEST(CliValidate, PrintsOkForGoodFiles) {
  std::string good = WriteTemp("bcsim_cli_good.yaml", testing::TestWorldYaml());
  std::string out;
  EXPECT_EQ(RunCli({"validate", good}, &out), 0);
  EXPECT_EQ(out, good + ": ok\n");
}

TEST(CliValidate, PrintsFileLineColumnAndExitsOneWhenAnyIsBad) {
  std::string good = WriteTemp("bcsim_cli_good2.yaml", testing::TestWorldYaml());
  std::string bad = WriteTemp("bcsim_cli_bad.yaml", testing::TestWorldYaml() +
                                                       "faults:\n  - match: {path: /x}\n    nth: 0\n    delay: 1s\n");
  std::string out;
  EXPECT_EQ(RunCli({"validate", good, bad}, &out), 1);
  EXPECT_EQ(out, good + ": ok\n" + bad +
                     ":33:10: fault nth: expected a whole number from 1 to 1000000000 (nth: 1 "
                     "fires on the first matching request only), found 0\n");
}

TEST(CliValidate, IncludeOutsideTheScenarioFolderNeedsAnIncludeRoot) {
  const std::string base = ::testing::TempDir() + "bcsim_cli_roots";
  std::filesystem::remove_all(base);
  std::filesystem::create_directories(base + "/scenarios");
  std::filesystem::create_directories(base + "/worlds");
  std::ofstream(base + "/worlds/w.yaml") << testing::TestWorldYaml();
  const std::string main = base + "/scenarios/s.yaml";
  std::ofstream(main) << "include: [../worlds/w.yaml]\n";
  std::string out;
  EXPECT_EQ(RunCli({"validate", main}, &out), 1);
  EXPECT_EQ(out.rfind(main + ":1:11: expected an included file inside ", 0), 0u) << out;
  EXPECT_EQ(RunCli({"validate", "--include-root", base + "/worlds", main}, &out), 0);
  EXPECT_EQ(out, main + ": ok\n");
  std::filesystem::remove_all(base);
}

TEST(CliValidate, HostileFilesExitOneWithAPosition) {
  const std::string deep =
      WriteTemp("bcsim_cli_deep.yaml", "a: " + std::string(20'000, '[') + "\n");
  const std::string alias = WriteTemp("bcsim_cli_alias.yaml", "a: &a [*a]\n");
  std::string out;
  EXPECT_EQ(RunCli({"validate", deep, alias}, &out), 1);
  EXPECT_EQ(out, deep + ":1:67: expected at most 64 levels of nested lists and maps, found a list "
                        "deeper than that\n" +
                     alias + ":1:8: expected an alias of a finished node, found *a inside &a "
                             "itself (a recursive alias)\n");
}

}  // namespace
}  // namespace bcsim
