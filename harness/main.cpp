// bcsim: `run`, `validate` and `scenario from-bundle` (the harness) and `serve` (the simulator).
#include <CLI/CLI.hpp>

#include "bcsim/cli.h"
#include "harness/cli.h"
#include "harness/support_cli.h"

int main(int argc, char** argv) {
  CLI::App app{"bcsim: a Basecamp simulator, and a runner for scenarios against it"};
  app.require_subcommand(1);
  bcsim::harness::AddRunCommand(app);
  // The harness's validate is the one checker of scenario files (`run` uses it too).
  bcsim::harness::AddValidateCommand(app);
  bcsim::harness::AddScenarioCommand(app);
  int exit_code = 0;
  bcsim::AddServeCommand(app, &exit_code);
  bcsim::harness::AddSnapshotCommand(app, &exit_code);
  bcsim::harness::AddRecordCommand(app, &exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
