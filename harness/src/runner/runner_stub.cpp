// Stands in for the runner when this build has no simulator server or client library.
#include "harness/runner.h"
#include "harness/scenario_parser.h"

namespace bcsim::harness {

bool RunnerAvailable() { return false; }

ScenarioResult RunScenario(const Scenario& s, const RunOptions&) {
  ScenarioResult r;
  r.name = s.name;
  r.file = s.file;
  r.reason = "this bcsim was built without the simulator server or the bcsync client";
  r.failure = r.reason;
  return r;
}

ScenarioResult RunScenarioFile(const std::string& path, const RunOptions& o) {
  auto parsed = ParseScenarioFile(path);
  if (!parsed.ok()) {
    ScenarioResult r;
    r.name = r.file = path;
    r.reason = r.failure = parsed.status().message();
    return r;
  }
  return RunScenario(*parsed, o);
}

}  // namespace bcsim::harness
