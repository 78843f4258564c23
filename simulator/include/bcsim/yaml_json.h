// A YAML node as JSON, the one conversion the simulator (fault specs) and the harness (steps,
// expectations, the JSON Schema check) share: plain scalars become numbers, booleans or null
// where YAML 1.2's core schema says so (true/True/TRUE, ~/null, integers, floats with . or e);
// quoted scalars stay strings; map keys are their text. Recursion follows the node's depth,
// which the reader bounds (load_limits.h).
#pragma once

#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

namespace bcsim {

nlohmann::json YamlToJson(const YAML::Node& node);

}  // namespace bcsim
