// Runs scenarios: per scenario a fresh simulator and a fresh bcsync App in this process, on
// port 0, sharing one VirtualTime, driven by scripted browsers; then the expectations.
//
// Thread safe: scenarios share nothing, so RunScenario may run on many threads at once.
#pragma once

#include <string>

#include "harness/result.h"
#include "harness/scenario.h"

namespace bcsim::harness {

struct RunOptions {
  std::string temp_dir;  // where the SQLite files go; "" = the system's temp directory
  int recent_exchanges = 10;  // how many exchanges a failure shows
  // `bcsim run --prove`: after each expectation holds, its mutants (registry.h) are checked at
  // the same point of the run; each must fail. Survivors fail the scenario.
  bool prove = false;
  // `bcsim run --bundles DIR`: after the steps (passed or not), each tracker user's support
  // bundle (bcsync's own code) is written to DIR/SCENARIO/USER.json.
  std::string bundles_dir;
  bool bundles_redact_people = false;  // those bundles with emails and names pseudonymised
  // `bcsim run --browser`: "builtin" (HttpBrowser, the default) or "chromium" (ChromiumBrowser:
  // the scenario's browsers are Chromium; the checker's own reads stay built-in). With
  // chromium, each step's page is also a screenshot in the report.
  std::string browser = "builtin";
};

ScenarioResult RunScenario(const Scenario& scenario, const RunOptions& options = {});

// Parses and runs one file; a file that does not parse is a failed result naming the problem.
ScenarioResult RunScenarioFile(const std::string& path, const RunOptions& options = {});

}  // namespace bcsim::harness
