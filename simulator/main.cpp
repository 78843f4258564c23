// bcsim-serve: the simulator's `serve` and `validate` commands on their own (the full `bcsim`
// binary with `run` lives in harness/).
#include <CLI/CLI.hpp>

#include "bcsim/cli.h"

int main(int argc, char** argv) {
  CLI::App app{"bcsim-serve: a simulated Basecamp for tests"};
  app.require_subcommand(1);
  int exit_code = 0;
  bcsim::AddServeCommand(app, &exit_code);
  bcsim::AddValidateCommand(app, &exit_code);
  CLI11_PARSE(app, argc, argv);
  return exit_code;
}
