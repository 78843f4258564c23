// `validate` through CLI11 as the bcsim binary wires it.
#include "bcsim/cli.h"

#include <gtest/gtest.h>

#include <algorithm>
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
  EXPECT_EQ(out, good + ": ok\n" + bad + ":33:10: fault nth: expected a whole number >= 1, found 0\n");
}

}  // namespace
}  // namespace bcsim
