// Support bundles round trip (issue 11): every scenario of the library is run with bundles on
// (`bcsim run --bundles`, in process); for each tracker user whose last sync failed or who has a
// warning, a scenario is generated from the bundle (`bcsim scenario from-bundle`), run and
// proved, and its own bundle must show the same codes and the same tasks. Also: bundles carry
// none of the scenario's secrets, and a bad bundle is refused with its JSON path.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "harness/cli.h"
#include "harness/from_bundle.h"
#include "harness/runner.h"
#include "harness/scenario_parser.h"

namespace bcsim::harness {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

fs::path TempDir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("bcsim-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

// Runs the files on two threads (as `bcsim run --jobs 2`).
std::vector<ScenarioResult> RunAll(const std::vector<std::string>& files,
                                   const RunOptions& options) {
  std::vector<ScenarioResult> results(files.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < files.size(); i = next++)
      results[i] = RunScenarioFile(files[i], options);
  };
  std::thread other(worker);
  worker();
  other.join();
  return results;
}

bool Affected(const json& b) {
  const json& syncs = b["syncs"];
  return (!syncs.empty() && syncs.back()["outcome"] == "error") || !b["warnings"].empty();
}

// What the customer saw: the last code, the warning codes, the tasks. "" when both agree.
std::string Differences(const json& want, const json& got) {
  auto code = [](const json& b) {
    return b["syncs"].empty() ? std::string("(no sync)")
                              : b["syncs"].back()["outcome"].get<std::string>() + " " +
                                    b["syncs"].back()["code"].dump();
  };
  auto warnings = [](const json& b) {
    std::set<std::string> out;
    for (const auto& w : b["warnings"]) out.insert(w["code"].get<std::string>());
    return out;
  };
  auto tasks = [](const json& b) {
    std::set<std::string> out;
    for (const auto& t : b["tasks"])
      out.insert(std::to_string(t["basecamp_id"].get<long long>()) + " " +
                 t["title"].get<std::string>() + " " + t["status"].get<std::string>() + " " +
                 t["archived_reason"].dump());
    return out;
  };
  std::string diff;
  if (code(want) != code(got)) diff += "last sync " + code(want) + " vs " + code(got) + "; ";
  if (warnings(want) != warnings(got)) diff += "other warnings; ";
  if (tasks(want) != tasks(got))
    diff += "other tasks (" + std::to_string(want["tasks"].size()) + " vs " +
            std::to_string(got["tasks"].size()) + "); ";
  return diff;
}

// Every secret the scenario used (passwords, client secrets) and the marks of tokens.
std::vector<std::string> SecretsOf(const Scenario& s) {
  std::vector<std::string> out = {"BAh", "enc1:"};  // simulator tokens; bcsync's sealed form
  for (const auto& [k, i] : s.world.identities)
    if (!i.password.empty()) out.push_back(i.password);
  for (const auto& [k, c] : s.world.clients)
    if (!c.client_secret.empty()) out.push_back(c.client_secret);
  for (const auto& [k, u] : s.tracker.users)
    if (!u.password.empty()) out.push_back(u.password);
  return out;
}
std::vector<std::string> Found(const std::string& text, const std::vector<std::string>& secrets) {
  std::vector<std::string> found;
  for (const auto& s : secrets)
    if (text.find(s) != std::string::npos) found.push_back(s);
  return found;
}

TEST(BundleRoundTrip, EveryErrorOrWarningScenarioReproducesFromItsBundles) {
  const fs::path tmp = TempDir("round-trip");
  std::vector<std::string> files = CollectScenarioFiles({BCSIM_SCENARIOS_DIR});
  ASSERT_GT(files.size(), 20u);
  RunOptions original;
  original.bundles_dir = (tmp / "original").string();
  std::vector<ScenarioResult> ran = RunAll(files, original);

  struct Case {
    std::string scenario, user, what;
    json bundle;
    std::string file;
  };
  std::vector<Case> cases;
  for (std::size_t i = 0; i < files.size(); ++i) {
    ASSERT_TRUE(ran[i].passed) << files[i] << ": " << ran[i].failure;
    auto parsed = ParseScenarioFile(files[i]);
    ASSERT_TRUE(parsed.ok());
    const fs::path folder = tmp / "original" / parsed->name;
    for (const auto& key : parsed->tracker.user_order) {
      const std::string text = Read(folder / (key + ".json"));
      ASSERT_FALSE(text.empty()) << folder / (key + ".json");
      EXPECT_EQ(Found(text, SecretsOf(*parsed)), std::vector<std::string>{})
          << parsed->name << " " << key;
      json b = json::parse(text);
      if (!Affected(b)) continue;
      Case c{parsed->name, key, "", b, ""};
      c.what = b["syncs"].empty() || b["syncs"].back()["outcome"] == "ok"
                   ? std::string("sync ok")
                   : b["syncs"].back()["code"].get<std::string>();
      for (const auto& w : b["warnings"]) c.what += ", warning " + w["code"].get<std::string>();
      FromBundleOptions options;
      options.name = "round-trip-" + parsed->name + "-" + key;
      options.source_name = (folder / (key + ".json")).string();
      auto yaml = ScenarioFromBundle(text, options);
      ASSERT_TRUE(yaml.ok()) << yaml.status().message();
      c.file = (tmp / (options.name + ".yaml")).string();
      std::ofstream(c.file) << *yaml;
      cases.push_back(std::move(c));
    }
  }
  std::vector<std::string> generated;
  for (const auto& c : cases) generated.push_back(c.file);
  RunOptions again;
  again.prove = true;  // every expectation of a generated scenario can fail
  again.bundles_dir = (tmp / "again").string();
  std::vector<ScenarioResult> replayed = RunAll(generated, again);
  std::cout << "round trip over " << cases.size() << " bundles of " << files.size()
            << " scenarios:\n";
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const Case& c = cases[i];
    std::cout << "  " << c.scenario << " / " << c.user << ": " << c.what << "\n";
    EXPECT_TRUE(replayed[i].passed) << c.file << ": " << replayed[i].failure << "\n"
                                    << Read(c.file);
    if (!replayed[i].passed) continue;
    // The generated scenario's own bundle of the same person (same email).
    const std::string email = c.bundle["user"]["email"];
    json got;
    for (const auto& entry :
         fs::directory_iterator(tmp / "again" / ("round-trip-" + c.scenario + "-" + c.user))) {
      json b = json::parse(Read(entry.path()));
      if (b["user"]["email"] == email) got = b;
    }
    ASSERT_FALSE(got.is_null()) << c.file;
    EXPECT_EQ(Differences(c.bundle, got), "") << c.file;
  }
  EXPECT_GE(cases.size(), 20u);  // the library's error and warning scenarios, not silently none
  std::error_code ec;
  fs::remove_all(tmp, ec);
}

// The comparison and the secret grep can fail.
TEST(BundleRoundTrip, ChecksTellADifferentBundle) {
  json a = {{"syncs", json::array({{{"outcome", "error"}, {"code", "108"}}})},
            {"warnings", json::array()},
            {"tasks", json::array({{{"basecamp_id", 1},
                                    {"title", "T"},
                                    {"status", "active"},
                                    {"archived_reason", nullptr}}})}};
  json b = a;
  EXPECT_EQ(Differences(a, b), "");
  b["syncs"][0]["code"] = "BC_UNAVAILABLE";
  EXPECT_NE(Differences(a, b).find("last sync error \"108\" vs error \"BC_UNAVAILABLE\""),
            std::string::npos);
  b = a;
  b["tasks"][0]["status"] = "archived";
  EXPECT_NE(Differences(a, b).find("other tasks"), std::string::npos);
  b = a;
  b["warnings"].push_back({{"code", "wrong_account"}});
  EXPECT_NE(Differences(a, b).find("other warnings"), std::string::npos);
  EXPECT_EQ(Found("{\"x\": \"t-uma\"}", {"t-uma"}), std::vector<std::string>{"t-uma"});
}

// A generated scenario expects what the bundle says: a bundle with another code fails its run.
TEST(BundleRoundTrip, ABundleWithAnotherCodeMakesAFailingScenario) {
  const fs::path tmp = TempDir("other-code");
  RunOptions options;
  options.bundles_dir = (tmp / "b").string();
  ScenarioResult r = RunScenarioFile(std::string(BCSIM_SCENARIOS_DIR) + "/error-108.yaml", options);
  ASSERT_TRUE(r.passed) << r.failure;
  json b = json::parse(Read(tmp / "b" / "error-108" / "alice.json"));
  b["syncs"].back()["code"] = "BC_UNAVAILABLE";
  auto yaml = ScenarioFromBundle(b.dump(), {"wrong-code", "b.json"});
  ASSERT_TRUE(yaml.ok()) << yaml.status().message();
  std::ofstream(tmp / "wrong.yaml") << *yaml;
  ScenarioResult wrong = RunScenarioFile((tmp / "wrong.yaml").string());
  EXPECT_FALSE(wrong.passed);
  EXPECT_NE(wrong.failure.find("BC_UNAVAILABLE"), std::string::npos) << wrong.failure;
  std::error_code ec;
  fs::remove_all(tmp, ec);
}

// Pseudonymised bundles reproduce too: the wrong account stays wrong (the identity's and the
// tracker user's pseudonyms differ exactly where the emails did), and no real email is left.
TEST(BundleRoundTrip, ARedactedBundleReproducesWithoutTheRealNames) {
  const fs::path tmp = TempDir("redacted");
  RunOptions options;
  options.bundles_dir = (tmp / "b").string();
  options.bundles_redact_people = true;
  ScenarioResult r =
      RunScenarioFile(std::string(BCSIM_SCENARIOS_DIR) + "/wrong-account-linked.yaml", options);
  ASSERT_TRUE(r.passed) << r.failure;
  const std::string text = Read(tmp / "b" / "wrong-account-linked" / "uma.json");
  for (const char* real : {"uma@team.test", "adam@team.test", "olivia@team.test", "Adam Ames"})
    EXPECT_EQ(text.find(real), std::string::npos) << real;
  auto yaml = ScenarioFromBundle(text, {"redacted-wrong-account", "uma.json"});
  ASSERT_TRUE(yaml.ok()) << yaml.status().message();
  EXPECT_EQ(yaml->find("@team.test"), std::string::npos) << *yaml;
  std::ofstream(tmp / "case.yaml") << *yaml;
  RunOptions prove;
  prove.prove = true;
  ScenarioResult again = RunScenarioFile((tmp / "case.yaml").string(), prove);
  EXPECT_TRUE(again.passed) << again.failure << "\n" << *yaml;
  EXPECT_NE(yaml->find("warning: {user: person-1, code: \"wrong_account\"}"), std::string::npos)
      << *yaml;
  std::error_code ec;
  fs::remove_all(tmp, ec);
}

TEST(BundleRefusal, ABadBundleIsRefusedNamingItsJsonPath) {
  const fs::path tmp = TempDir("refused");
  RunOptions options;
  options.bundles_dir = (tmp / "b").string();
  ASSERT_TRUE(
      RunScenarioFile(std::string(BCSIM_SCENARIOS_DIR) + "/error-108.yaml", options).passed);
  const json good = json::parse(Read(tmp / "b" / "error-108" / "alice.json"));
  auto refused = [](const json& b) {
    auto r = ScenarioFromBundle(b.dump(), {"", "case.json"});
    return r.ok() ? std::string("accepted") : r.status().message();
  };
  EXPECT_TRUE(ScenarioFromBundle(good.dump(), {"", "case.json"}).ok());
  json b = good;
  b["tracker"]["account_mode"] = "loose";
  EXPECT_EQ(refused(b).rfind(
                "case.json: at /tracker/account_mode: expected one of the schema's values, found "
                "\"loose\"",
                0),
            0u)
      << refused(b);
  b = good;
  b.erase("syncs");
  EXPECT_NE(refused(b).find("case.json: at /: expected the key \"syncs\", found none"),
            std::string::npos)
      << refused(b);
  b = good;
  b["syncs"] = json::array();
  for (int i = 0; i < 101; ++i) b["syncs"].push_back(good["syncs"][0]);
  EXPECT_NE(refused(b).find("case.json: at /syncs: expected at most the schema's size"),
            std::string::npos)
      << refused(b);
  b = good;
  b["bundle_version"] = 2;
  EXPECT_NE(refused(b).find("at /bundle_version"), std::string::npos) << refused(b);
  auto not_json = ScenarioFromBundle("{\"bundle_version\": 1,", {"", "case.json"});
  ASSERT_FALSE(not_json.ok());
  EXPECT_NE(not_json.status().message().find("case.json: at /: expected a JSON document"),
            std::string::npos);
  auto huge = ScenarioFromBundle(std::string(kMaxBundleBytes + 1, ' '), {"", "case.json"});
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.status().message().find("expected a support bundle of at most 64 MiB"),
            std::string::npos);
  std::error_code ec;
  fs::remove_all(tmp, ec);
}

}  // namespace
}  // namespace bcsim::harness
