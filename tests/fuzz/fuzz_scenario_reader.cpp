// libFuzzer: bytes -> ReadScenarioText, then every node of the document is visited (as the
// loader and the harness do) and its origin looked up. Whatever the bytes, this must end with a
// document or an error: no crash, no hang past libFuzzer's -timeout, no blow-up past
// -rss_limit_mb (the limits of bcsim/load_limits.h are what make that true).
#include <yaml-cpp/yaml.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "bcsim/scenario_file.h"

namespace {

// Includes resolve inside a folder that does not exist: the run reads no file.
constexpr const char* kSourceName = "/nonexistent/bcsim-fuzz/input.yaml";

std::size_t Visit(const bcsim::ScenarioDocument& doc, const YAML::Node& node, int depth) {
  if (!node.IsDefined() || depth > 200) return 0;
  std::size_t seen = doc.MarkOf(node).line >= 0 ? 1 : 0;
  if (node.IsMap()) {
    for (const auto& kv : node) {
      seen += Visit(doc, kv.first, depth + 1) + Visit(doc, kv.second, depth + 1);
    }
  } else if (node.IsSequence()) {
    for (const auto& item : node) seen += Visit(doc, item, depth + 1);
  } else if (node.IsScalar()) {
    seen += node.Scalar().size() > 0 ? 1 : 0;
  }
  return seen;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  bcsim::StatusOr<bcsim::ScenarioDocument> doc = bcsim::ReadScenarioText(text, kSourceName);
  if (!doc.ok()) {
    // Every refusal names the source.
    if (doc.status().message().rfind(kSourceName, 0) != 0) __builtin_trap();
    return 0;
  }
  volatile std::size_t seen = Visit(*doc, doc->root(), 0);
  (void)seen;
  return 0;
}
