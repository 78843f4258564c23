// `bcsim validate`: checks scenario files against scenarios/scenario.schema.json (JSON Schema
// draft 7, via valijson) and the semantic rules of the parser (references, value types).
//
// Thread safe; the schema is parsed once per process.
#pragma once

#include <string>
#include <vector>

namespace bcsim::harness {

// Every problem found in the file, each "FILE:LINE:COL: message"; empty when the file is good.
// `schema_path` defaults to the schema shipped in the source tree.
std::vector<std::string> ValidateScenarioFile(const std::string& path, const std::string& schema_path = "",
                                              const std::vector<std::string>& include_roots = {});

}  // namespace bcsim::harness
