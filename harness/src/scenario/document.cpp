#include "document.h"

#include <cctype>
#include <filesystem>
#include <set>

#include "bcsim/scenario_file.h"

namespace bcsim::harness {
namespace {

class SimulatorDocument : public Document {
 public:
  explicit SimulatorDocument(bcsim::ScenarioDocument doc) : doc_(std::move(doc)) {}
  const bcsim::ScenarioDocument& simulator_document() const override { return doc_; }
  const YAML::Node& root() const override { return root_ = doc_.root(), root_; }
  Mark MarkOf(const YAML::Node& node) const override {
    bcsim::SourceMark m = doc_.MarkOf(node);
    return Mark{m.file, m.line, m.column};
  }

 private:
  bcsim::ScenarioDocument doc_;
  mutable YAML::Node root_;
};


bool IsPlain(const YAML::Node& n) { return n.Tag() == "?" || n.Tag().empty(); }

}  // namespace

StatusOr<std::shared_ptr<const Document>> LoadDocument(const std::string& path,
                                                       const std::vector<std::string>& include_roots) {
  bcsim::ReadOptions options;
  options.include_roots = include_roots;
  auto doc = bcsim::ReadScenarioFile(path, options);
  if (!doc.ok()) return doc.status();
  return std::shared_ptr<const Document>(std::make_shared<SimulatorDocument>(std::move(doc).value()));
}

nlohmann::json YamlToJson(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return nullptr;
    case YAML::NodeType::Sequence: {
      nlohmann::json a = nlohmann::json::array();
      for (const auto& item : node) a.push_back(YamlToJson(item));
      return a;
    }
    case YAML::NodeType::Map: {
      nlohmann::json o = nlohmann::json::object();
      for (const auto& kv : node) o[kv.first.as<std::string>()] = YamlToJson(kv.second);
      return o;
    }
    case YAML::NodeType::Scalar:
      break;
  }
  const std::string& s = node.Scalar();
  if (!IsPlain(node)) return s;
  if (s == "true" || s == "True" || s == "TRUE") return true;
  if (s == "false" || s == "False" || s == "FALSE") return false;
  if (s == "~" || s == "null" || s == "Null" || s == "NULL") return nullptr;
  if (!s.empty() && (std::isdigit(static_cast<unsigned char>(s[0])) || s[0] == '-' || s[0] == '+')) {
    std::size_t used = 0;
    try {
      long long v = std::stoll(s, &used, 10);
      if (used == s.size()) return v;
    } catch (...) {
    }
    try {
      double d = std::stod(s, &used);
      if (used == s.size() && s.find_first_of(".eE") != std::string::npos) return d;
    } catch (...) {
    }
  }
  return s;
}

std::string Describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      return "nothing";
    case YAML::NodeType::Sequence:
      return "a list";
    case YAML::NodeType::Map:
      return "a map";
    case YAML::NodeType::Scalar:
      break;
  }
  return "\"" + node.Scalar() + "\"";
}

}  // namespace bcsim::harness
