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


}  // namespace

StatusOr<std::shared_ptr<const Document>> LoadDocument(const std::string& path,
                                                       const std::vector<std::string>& include_roots) {
  bcsim::ReadOptions options;
  options.include_roots = include_roots;
  auto doc = bcsim::ReadScenarioFile(path, options);
  if (!doc.ok()) return doc.status();
  return std::shared_ptr<const Document>(std::make_shared<SimulatorDocument>(std::move(doc).value()));
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
