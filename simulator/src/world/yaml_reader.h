// Typed, checked access to the YAML of a scenario document, for the world loader.
//
// Every check failure throws LoadError carrying "FILE:LINE:COL: expected ..., found ...".
// LoadError never leaves the loader: LoadWorld and ApplyEvent catch it and return a Status.
// (The loader validates deep trees; unwinding to one catch keeps each reader a single line.)
#pragma once

#include <yaml-cpp/yaml.h>

#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "bcsim/scenario_file.h"
#include "bcsim/world.h"

namespace bcsim::loader {

struct LoadError {
  std::string message;
};

// Null-safe type checks: a missing key's node (a yaml-cpp "zombie") is neither.
inline bool IsMapNode(const YAML::Node& n) { return n.IsDefined() && n.IsMap(); }
inline bool Present(const YAML::Node& n) { return n.IsDefined() && !n.IsNull(); }

// map[key], same result and same exceptions, without yaml-cpp's cost for an absent key (its
// const operator[] formats the key through a std::stringstream for the "zombie" it returns,
// which dominated loading big worlds: a to-do map is asked for ~15 keys and has ~2).
YAML::Node At(const YAML::Node& map, const char* key);

// "a map", "a list", "'text'", "nothing": what a node is, for messages.
std::string Describe(const YAML::Node& node);

class YamlReader {
 public:
  explicit YamlReader(const ScenarioDocument& doc) : doc_(doc) {}

  [[noreturn]] void Fail(const YAML::Node& at, const std::string& message) const;

  // `node` must be a map whose keys are unique strings from `allowed`. `what` names the
  // entry in messages, e.g. "identity `alice`".
  void ExpectMap(const YAML::Node& node, const std::string& what,
                 std::initializer_list<const char*> allowed) const;
  // `node` must be a map (of entries keyed by name) with unique keys; absent/null is fine.
  void ExpectKeyedMap(const YAML::Node& node, const std::string& what) const;

  // Optional fields of a map; absent or null gives nullopt.
  std::optional<std::string> String(const YAML::Node& map, const char* key) const;
  std::optional<bool> Bool(const YAML::Node& map, const char* key) const;
  std::optional<std::int64_t> Integer(const YAML::Node& map, const char* key, std::int64_t min,
                                      std::int64_t max) const;
  std::optional<Id> IdField(const YAML::Node& map, const char* key) const;
  std::optional<std::string> Date(const YAML::Node& map, const char* key) const;
  std::optional<Millis> Timestamp(const YAML::Node& map, const char* key) const;
  std::optional<Millis> Duration(const YAML::Node& map, const char* key) const;
  std::optional<bcsim::RecordingStatus> Recording(const YAML::Node& map, const char* key) const;
  std::optional<std::vector<std::string>> StringList(const YAML::Node& map, const char* key) const;

  // A required string field.
  std::string RequiredString(const YAML::Node& map, const char* key, const std::string& what) const;

  const ScenarioDocument& doc() const { return doc_; }

 private:
  std::optional<YAML::Node> Scalar(const YAML::Node& map, const char* key, const char* expected) const;
  const ScenarioDocument& doc_;
};

}  // namespace bcsim::loader
