#include "bcsim/yaml_json.h"

#include <cctype>
#include <string>

namespace bcsim {
namespace {

bool IsPlain(const YAML::Node& n) { return n.Tag() == "?" || n.Tag().empty(); }

nlohmann::json ScalarToJson(const YAML::Node& node) {
  const std::string& s = node.Scalar();
  if (!IsPlain(node)) return s;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  const bool numeric_start =
      !s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-' || s[0] == '+');
  if (!numeric_start) return s;
  std::size_t used = 0;
  try {
    long long v = std::stoll(s, &used, 10);
    if (used == s.size()) return v;
  } catch (const std::exception&) {  // out of range: maybe a float, else text
  }
  try {
    double d = std::stod(s, &used);
    if (used == s.size() && s.find_first_of(".eE") != std::string::npos) return d;
  } catch (const std::exception&) {
  }
  return s;
}

}  // namespace

nlohmann::json YamlToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& item : node) a.push_back(YamlToJson(item));
      return a;
    }
    case YAML::NodeType::Map: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& kv : node) o[kv.first.Scalar()] = YamlToJson(kv.second);
      return o;
    }
    case YAML::NodeType::Scalar:
      return ScalarToJson(node);
    default:  // Null, Undefined
      return nullptr;
  }
}

}  // namespace bcsim
