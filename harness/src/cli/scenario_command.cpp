// `bcsim scenario from-bundle BUNDLE.json [-o case.yaml] [--name NAME]`: a runnable scenario
// from a bcsync support bundle (harness/from_bundle.h, docs/support.md).
#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <sstream>

#include "harness/cli.h"
#include "harness/from_bundle.h"

namespace bcsim::harness {
namespace {

struct FromBundleArgs {
  std::string bundle;
  std::string output;
  std::string name;
};

int FromBundle(const FromBundleArgs& a) {
  std::ifstream in(a.bundle, std::ios::binary);
  if (!in) {
    std::cerr << ConsoleSafe(a.bundle) << ": cannot read the support bundle\n";
    return 1;
  }
  std::string text;
  char buf[1 << 16];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    text.append(buf, static_cast<std::size_t>(in.gcount()));
    if (text.size() > kMaxBundleBytes) break;  // refused below, without reading the rest
  }
  FromBundleOptions options;
  options.name = a.name;
  options.source_name = a.bundle;
  StatusOr<std::string> yaml = ScenarioFromBundle(text, options);
  if (!yaml.ok()) {
    std::cerr << ConsoleSafe(yaml.status().message()) << "\n";
    return 1;
  }
  if (a.output.empty() || a.output == "-") {
    std::cout << *yaml;
    return 0;
  }
  std::ofstream out(a.output, std::ios::binary | std::ios::trunc);
  out << *yaml;
  if (!out) {
    std::cerr << ConsoleSafe(a.output) << ": cannot write\n";
    return 1;
  }
  std::cout << "wrote " << ConsoleSafe(a.output) << " (run it: bcsim run " << ConsoleSafe(a.output)
            << ")\n";
  return 0;
}

}  // namespace

void AddScenarioCommand(CLI::App& app) {
  CLI::App* scenario =
      app.add_subcommand("scenario", "Make scenarios (from a bcsync support bundle)");
  scenario->require_subcommand(1);
  auto args = std::make_shared<FromBundleArgs>();
  CLI::App* from = scenario->add_subcommand(
      "from-bundle",
      "Write a scenario that reproduces a support bundle's situation (docs/support.md)");
  from->add_option("bundle", args->bundle,
                   "The support bundle (bcsync support-bundle, bcsim run --bundles)")
      ->required();
  from->add_option("-o,--output", args->output,
                   "Write the scenario here (default: standard output)");
  from->add_option("--name", args->name, "The scenario's name (default: support-CODE)");
  from->callback([args] { throw CLI::RuntimeError(FromBundle(*args)); });
}

}  // namespace bcsim::harness
