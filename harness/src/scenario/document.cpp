#include "document.h"

#include <cctype>
#include <filesystem>
#include <set>

#if defined(BCSIM_HARNESS_HAVE_SCENARIO_FILE)
#include "bcsim/scenario_file.h"
#endif

namespace bcsim::harness {
namespace {

#if defined(BCSIM_HARNESS_HAVE_SCENARIO_FILE)

class SimulatorDocument : public Document {
 public:
  explicit SimulatorDocument(bcsim::ScenarioDocument doc) : doc_(std::move(doc)) {}
  const YAML::Node& root() const override { return root_ = doc_.root(), root_; }
  Mark MarkOf(const YAML::Node& node) const override {
    bcsim::SourceMark m = doc_.MarkOf(node);
    return Mark{m.file, m.line, m.column};
  }

 private:
  bcsim::ScenarioDocument doc_;
  mutable YAML::Node root_;
};

#else

// Used until the simulator's reader exists: includes merged, marks name the main file.
class LocalDocument : public Document {
 public:
  LocalDocument(YAML::Node root, std::string file) : root_(std::move(root)), file_(std::move(file)) {}
  const YAML::Node& root() const override { return root_; }
  Mark MarkOf(const YAML::Node& node) const override {
    YAML::Mark m = node.Mark();
    return Mark{file_, m.line + 1, m.column + 1};
  }

 private:
  YAML::Node root_;
  std::string file_;
};

YAML::Node Merge(const YAML::Node& base, const YAML::Node& over) {
  if (!base.IsMap() || !over.IsMap()) return over;
  YAML::Node out(YAML::NodeType::Map);
  for (const auto& kv : base) out[kv.first.as<std::string>()] = kv.second;
  for (const auto& kv : over) {
    std::string key = kv.first.as<std::string>();
    if (out[key]) {
      out[key] = Merge(out[key], kv.second);
    } else {
      out[key] = kv.second;
    }
  }
  return out;
}

StatusOr<YAML::Node> LoadWithIncludes(const std::filesystem::path& path, std::set<std::string>& stack) {
  std::string canon = std::filesystem::weakly_canonical(path).string();
  if (stack.count(canon)) return InvalidArgumentError(path.string() + ":1:1: include cycle");
  YAML::Node node;
  try {
    node = YAML::LoadFile(path.string());
  } catch (const YAML::BadFile&) {
    return InvalidArgumentError(path.string() + ":1:1: cannot read the file");
  } catch (const YAML::Exception& e) {
    return InvalidArgumentError(path.string() + ":" + std::to_string(e.mark.line + 1) + ":" +
                                std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  if (!node.IsMap() || !node["include"]) return node;
  stack.insert(canon);
  YAML::Node merged(YAML::NodeType::Map);
  YAML::Node inc = node["include"];
  if (inc.IsSequence()) {
    for (const auto& item : inc) {
      if (!item.IsScalar()) continue;
      auto sub = LoadWithIncludes(path.parent_path() / item.as<std::string>(), stack);
      if (!sub.ok()) return sub.status();
      merged = Merge(merged, *sub);
    }
  }
  stack.erase(canon);
  return Merge(merged, node);
}

#endif

bool IsPlain(const YAML::Node& n) { return n.Tag() == "?" || n.Tag().empty(); }

}  // namespace

StatusOr<std::shared_ptr<const Document>> LoadDocument(const std::string& path) {
#if defined(BCSIM_HARNESS_HAVE_SCENARIO_FILE)
  auto doc = bcsim::ReadScenarioFile(path);
  if (!doc.ok()) return doc.status();
  return std::shared_ptr<const Document>(std::make_shared<SimulatorDocument>(std::move(doc).value()));
#else
  std::set<std::string> stack;
  auto root = LoadWithIncludes(path, stack);
  if (!root.ok()) return root.status();
  return std::shared_ptr<const Document>(std::make_shared<LocalDocument>(*root, path));
#endif
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
