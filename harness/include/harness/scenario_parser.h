// Reads a scenario file (shared/scenario-format.md) into a Scenario and checks it.
//
// Errors are values: InvalidArgument with "FILE:LINE:COL: expected ..., found ..." for the first
// problem found (YAML syntax, wrong types, unknown keys, unknown steps or expectations naming the
// known ones, references to unknown users, browsers, identities or accounts). Stateless and
// thread safe.
#pragma once

#include <string>
#include <vector>

#include "bcsim/status.h"
#include "harness/scenario.h"

namespace bcsim::harness {

// `include_roots`: folders besides the scenario's own tree that `include:` may read
// (`--include-root`; docs/scenario-format.md).
StatusOr<Scenario> ParseScenarioFile(const std::string& path, const std::vector<std::string>& include_roots = {});

// "15m", "14d", "10s", "2h", "500ms" or a plain number of seconds.
StatusOr<Millis> ParseDurationText(const std::string& text);
// "1h30m", "90m", "2h": ParseDurationText's segments, summed.
StatusOr<Millis> ParseCompositeDuration(const std::string& text);

}  // namespace bcsim::harness
