// ReadScenarioFile / ReadScenarioText: YAML parsing with include merging and per-node origins.
//
// Origins: yaml-cpp marks carry line and column but not the file, so when the top-level file
// has includes every node of every file read is recorded under its (line, column); MarkOf looks a node up there and picks the entry
// that is the same node (YAML::Node::is). Merging reuses the included files' nodes (keys too,
// via force_insert), so their marks survive.
#include "bcsim/scenario_file.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <optional>
#include <unordered_map>

#include "world/yaml_fast_load.h"

namespace bcsim {

struct ScenarioDocument::Origins {
  std::vector<std::string> files;  // files[0] is the top-level source
  // (line << 32 | column) -> nodes read at that place, with their file index.
  std::unordered_map<std::uint64_t, std::vector<std::pair<YAML::Node, int>>> by_place;
};

std::string SourceMark::ToString() const {
  if (line <= 0) return file;
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

ScenarioDocument::ScenarioDocument() : origins_(std::make_shared<Origins>()) {
  origins_->files.push_back("<none>");
}

const std::string& ScenarioDocument::source_name() const { return origins_->files.front(); }

namespace {

std::uint64_t PlaceKey(const YAML::Mark& mark) {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(mark.line)) << 32) |
         static_cast<std::uint32_t>(mark.column);
}

}  // namespace

SourceMark ScenarioDocument::MarkOf(const YAML::Node& node) const {
  SourceMark out{source_name(), 0, 0};
  if (!node.IsDefined()) return out;
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return out;
  out.line = mark.line + 1;
  out.column = mark.column + 1;
  auto it = origins_->by_place.find(PlaceKey(mark));
  if (it == origins_->by_place.end()) return out;
  for (const auto& [candidate, file] : it->second) {
    if (candidate.is(node)) {
      out.file = origins_->files[static_cast<std::size_t>(file)];
      return out;
    }
  }
  // Same place, different node (a scalar copied by value): the only file with that place wins.
  out.file = origins_->files[static_cast<std::size_t>(it->second.front().second)];
  return out;
}

std::string ScenarioDocument::ErrorAt(const YAML::Node& node, const std::string& message) const {
  return MarkOf(node).ToString() + ": " + message;
}

class ScenarioReader {
 public:
  explicit ScenarioReader(ScenarioDocument& doc) : doc_(doc) {}

  // Parses `text` (from `name`, whose directory anchors includes) and returns its merged root.
  StatusOr<YAML::Node> Read(const std::string& text, const std::string& name) {
    if (first_) doc_.origins_->files.clear();
    first_ = false;
    const int file_index = static_cast<int>(files().size());
    doc_.origins_->files.push_back(name);
    YAML::Node root;
    try {
      std::optional<YAML::Node> fast = loader::FastLoad(text);  // the same tree, or nullopt
      root = fast ? *fast : YAML::Load(text);
    } catch (const YAML::Exception& e) {
      return InvalidArgumentError(name + ":" + std::to_string(e.mark.line + 1) + ":" +
                                  std::to_string(e.mark.column + 1) + ": " + e.msg);
    }
    // Origins are only needed to tell files apart: a document without includes (the common
    // case, and every big generated world) skips the per-node table, and MarkOf falls back to
    // the top-level file, which is then right for every node.
    if (file_index == 0) record_ = root.IsMap() && root["include"].IsDefined();
    if (record_) Record(root, file_index);
    if (!root.IsMap()) {
      if (!root.IsDefined() || root.IsNull()) return YAML::Node(YAML::NodeType::Map);
      return InvalidArgumentError(doc_.ErrorAt(root, "expected a map at the top of the file"));
    }
    YAML::Node includes = root["include"];
    if (!includes) return root;
    std::vector<YAML::Node> entries;
    if (includes.IsScalar()) {
      entries.push_back(includes);
    } else if (includes.IsSequence()) {
      for (const auto& entry : includes) entries.push_back(entry);
    } else {
      return InvalidArgumentError(
          doc_.ErrorAt(includes, "expected `include:` to be a file name or a list of file names"));
    }
    root.remove("include");
    const std::filesystem::path dir = std::filesystem::path(name).parent_path();
    YAML::Node merged_includes(YAML::NodeType::Map);
    for (const auto& entry : entries) {
      if (!entry.IsScalar()) {
        return InvalidArgumentError(doc_.ErrorAt(entry, "expected a file name in `include:`"));
      }
      const std::filesystem::path target = dir / entry.Scalar();
      std::error_code ec;
      const std::string canonical = std::filesystem::weakly_canonical(target, ec).string();
      for (const auto& open : stack_) {
        if (open == canonical) {
          std::string chain;
          for (const auto& s : stack_) chain += s + " -> ";
          return InvalidArgumentError(
              doc_.ErrorAt(entry, "include cycle: " + chain + canonical));
        }
      }
      std::ifstream in(target);
      if (!in) {
        return InvalidArgumentError(doc_.ErrorAt(
            entry, "cannot read included file '" + entry.Scalar() + "' (" + target.string() + ")"));
      }
      std::stringstream buffer;
      buffer << in.rdbuf();
      stack_.push_back(canonical);
      StatusOr<YAML::Node> included = Read(buffer.str(), target.lexically_normal().string());
      stack_.pop_back();
      if (!included.ok()) return included.status();
      Merge(merged_includes, *included);  // later includes win over earlier ones
    }
    Merge(root, merged_includes);
    return root;
  }

  void Push(const std::string& canonical) { stack_.push_back(canonical); }
  void SetRoot(const YAML::Node& root) { doc_.root_ = root; }

 private:
  const std::vector<std::string>& files() const { return doc_.origins_->files; }

  void Record(const YAML::Node& node, int file_index) {
    if (!node.IsDefined()) return;
    doc_.origins_->by_place[PlaceKey(node.Mark())].emplace_back(node, file_index);
    if (node.IsMap()) {
      for (const auto& kv : node) {
        Record(kv.first, file_index);
        Record(kv.second, file_index);
      }
    } else if (node.IsSequence()) {
      for (const auto& item : node) Record(item, file_index);
    }
  }

  // Adds to `into` what `from` has and `into` lacks; maps present in both merge recursively.
  static void Merge(YAML::Node into, const YAML::Node& from) {
    for (const auto& kv : from) {
      if (!kv.first.IsScalar()) continue;
      const std::string key = kv.first.Scalar();
      YAML::Node existing;
      bool found = false;
      for (const auto& mine : into) {
        if (mine.first.IsScalar() && mine.first.Scalar() == key) {
          existing = mine.second;
          found = true;
          break;
        }
      }
      if (!found) {
        into.force_insert(kv.first, kv.second);
      } else if (existing.IsMap() && kv.second.IsMap()) {
        Merge(existing, kv.second);
      }
    }
  }

  ScenarioDocument& doc_;
  std::vector<std::string> stack_;
  bool first_ = true;
  bool record_ = false;  // the top-level file has `include:`: record every node's file
};

StatusOr<ScenarioDocument> ReadScenarioText(const std::string& text, const std::string& source_name) {
  ScenarioDocument doc;
  ScenarioReader reader(doc);
  std::error_code ec;
  reader.Push(std::filesystem::weakly_canonical(source_name, ec).string());
  StatusOr<YAML::Node> root = reader.Read(text, source_name);
  if (!root.ok()) return root.status();
  reader.SetRoot(*root);
  return doc;
}

StatusOr<ScenarioDocument> ReadScenarioFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) return InvalidArgumentError(path + ": cannot read the file");
  std::stringstream buffer;
  buffer << in.rdbuf();
  return ReadScenarioText(buffer.str(), path);
}

}  // namespace bcsim
