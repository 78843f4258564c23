// libFuzzer: bytes -> a scenario document -> what `bcsim validate` and `run` do with it: the
// world (LoadWorld) and the faults (FaultsFromYaml), by ValidateScenarioDocument. It must end
// with a world or a "FILE:..." error: no crash, no escaped exception, no hang, no blow-up.
#include <cstddef>
#include <cstdint>
#include <string>

#include "bcsim/scenario_file.h"
#include "bcsim/world_loader.h"

namespace {
constexpr const char* kSourceName = "/nonexistent/bcsim-fuzz/world.yaml";
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  bcsim::StatusOr<bcsim::ScenarioDocument> doc = bcsim::ReadScenarioText(text, kSourceName);
  if (!doc.ok()) return 0;
  const bcsim::Status st = bcsim::ValidateScenarioDocument(*doc);
  if (!st.ok() && st.message().rfind(kSourceName, 0) != 0) __builtin_trap();
  bcsim::StatusOr<bcsim::World> world = bcsim::LoadWorld(*doc, {{"tracker", "http://t.test"}});
  if (world.ok() != st.ok() && st.message().find(": fault ") == std::string::npos) {
    __builtin_trap();  // the world loads exactly when validate says its world is fine
  }
  return 0;
}
