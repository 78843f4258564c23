// Support commands of the `bcsim` executable (docs/contracts.md, "World read back"):
//
//   bcsim snapshot --url ORIGIN [-o world.yaml] [--no-clients]
//     Saves a running simulator's current world (GET ORIGIN/__bcsim/world) as scenario YAML.
//   bcsim record --basecamp URL --token-file F --account ID [-o world.yaml] [--redact-people]
//                [--contact TEXT]
//     Reads the account through its public API (recorder.h) and writes it as a world. The
//     token file's content is never printed or written. A progress line on a terminal.
#pragma once

namespace CLI {
class App;
}

namespace bcsim::harness {

void AddSnapshotCommand(CLI::App& app, int* exit_code);
void AddRecordCommand(CLI::App& app, int* exit_code);

}  // namespace bcsim::harness
