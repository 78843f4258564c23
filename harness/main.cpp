// bcsim: `run` and `validate` (the harness) and `serve` (the simulator).
#include <CLI/CLI.hpp>

#include "harness/cli.h"
#if defined(BCSIM_HAVE_SERVE_CLI)
#include "bcsim/cli.h"
#endif

int main(int argc, char** argv) {
  CLI::App app{"bcsim: a Basecamp simulator, and a runner for scenarios against it"};
  app.require_subcommand(1);
  bcsim::harness::AddRunCommand(app);
  // The harness's validate checks the whole format (JSON Schema + references); the simulator's
  // world loader also runs when `run` loads a file.
  bcsim::harness::AddValidateCommand(app);
#if defined(BCSIM_HAVE_SERVE_CLI)
  int exit_code = 0;
  bcsim::AddServeCommand(app, &exit_code);
#endif
  CLI11_PARSE(app, argc, argv);
#if defined(BCSIM_HAVE_SERVE_CLI)
  return exit_code;
#else
  return 0;
#endif
}
