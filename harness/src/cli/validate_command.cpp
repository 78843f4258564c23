#include <CLI/CLI.hpp>

#include <iostream>

#include "harness/cli.h"
#include "harness/validate.h"

namespace bcsim::harness {

int ValidateCommand(const std::vector<std::string>& paths, std::ostream& out) {
  int bad = 0;
  for (const auto& file : CollectScenarioFiles(paths)) {
    std::vector<std::string> problems = ValidateScenarioFile(file);
    if (problems.empty()) {
      out << file << ": ok\n";
      continue;
    }
    ++bad;
    for (const auto& p : problems) out << p << "\n";
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
