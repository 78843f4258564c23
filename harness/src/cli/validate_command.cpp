#include <CLI/CLI.hpp>

#include <iostream>

#include "check_files.h"
#include "harness/cli.h"
#include "harness/validate.h"

namespace bcsim::harness {

int ValidateCommand(const std::vector<std::string>& paths, std::ostream& out,
                    const std::vector<std::string>& include_roots) {
  std::vector<std::string> files = CollectScenarioFiles(paths);
  if (files.empty()) {
    out << "no scenario files (*.yaml) under the given paths\n";
    return 2;
  }
  int bad = 0;
  for (const CheckedFile& f : CheckFiles(files, include_roots)) {
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
  auto roots = std::make_shared<std::vector<std::string>>();
  CLI::App* v = app.add_subcommand("validate", "Check scenario files with the checker `run` uses (format, names, world, "
                                                "faults, JSON Schema)");
  v->add_option("paths", *paths, "Scenario files or folders")->required();
  v->add_option("--include-root", *roots,
                "A folder whose files include: may name, besides the scenario's own tree (repeatable)");
  v->callback([paths, roots] { throw CLI::RuntimeError(ValidateCommand(*paths, std::cout, *roots)); });
}

}  // namespace bcsim::harness
