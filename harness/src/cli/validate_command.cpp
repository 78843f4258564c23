#include <CLI/CLI.hpp>

#include <iostream>

#include "check_files.h"
#include "harness/cli.h"
#include "harness/validate.h"

namespace bcsim::harness {

int ValidateCommand(const std::vector<std::string>& paths, std::ostream& out) {
  std::vector<std::string> files = CollectScenarioFiles(paths);
  if (files.empty()) {
    out << "no scenario files (*.yaml) under the given paths\n";
    return 2;
  }
  int bad = 0;
  for (const CheckedFile& f : CheckFiles(files)) {
    if (f.scenario) {
      out << f.file << ": ok\n";
      continue;
    }
    ++bad;
    out << ConsoleSafe(f.error, true) << "\n";
  }
  return bad == 0 ? 0 : 1;
}

void AddValidateCommand(CLI::App& app) {
  auto paths = std::make_shared<std::vector<std::string>>();
  CLI::App* v = app.add_subcommand("validate", "Check scenario files against the format and its JSON Schema");
  v->add_option("paths", *paths, "Scenario files or folders")->required();
  v->callback([paths] { throw CLI::RuntimeError(ValidateCommand(*paths, std::cout)); });
}

}  // namespace bcsim::harness
