// The simulator's `bcsim` subcommands, for the final `bcsim` binary (harness/) and the thin
// `bcsim-serve` (simulator/main.cpp):
//
//   bcsim serve --scenario FILE [--host 127.0.0.1] [--port 0] [--tracker ORIGIN]
//               [--threads N] [--allow-remote]
//     First stdout line, flushed: "bcsim listening on http://HOST:PORT". Serves until SIGINT or
//     SIGTERM. A non-loopback --host needs --allow-remote (the control API stays loopback-only).
//   bcsim validate FILE...
//     "FILE: ok" or "FILE:LINE:COL: message" per file; exit status 1 if any is bad.
//
// Usage:
//   CLI::App app{"bcsim"}; int exit_code = 0;
//   bcsim::AddServeCommand(app, &exit_code); bcsim::AddValidateCommand(app, &exit_code);
//   CLI11_PARSE(app, argc, argv); return exit_code;
//
// `serve` blocks SIGINT and SIGTERM in the calling thread (and so in the server's threads) and
// waits for them with sigwait; call it from the main thread.
#pragma once

#include <CLI/CLI.hpp>

namespace bcsim {

CLI::App* AddServeCommand(CLI::App& app, int* exit_code);
CLI::App* AddValidateCommand(CLI::App& app, int* exit_code);

}  // namespace bcsim
