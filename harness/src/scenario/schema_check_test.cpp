#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "harness/validate.h"

namespace bcsim::harness {
namespace {

using ::testing::HasSubstr;

std::string WriteTemp(const std::string& name, const std::string& text) {
  std::string path = (std::filesystem::temp_directory_path() / name).string();
  std::ofstream(path) << text;
  return path;
}

const char* kWorld =
    "basecamp:\n"
    "  identities:\n"
    "    alice: {email: a@x.test, password: pw}\n"
    "  accounts:\n"
    "    acme: {name: Acme, product: bc3, people: {alice: {identity: alice}}}\n"
    "tracker:\n"
    "  users:\n"
    "    alice: {email: a@x.test, password: t, role: owner}\n";

TEST(ValidateScenarioFileTest, AcceptsAGoodFile) {
  std::string path = WriteTemp("bcsim-schema-good.yaml", std::string("scenario: good\ntags: [a]\n") + kWorld +
                                                             "steps:\n  - sync: {user: alice}\n"
                                                             "  - expect: {sync_ok: {user: alice}}\n");
  EXPECT_THAT(ValidateScenarioFile(path), ::testing::IsEmpty());
  std::filesystem::remove(path);
}

TEST(ValidateScenarioFileTest, MapsSchemaErrorsToLineAndColumn) {
  // `product` must be text and `limits.page_size` a whole number: only the schema knows that.
  std::string path = WriteTemp("bcsim-schema-bad.yaml", std::string("scenario: bad\n") + kWorld +
                                                            "  company: {name: X}\n"
                                                            "faults:\n"
                                                            "  - match: {method: GET}\n"
                                                            "    nth: first\n"
                                                            "steps:\n  - sync: {user: alice}\n"
                                                            "  - expect: {sync_ok: {user: alice}}\n");
  std::vector<std::string> problems = ValidateScenarioFile(path);
  ASSERT_FALSE(problems.empty());
  EXPECT_THAT(problems.front(), HasSubstr("bcsim-schema-bad.yaml:13:10: "));
  EXPECT_THAT(problems.front(), HasSubstr("nth"));
  std::filesystem::remove(path);
}

TEST(ValidateScenarioFileTest, ReportsTheParsersMessageFirst) {
  std::string path =
      WriteTemp("bcsim-schema-ref.yaml", std::string("scenario: ref\n") + kWorld + "steps:\n  - sync: {user: zed}\n");
  std::vector<std::string> problems = ValidateScenarioFile(path);
  ASSERT_FALSE(problems.empty());
  EXPECT_THAT(problems.front(), HasSubstr("bcsim-schema-ref.yaml:11:18: expected a tracker user (alice)"));
  std::filesystem::remove(path);
}

TEST(ValidateScenarioFileTest, RejectsUnknownTopLevelKeyThroughTheSchema) {
  std::string path = WriteTemp("bcsim-schema-top.yaml", "scenario: top\nsumary: typo\n");
  std::vector<std::string> problems = ValidateScenarioFile(path);
  ASSERT_GE(problems.size(), 1u);
  EXPECT_THAT(problems.front(), HasSubstr("bcsim-schema-top.yaml:2:1: expected one of the keys of a scenario"));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace bcsim::harness
