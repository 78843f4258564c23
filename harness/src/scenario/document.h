// Internal: a scenario file read as YAML with its `include:` files merged, and where each node
// came from. Backed by the simulator's ReadScenarioFile when bcsim_world is built, so the harness
// and the simulator read files the same way.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "bcsim/scenario_file.h"
#include "bcsim/status.h"
#include "bcsim/yaml_json.h"
#include "harness/scenario.h"

namespace bcsim::harness {

class Document {
 public:
  virtual ~Document() = default;
  virtual const YAML::Node& root() const = 0;
  virtual Mark MarkOf(const YAML::Node& node) const = 0;
  // The simulator's own reading of the file (for LoadWorld without reading it again).
  virtual const bcsim::ScenarioDocument& simulator_document() const = 0;
};

StatusOr<std::shared_ptr<const Document>> LoadDocument(const std::string& path,
                                                       const std::vector<std::string>& include_roots = {});

// YamlToJson: the simulator's (bcsim/yaml_json.h), shared with its fault parser.
using bcsim::YamlToJson;

// "a map", "a sequence", "the text \"x\"", ... for error messages.
std::string Describe(const YAML::Node& node);

}  // namespace bcsim::harness
