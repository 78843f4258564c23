// The Simulator library surface: load, start, stop.
#include "bcsim/simulator.h"

#include <gtest/gtest.h>

#include "server/test_support.h"

namespace bcsim {
namespace {

TEST(Simulator, BadFaultInScenarioIsRefusedWithFileLineColumn) {
  Simulator sim;
  Status st = sim.LoadYaml(testing::TestWorldYaml() + "faults:\n  - match: {path: /x}\n    respond: {status: 42}\n",
                           "bad.yaml");
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(),
            "bad.yaml:33:23: fault respond.status: expected an HTTP status from 100 to 599 "
            "(e.g. 503), found 42");
}

TEST(Simulator, MissingFileIsAnError) {
  Simulator sim;
  EXPECT_FALSE(sim.LoadFile("/nonexistent/world.yaml").ok());
}

TEST(Simulator, StartsOnAnyPortReportsItAndStopsTwice) {
  SimulatorOptions opts;
  opts.clock = std::make_shared<ManualClock>(kDefaultStartTime);
  Simulator sim(opts);
  ASSERT_TRUE(sim.Start().ok());
  EXPECT_GT(sim.port(), 0);
  EXPECT_EQ(sim.base_url(), "http://127.0.0.1:" + std::to_string(sim.port()));
  EXPECT_EQ(sim.Start().code(), StatusCode::kFailedPrecondition);
  httplib::Client cli("127.0.0.1", sim.port());
  auto r = cli.Get("/__bcsim/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  sim.Stop();
  sim.Stop();
}

TEST(Simulator, UsesTheWorldStartTimeWhenNoClockIsGiven) {
  Simulator sim;
  ASSERT_TRUE(sim.LoadYaml("basecamp:\n  start_time: 2027-01-05T10:00:00Z\n", "t.yaml").ok());
  ASSERT_TRUE(sim.Start().ok());
  httplib::Client cli("127.0.0.1", sim.port());
  auto r = cli.Get("/__bcsim/health");
  ASSERT_TRUE(r);
  EXPECT_EQ(nlohmann::json::parse(r->body)["now"].get<std::string>().substr(0, 16), "2027-01-05T10:00");
}

}  // namespace
}  // namespace bcsim
