// ReadScenarioFile / ReadScenarioText: YAML parsing with include merging and per-node origins.
//
// Origins: yaml-cpp marks carry line and column but not the file, so when the top-level file
// has includes every node of every file read is recorded under its (line, column); MarkOf looks a node up there and picks the entry
// that is the same node (YAML::Node::is). Merging reuses the included files' nodes (keys too,
// via force_insert), so their marks survive.
#include "bcsim/scenario_file.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <optional>
#include <unordered_map>

#include "bcsim/edit_distance.h"
#include "bcsim/load_limits.h"
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

namespace {

namespace fs = std::filesystem;

std::string MiB(std::uintmax_t bytes) {
  if (bytes % limits::kMiB != 0 && bytes < 16 * limits::kMiB) {
    return std::to_string(bytes) + " bytes";
  }
  return std::to_string((bytes + limits::kMiB - 1) / limits::kMiB) + " MiB";
}

// "; nearest in FOLDER: a.yaml, b.yaml" for a missing include: the .yaml files of the folder it
// looked in (or of the nearest folder that exists) closest to the name it was given.
std::string NearestFiles(const fs::path& target) {
  fs::path dir = target.parent_path();
  std::error_code ec;
  while (!dir.empty() && !fs::is_directory(dir, ec) && dir != dir.parent_path()) dir = dir.parent_path();
  if (dir.empty() || !fs::is_directory(dir, ec)) return "";
  const std::string want = target.filename().string();
  std::vector<std::pair<std::size_t, std::string>> found;
  int seen = 0;
  for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator() && seen < 1000;
       it.increment(ec), ++seen) {
    const std::string name = it->path().filename().string();
    if (it->path().extension() != ".yaml" && it->path().extension() != ".yml") continue;
    if (name.size() > 200 || want.size() > 200) continue;
    found.emplace_back(EditDistance(want, name), name);
  }
  if (found.empty()) return "; " + dir.string() + " holds no .yaml file";
  std::sort(found.begin(), found.end());
  std::string out = "; nearest in " + dir.string() + ":";
  for (std::size_t i = 0; i < found.size() && i < 3; ++i) out += (i ? ", " : " ") + found[i].second;
  return out;
}

// What a path is, for "expected a regular file, found ..." messages.
std::string KindOfFile(const fs::file_status& st) {
  switch (st.type()) {
    case fs::file_type::directory: return "a folder";
    case fs::file_type::character: return "a character device";
    case fs::file_type::block: return "a block device";
    case fs::file_type::fifo: return "a pipe";
    case fs::file_type::socket: return "a socket";
    case fs::file_type::not_found: return "nothing (no such file)";
    default: return "not a regular file";
  }
}

bool IsName(const std::string& key) {
  if (key.empty() || key.size() > 64 || std::isdigit(static_cast<unsigned char>(key[0]))) {
    return false;
  }
  return std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

bool Inside(const fs::path& file, const fs::path& root) {
  auto [r, f] = std::mismatch(root.begin(), root.end(), file.begin(), file.end());
  return r == root.end() || (std::next(r) == root.end() && r->empty());  // "dir/" ends in ""
}

// Reads at most `max` bytes of a regular file; nullopt when it cannot be read. `*too_big` is
// set when the file holds more (it may have grown since it was measured).
std::optional<std::string> ReadAtMost(const fs::path& path, std::size_t max, bool* too_big) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::string text;
  std::array<char, 1 << 16> chunk;
  *too_big = false;
  while (in) {
    in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
    const std::size_t got = static_cast<std::size_t>(in.gcount());
    if (text.size() + got > max) {
      *too_big = true;
      return text;
    }
    text.append(chunk.data(), got);
  }
  if (in.bad()) return std::nullopt;
  return text;
}

}  // namespace

class ScenarioReader {
 public:
  ScenarioReader(ScenarioDocument& doc, std::vector<fs::path> roots, limits::ReadLimits limits)
      : doc_(doc), roots_(std::move(roots)), limits_(limits) {}

  // Parses `text` (from `name`, whose directory anchors includes) and returns its merged root.
  StatusOr<YAML::Node> Read(const std::string& text, const std::string& name) {
    if (first_) doc_.origins_->files.clear();
    first_ = false;
    const int file_index = static_cast<int>(files().size());
    doc_.origins_->files.push_back(name);
    total_bytes_ += text.size();
    StatusOr<YAML::Node> parsed = Parse(text, name);
    if (!parsed.ok()) return parsed.status();
    YAML::Node root = *parsed;
    // Origins are only needed to tell files apart: a document without includes (the common
    // case, and every big generated world) skips the per-node table, and MarkOf falls back to
    // the top-level file, which is then right for every node.
    if (file_index == 0) record_ = root.IsMap() && root["include"].IsDefined();
    if (record_) Record(root, file_index);
    if (!root.IsMap()) {
      if (!root.IsDefined() || root.IsNull()) return YAML::Node(YAML::NodeType::Map);
      return InvalidArgumentError(doc_.ErrorAt(root, "expected a map at the top of the file"));
    }
    // A scenario's top-level keys are names. Anything else (a key file, /etc/shadow's lines,
    // which read as YAML keys) is not scenario data: refused without quoting a byte of it.
    for (const auto& kv : root) {
      if (!IsName(kv.first.Scalar())) {
        return InvalidArgumentError(doc_.ErrorAt(
            kv.first, "expected a top-level key that is a name (letters, digits, '_', '-'), "
                      "found something else: this is not a scenario file (its text is not "
                      "shown)"));
      }
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
    const fs::path dir = fs::path(name).parent_path();
    YAML::Node merged_includes(YAML::NodeType::Map);
    for (const auto& entry : entries) {
      if (!entry.IsScalar()) {
        return InvalidArgumentError(doc_.ErrorAt(entry, "expected a file name in `include:`"));
      }
      StatusOr<std::string> included_text = ReadIncluded(entry, dir / entry.Scalar());
      if (!included_text.ok()) return included_text.status();
      const fs::path target = dir / entry.Scalar();
      stack_.push_back(open_canonical_);
      StatusOr<YAML::Node> included = Read(*included_text, target.lexically_normal().string());
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

  // YAML text -> tree, checked against the limits first (loader::LoadChecked).
  StatusOr<YAML::Node> Parse(const std::string& text, const std::string& name) {
    if (text.size() > limits_.max_file_bytes) {
      return InvalidArgumentError(name + ":1:1: expected a file of at most " +
                                  MiB(limits_.max_file_bytes) + ", found " + MiB(text.size()));
    }
    loader::CheckedYaml checked = loader::LoadChecked(text, limits_);
    if (checked.problem) {
      const loader::YamlProblem& p = *checked.problem;
      std::string message = name + ":" + std::to_string(p.line + 1) + ":" +
                            std::to_string(p.column + 1) + ": " + p.message;
      if (p.first) {
        message += " (first at " + name + ":" + std::to_string(p.first->first + 1) + ":" +
                   std::to_string(p.first->second + 1) + ")";
      }
      return InvalidArgumentError(message);
    }
    if (checked.tree) return *checked.tree;
    try {
      return YAML::Load(text);  // safe now: nesting, aliases and keys are checked
    } catch (const YAML::Exception& e) {
      return InvalidArgumentError(name + ":" + std::to_string(e.mark.line + 1) + ":" +
                                  std::to_string(e.mark.column + 1) + ": " + e.msg);
    }
  }

  // The checks an included file passes before a byte of it is read; then its text.
  StatusOr<std::string> ReadIncluded(const YAML::Node& entry, const fs::path& target) {
    const std::string& written = entry.Scalar();
    auto fail = [&](const std::string& message) -> StatusOr<std::string> {
      return InvalidArgumentError(doc_.ErrorAt(entry, message));
    };
    if (static_cast<int>(stack_.size()) > limits_.max_include_depth) {
      return fail("expected includes nested at most " + std::to_string(limits_.max_include_depth) +
                  " deep, found '" + written + "' one level deeper");
    }
    if (++include_count_ > limits_.max_include_files) {
      return fail("expected at most " + std::to_string(limits_.max_include_files) +
                  " included files in all, found '" + written + "' past that");
    }
    std::error_code ec;
    const fs::path canonical = fs::canonical(target, ec);
    if (ec) {
      return fail("cannot read included file '" + written + "' (" + target.string() +
                  "): no such file" + NearestFiles(target));
    }
    bool inside = false;
    for (const fs::path& root : roots_) inside = inside || Inside(canonical, root);
    if (!inside) {
      std::string where;
      for (const fs::path& root : roots_) where += (where.empty() ? "" : ", ") + root.string();
      return fail("expected an included file inside " + where +
                  " (the scenario's folder or an --include-root), found '" + written +
                  "' at " + canonical.string());
    }
    const fs::file_status st = fs::status(canonical, ec);
    if (ec || !fs::is_regular_file(st)) {
      return fail("expected a regular file in `include:`, found '" + written + "' (" +
                  KindOfFile(st) + ")");
    }
    for (const auto& open : stack_) {
      if (open == canonical.string()) {
        std::string chain;
        for (const auto& s : stack_) chain += s + " -> ";
        return fail("include cycle: " + chain + canonical.string());
      }
    }
    const std::uintmax_t size = fs::file_size(canonical, ec);
    if (ec) return fail("cannot read included file '" + written + "' (" + target.string() + ")");
    if (size > limits_.max_file_bytes) {
      return fail("expected an included file of at most " + MiB(limits_.max_file_bytes) +
                  ", found '" + written + "' of " + MiB(size));
    }
    if (total_bytes_ + size > limits_.max_total_bytes) {
      return fail("expected at most " + MiB(limits_.max_total_bytes) +
                  " read for one scenario with its includes, found '" + written +
                  "' going past that");
    }
    bool too_big = false;
    std::optional<std::string> text = ReadAtMost(canonical, limits_.max_file_bytes, &too_big);
    if (!text) return fail("cannot read included file '" + written + "' (" + target.string() + ")");
    if (too_big) {
      return fail("expected an included file of at most " + MiB(limits_.max_file_bytes) +
                  ", found '" + written + "' larger");
    }
    open_canonical_ = canonical.string();
    return std::move(*text);
  }

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
  std::vector<fs::path> roots_;  // canonical folders includes must stay inside
  limits::ReadLimits limits_;
  std::vector<std::string> stack_;
  std::string open_canonical_;  // the canonical path of the file ReadIncluded just read
  std::size_t total_bytes_ = 0;
  int include_count_ = 0;
  bool first_ = true;
  bool record_ = false;  // the top-level file has `include:`: record every node's file
};

namespace {

// The folders includes may come from: the scenario's own (canonical) and the options'.
// The scenario's folder tree: the nearest folder at or above `dir` holding a regular file named
// kTreeMarker (a project marks its top so that scenarios/ may include fixtures/), else `dir`.
fs::path ScenarioTree(const fs::path& dir) {
  std::error_code ec;
  for (fs::path at = dir; !at.empty(); at = at.parent_path()) {
    if (fs::is_regular_file(at / kTreeMarker, ec)) return at;
    if (at == at.root_path()) break;
  }
  return dir;
}

StatusOr<std::vector<fs::path>> Roots(const fs::path& scenario_dir, const ReadOptions& options) {
  std::vector<fs::path> roots;
  std::error_code ec;
  fs::path own = fs::weakly_canonical(fs::absolute(scenario_dir, ec), ec);
  if (!ec) roots.push_back(ScenarioTree(own));
  for (const std::string& root : options.include_roots) {
    fs::path canonical = fs::canonical(root, ec);
    if (ec || !fs::is_directory(canonical)) {
      return InvalidArgumentError("--include-root " + root + ": expected a folder, found " +
                                  (ec ? std::string("nothing") : std::string("a file")));
    }
    roots.push_back(std::move(canonical));
  }
  return roots;
}

StatusOr<ScenarioDocument> ReadWith(const std::string& text, const std::string& source_name,
                                    const ReadOptions& options) {
  fs::path dir = fs::path(source_name).parent_path();
  if (dir.empty()) dir = ".";
  StatusOr<std::vector<fs::path>> roots = Roots(dir, options);
  if (!roots.ok()) return roots.status();
  ScenarioDocument doc;
  ScenarioReader reader(doc, std::move(roots).value(), options.limits);
  std::error_code ec;
  reader.Push(fs::weakly_canonical(source_name, ec).string());
  StatusOr<YAML::Node> root = reader.Read(text, source_name);
  if (!root.ok()) return root.status();
  reader.SetRoot(*root);
  return doc;
}

}  // namespace

StatusOr<ScenarioDocument> ReadScenarioText(const std::string& text, const std::string& source_name,
                                            const ReadOptions& options) {
  return ReadWith(text, source_name, options);
}

StatusOr<ScenarioDocument> ReadScenarioFile(const std::string& path, const ReadOptions& options) {
  std::error_code ec;
  const fs::file_status st = fs::status(path, ec);
  if (ec || !fs::exists(st)) return InvalidArgumentError(path + ": cannot read the file");
  if (!fs::is_regular_file(st)) {
    return InvalidArgumentError(path + ":1:1: expected a regular file, found " + KindOfFile(st));
  }
  const std::size_t max = options.limits.max_file_bytes;
  const std::uintmax_t size = fs::file_size(path, ec);
  bool too_big = !ec && size > max;
  std::optional<std::string> text;
  if (!too_big) {
    text = ReadAtMost(path, max, &too_big);
    if (!text) return InvalidArgumentError(path + ": cannot read the file");
  }
  if (too_big) {
    return InvalidArgumentError(path + ":1:1: expected a file of at most " + MiB(max) +
                                ", found " + (ec ? std::string("a larger one") : MiB(size)));
  }
  return ReadWith(*text, path, options);
}

}  // namespace bcsim
