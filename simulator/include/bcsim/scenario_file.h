// Reading a scenario (or world) YAML file, with its `include:` files merged in.
//
// `include: [a.yaml, b.yaml]` (or a single string) at the top level of any file names files
// whose contents are merged in key by key: paths are relative to the including file, includes
// may nest, a cycle is refused, and where both set a value the including file wins (maps merge
// recursively; any other value, sequences included, is taken whole from the including file).
// Later entries of an include list win over earlier ones. The merged root has no `include` key.
//
// Bounded (limits in bcsim/load_limits.h, each breach a "FILE:LINE:COL: expected ..." error):
// file size, total bytes, nesting, aliases, include count and depth. Map keys must be text and
// unique ("duplicate key" names both positions). An include must name a regular file inside the
// top-level file's folder tree or inside one of ReadOptions::include_roots; symbolic links are
// followed before that check. The folder tree is the top-level file's folder (for text: its
// source name's folder), or the nearest folder above it holding a file named `.bcsim-root`
// (kTreeMarker: the repository has one, so scenarios/ may include fixtures/). A file that is
// not YAML scenario data is refused without quoting any of it.
//
// The document keeps every key, known or not: the world loader reads `basecamp:`, the server
// reads `faults:`, the harness reads `scenario:`, `tracker:`, `steps:`.
//
// Thread safety: a ScenarioDocument is immutable after reading; concurrent const use is safe
// as long as callers do not mutate the nodes they get from root().
#pragma once

#include <yaml-cpp/yaml.h>

#include <memory>
#include <string>
#include <vector>

#include "bcsim/load_limits.h"
#include "bcsim/status.h"

namespace bcsim {

struct SourceMark {  // where a YAML node was written; 1-based; line 0 when unknown
  std::string file;
  int line = 0;
  int column = 0;
  std::string ToString() const;  // "FILE:LINE:COL" (or "FILE" when the line is unknown)
};

class ScenarioDocument {
 public:
  ScenarioDocument();

  const YAML::Node& root() const { return root_; }
  const std::string& source_name() const;  // the top-level file's path or source name

  // Which file a node of root() came from, and where. Nodes not read from a file (a default
  // made by the caller) give the top-level file with line 0.
  SourceMark MarkOf(const YAML::Node& node) const;

  // "FILE:LINE:COL: message" for the node.
  std::string ErrorAt(const YAML::Node& node, const std::string& message) const;

 private:
  friend class ScenarioReader;
  struct Origins;  // node -> file tables
  YAML::Node root_;
  std::shared_ptr<Origins> origins_;
};

// The file that marks the top of a scenario folder tree (see above).
inline constexpr const char* kTreeMarker = ".bcsim-root";

struct ReadOptions {
  // Folders, besides the scenario's own, whose files (and subfolders' files) `include:` may
  // name; `bcsim serve --include-root DIR`. Relative paths are taken from the current folder.
  std::vector<std::string> include_roots;
  limits::ReadLimits limits;  // bcsim/load_limits.h's values unless lowered
};

// Reads and merges a file. Errors (InvalidArgument): "FILE:LINE:COL: message" for YAML syntax
// errors and bad `include:` entries; "FILE: cannot read ..." for missing files; an include
// cycle names the chain.
StatusOr<ScenarioDocument> ReadScenarioFile(const std::string& path,
                                            const ReadOptions& options = {});

// Same, from text; `source_name` is used in messages and includes resolve relative to its
// directory (the current directory when it has none).
StatusOr<ScenarioDocument> ReadScenarioText(const std::string& text, const std::string& source_name,
                                            const ReadOptions& options = {});

}  // namespace bcsim
