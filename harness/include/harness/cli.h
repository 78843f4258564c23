// The `bcsim run` and `bcsim validate` subcommands, for the `bcsim` executable's main.
//
//   bcsim run [--junit FILE] [--report FILE.html] [--jobs N] [--shard I/N] [--tag T]...
//             [--list] [--fail-fast] [--prove] [--browser builtin|chromium] PATH...
//             [--bundles DIR]
//   bcsim validate PATH...
//   bcsim scenario from-bundle BUNDLE.json [-o case.yaml] [--name NAME]
//
// PATHs are files or folders (every *.yaml below them, sorted). Both commands check every file
// with the same checker (ValidateScenarioFile) and refuse duplicate scenario names; `run` runs
// none of a file that does not check. `run` prints a line per scenario, then the failed ones
// (FILE:LINE), and last exactly "N passed, N failed"; exit status 0 only when all passed, 2
// when the selection (tags, shard, paths) holds no scenario, 77 when --browser chromium is asked
// for and Chromium is not installed (a skip, said so on the console).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace bcsim::harness {

struct RunCommandOptions {
  std::vector<std::string> paths;
  std::string junit;
  std::string report;
  int jobs = 1;
  std::string shard;  // "I/N", 1-based
  std::vector<std::string> tags;
  bool list = false;       // print what would run, run nothing
  bool fail_fast = false;  // start no scenario after the first failure
  bool prove = false;      // mutation testing of every expectation (runner.h)
  std::vector<std::string> include_roots;  // --include-root
  std::string bundles;  // --bundles DIR: each tracker user's support bundle per scenario
  std::string browser = "builtin";         // --browser builtin|chromium (runner.h)
};

// Printable on a terminal: control characters (escape codes among them) as \xNN.
std::string ConsoleSafe(const std::string& text, bool keep_newlines = false);

// The scenario files under these paths, sorted; a path that is neither a file nor a folder is
// returned as is (running it reports that it cannot be read).
std::vector<std::string> CollectScenarioFiles(const std::vector<std::string>& paths);

int RunCommand(const RunCommandOptions& options, std::ostream& out);
int ValidateCommand(const std::vector<std::string>& paths, std::ostream& out,
                    const std::vector<std::string>& include_roots = {});

void AddRunCommand(CLI::App& app);
void AddValidateCommand(CLI::App& app);
// `bcsim scenario from-bundle BUNDLE.json -o case.yaml` (scenario_command.cpp).
void AddScenarioCommand(CLI::App& app);

}  // namespace bcsim::harness
