// The `bcsim run` and `bcsim validate` subcommands, for the `bcsim` executable's main.
//
//   bcsim run [--junit FILE] [--report FILE.html] [--jobs N] [--shard I/N] [--tag T]... PATH...
//   bcsim validate PATH...
//
// PATHs are files or folders (every *.yaml below them, sorted). `run` prints a line per scenario
// and, last, exactly "N passed, N failed"; exit status 0 only when all passed.
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
};

// The scenario files under these paths, sorted; a path that is neither a file nor a folder is
// returned as is (running it reports that it cannot be read).
std::vector<std::string> CollectScenarioFiles(const std::vector<std::string>& paths);

int RunCommand(const RunCommandOptions& options, std::ostream& out);
int ValidateCommand(const std::vector<std::string>& paths, std::ostream& out);

void AddRunCommand(CLI::App& app);
void AddValidateCommand(CLI::App& app);

}  // namespace bcsim::harness
