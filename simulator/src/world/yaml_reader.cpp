#include "world/yaml_reader.h"

#include <cstdint>

#include "bcsim/edit_distance.h"
#include "bcsim/world_loader.h"

namespace bcsim::loader {
struct FastLookup {};  // names the as_if specialisation below
}  // namespace bcsim::loader

// YAML::Node befriends every as_if<T, S>, so this specialisation may read the node's internals
// (yaml-cpp's own const operator[] does the same walk, see yaml-cpp/node/detail/impl.h).
template <>
struct YAML::as_if<bcsim::loader::FastLookup, bcsim::loader::FastLookup> {
  static Node At(const Node& map, const char* key) {
    if (!map.m_isValid || map.m_pNode == nullptr || map.m_pNode->type() != NodeType::Map) {
      return map[key];  // not a map: yaml-cpp's answer (null, index lookup or BadSubscript)
    }
    const detail::node& n = *map.m_pNode;
    for (auto it = n.begin(); it != n.end(); ++it) {
      const detail::node* k = it->first;
      if (k->type() == NodeType::Scalar && k->scalar() == key) {
        return Node(*const_cast<detail::node*>(it->second), map.m_pMemory);
      }
    }
    return Node(Node::ZombieNode, std::string(key));
  }
};

namespace bcsim::loader {

YAML::Node At(const YAML::Node& map, const char* key) {
  return YAML::as_if<FastLookup, FastLookup>::At(map, key);
}

std::string Describe(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (IsMapNode(node)) return "a map";
  if (node.IsSequence()) return "a list";
  return "'" + node.Scalar() + "'";
}

void YamlReader::Fail(const YAML::Node& at, const std::string& message) const {
  throw LoadError{doc_.ErrorAt(at, message)};
}

void YamlReader::ExpectMap(const YAML::Node& node, const std::string& what,
                           std::initializer_list<const char*> allowed) const {
  if (!IsMapNode(node)) Fail(node, "expected a map for " + what + ", found " + Describe(node));
  std::uint64_t seen = 0;  // bit i: allowed key i met (no key list here is longer than 64)
  for (const auto& kv : node) {
    if (!kv.first.IsScalar()) Fail(kv.first, "expected a key name in " + what + ", found " + Describe(kv.first));
    const std::string& key = kv.first.Scalar();
    int index = -1;
    int i = 0;
    for (const char* a : allowed) {
      if (key == a) index = i;
      ++i;
    }
    if (index < 0) {
      std::string list;
      for (const char* a : allowed) list += std::string(list.empty() ? "" : ", ") + a;
      std::string near;  // the closest allowed key, when it is close enough to be a typo
      std::size_t best = key.size() / 3 + 2;
      for (const char* c : allowed) {
        const std::size_t d = EditDistance(key, c);
        if (d < best) best = d, near = c;
      }
      Fail(kv.first, "unknown key `" + key + "` in " + what +
                         (near.empty() ? "" : " (did you mean `" + near + "`?)") +
                         "; expected one of: " + list);
    }
    const std::uint64_t bit = std::uint64_t{1} << index;
    if ((seen & bit) != 0) Fail(kv.first, "duplicate key `" + key + "` in " + what);
    seen |= bit;
  }
}

void YamlReader::ExpectKeyedMap(const YAML::Node& node, const std::string& what) const {
  if (!node.IsDefined() || node.IsNull()) return;
  if (!IsMapNode(node)) Fail(node, "expected a map of " + what + " by key, found " + Describe(node));
  std::set<std::string> seen;
  for (const auto& kv : node) {
    if (!kv.first.IsScalar() || kv.first.Scalar().empty()) {
      Fail(kv.first, "expected a key naming one of the " + what + ", found " + Describe(kv.first));
    }
    if (!seen.insert(kv.first.Scalar()).second) {
      Fail(kv.first, "duplicate key `" + kv.first.Scalar() + "` in " + what);
    }
  }
}

std::optional<YAML::Node> YamlReader::Scalar(const YAML::Node& map, const char* key, const char* expected) const {
  const YAML::Node node = At(map, key);
  if (!node.IsDefined() || node.IsNull()) return std::nullopt;
  if (!node.IsScalar()) {
    Fail(node, std::string("expected ") + expected + " for `" + key + "`, found " + Describe(node));
  }
  return node;
}

std::optional<std::string> YamlReader::String(const YAML::Node& map, const char* key) const {
  const std::optional<YAML::Node> found = Scalar(map, key, "a string");
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  return node.Scalar();
}

std::string YamlReader::RequiredString(const YAML::Node& map, const char* key,
                                       const std::string& what) const {
  std::optional<std::string> value = String(map, key);
  if (!value || value->empty()) {
    Fail(map, "expected `" + std::string(key) + "` (a string) in " + what + ", found " +
                  Describe(At(map, key)));
  }
  return *value;
}

std::optional<bool> YamlReader::Bool(const YAML::Node& map, const char* key) const {
  const std::optional<YAML::Node> found = Scalar(map, key, "true or false");
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  const std::string& s = node.Scalar();
  if (s == "true") return true;
  if (s == "false") return false;
  Fail(node, std::string("expected true or false for `") + key + "`, found '" + s + "'");
}

std::optional<std::int64_t> YamlReader::Integer(const YAML::Node& map, const char* key,
                                                std::int64_t min, std::int64_t max) const {
  const std::optional<YAML::Node> found = Scalar(map, key, "a whole number");
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  const std::string& s = node.Scalar();
  std::int64_t value = 0;
  bool ok = !s.empty() && s.size() <= 18;
  for (char c : s) ok = ok && c >= '0' && c <= '9';
  if (ok) value = std::stoll(s);
  if (!ok || value < min || value > max) {
    Fail(node, std::string("expected a whole number from ") + std::to_string(min) + " to " +
                   std::to_string(max) + " for `" + key + "`, found '" + s + "'");
  }
  return value;
}

std::optional<Id> YamlReader::IdField(const YAML::Node& map, const char* key) const {
  return Integer(map, key, 1, 999'999'999'999'999'999);
}

std::optional<std::string> YamlReader::Date(const YAML::Node& map, const char* key) const {
  const std::optional<YAML::Node> found = Scalar(map, key, "a date (YYYY-MM-DD)");
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  if (!IsValidDate(node.Scalar())) {
    Fail(node, std::string("expected a date (YYYY-MM-DD) for `") + key + "`, found '" +
                   node.Scalar() + "'");
  }
  return node.Scalar();
}

std::optional<Millis> YamlReader::Timestamp(const YAML::Node& map, const char* key) const {
  const std::optional<YAML::Node> found = Scalar(map, key, "a timestamp");
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  StatusOr<Millis> ms = ParseTimestamp(node.Scalar());
  if (!ms.ok()) {
    Fail(node, std::string("expected a timestamp like 2026-12-01T09:00:00Z for `") + key +
                   "`, found '" + node.Scalar() + "'");
  }
  return *ms;
}

std::optional<Millis> YamlReader::Duration(const YAML::Node& map, const char* key) const {
  const std::optional<YAML::Node> found = Scalar(map, key, "a duration");
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  StatusOr<Millis> ms = ParseDuration(node.Scalar());
  if (!ms.ok()) {
    Fail(node, std::string("expected a duration like 500ms, 10s, 15m, 2h or 14d for `") + key +
                   "`, found '" + node.Scalar() + "'");
  }
  return *ms;
}

std::optional<RecordingStatus> YamlReader::Recording(const YAML::Node& map, const char* key) const {
  const std::optional<YAML::Node> found = Scalar(map, key, "active, archived or trashed");
  if (!found) return std::nullopt;
  const YAML::Node& node = *found;
  const std::string& s = node.Scalar();
  if (s == "active") return RecordingStatus::kActive;
  if (s == "archived") return RecordingStatus::kArchived;
  if (s == "trashed") return RecordingStatus::kTrashed;
  Fail(node, std::string("expected active, archived or trashed for `") + key + "`, found '" + s + "'");
}

std::optional<std::vector<std::string>> YamlReader::StringList(const YAML::Node& map,
                                                               const char* key) const {
  const YAML::Node node = At(map, key);
  if (!node.IsDefined() || node.IsNull()) return std::nullopt;
  if (!node.IsSequence()) {
    Fail(node, std::string("expected a list of names for `") + key + "`, found " + Describe(node));
  }
  std::vector<std::string> out;
  for (const auto& item : node) {
    if (!item.IsScalar()) {
      Fail(item, std::string("expected a name in `") + key + "`, found " + Describe(item));
    }
    out.push_back(item.Scalar());
  }
  return out;
}

}  // namespace bcsim::loader
