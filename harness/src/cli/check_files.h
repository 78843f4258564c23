// Internal: the one check that `bcsim validate` and `bcsim run` apply to every file before
// anything runs (ValidateScenarioFile, then the parse, then unique scenario names).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "harness/scenario.h"

namespace bcsim::harness {

struct CheckedFile {
  std::string file;
  std::optional<Scenario> scenario;  // set when the file checked
  std::string error;                 // else every problem, one "FILE:LINE:COL: ..." a line
};

std::vector<CheckedFile> CheckFiles(const std::vector<std::string>& files,
                                    const std::vector<std::string>& include_roots);

}  // namespace bcsim::harness
