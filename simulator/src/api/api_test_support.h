// Test-only: the fixture the API and recordings tests share. It loads fixtures/worlds/acme.yaml
// into a World and calls HandleApi on it directly (no sockets, no clock: `now_` is the time
// every request carries). Header-only; tests only.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "api/api.h"
#include "bcsim/world_loader.h"

namespace bcsim::testing {

inline constexpr const char* kTestOrigin = "http://127.0.0.1:4567";

class AcmeApiTest : public ::testing::Test {
 protected:
  void SetUp() override {
    StatusOr<ScenarioDocument> doc = ReadScenarioFile(BCSIM_FIXTURES_DIR "/worlds/acme.yaml");
    ASSERT_TRUE(doc.ok()) << doc.status().message();
    StatusOr<World> w = LoadWorld(*doc, {{"tracker", "http://t"}});
    ASSERT_TRUE(w.ok()) << w.status().message();
    world_ = std::move(*w);
  }

  // One request as HandleApi sees it, at `now_`.
  ApiResponse Handle(const std::string& method, const std::string& path, const std::string& body,
                     const std::string& identity,
                     std::multimap<std::string, std::string> params = {}) {
    ApiRequest req{method, path, std::move(params), body, kTestOrigin, now_, identity};
    return HandleApi(world_, req);
  }

  // Call(method, path, body, identity, params) with the usual defaults, and a GET that must
  // answer 200 (its body parsed; a non-200 is a test failure).
  ApiResponse Call(const std::string& method, const std::string& path, const std::string& body = "",
                   const std::string& identity = "alice",
                   std::multimap<std::string, std::string> params = {}) {
    return Handle(method, path, body, identity, std::move(params));
  }
  nlohmann::json Get(const std::string& path, const std::string& identity = "alice") {
    ApiResponse r = Call("GET", path, "", identity);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
    return nlohmann::json::parse(r.body, nullptr, false);
  }

  static nlohmann::json Body(const ApiResponse& r) { return nlohmann::json::parse(r.body); }
  // The first header of that name, or `missing`.
  static std::string Header(const ApiResponse& r, const std::string& name,
                            const std::string& missing = "") {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return missing;
  }
  static Id PersonId(const std::string& key) { return StableId("person", "acme/" + key); }
  static Id TodoId(const std::string& key) { return StableId("todo", key); }

  World world_;
  Millis now_ = kDefaultStartTime + 1000;
};

}  // namespace bcsim::testing
