#include "bcsim/cli.h"

#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <iostream>
#include <mutex>
#include <thread>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bcsim/scenario_file.h"
#include "bcsim/simulator.h"
#include "bcsim/world_loader.h"
#include "faults/fault.h"
#include "server/http_util.h"

namespace bcsim {
namespace {

struct ServeArgs {
  std::string scenario;
  std::string host = "127.0.0.1";
  int port = 0;
  std::string tracker;
  int threads = 256;
  bool allow_remote = false;
  bool journal_bodies = false;
  bool allow_remote_webhooks = false;
  std::vector<std::string> include_roots;
};

int RunServe(const ServeArgs& args) {
  if (!IsLoopbackAddress(args.host) && args.host != "localhost" && !args.allow_remote) {
    std::cerr << "bcsim serve: refusing to listen on " << args.host
              << " (not loopback); pass --allow-remote to do it anyway\n";
    return 2;
  }
  // Block the signals before any thread starts so that only sigwait below sees them.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  signal(SIGPIPE, SIG_IGN);  // a client that hangs up must not kill the server
  // Every open connection is a descriptor (waiting ones hold no thread): allow the hard limit.
  rlimit files{};
  if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    setrlimit(RLIMIT_NOFILE, &files);
  }

  SimulatorOptions opts;
  opts.host = args.host == "localhost" ? "127.0.0.1" : args.host;
  opts.port = args.port;
  opts.threads = args.threads;
  opts.real_delays = true;
  opts.include_roots = args.include_roots;
  opts.journal_bodies = args.journal_bodies;
  opts.webhooks_to_any_host = args.allow_remote_webhooks;
  Simulator sim(opts);
  std::map<std::string, std::string> vars;
  if (!args.tracker.empty()) vars["tracker"] = args.tracker;
  if (!args.scenario.empty()) {
    Status st = sim.LoadFile(args.scenario, vars);
    if (!st.ok()) {
      std::cerr << st.message() << "\n";
      return 1;
    }
  }
  Status st = sim.Start();
  if (!st.ok()) {
    std::cerr << "bcsim serve: " << st.message() << "\n";
    return 1;
  }
  std::cout << "bcsim listening on " << sim.base_url() << std::endl;  // endl flushes
  int sig = 0;
  sigwait(&signals, &sig);
  // Stop() returns once running handlers return (delay faults wake up); should one still be
  // busy (a big scenario load), exit anyway: SIGTERM is answered within a second.
  std::mutex mu;
  std::condition_variable cv;
  bool stopped = false;  // guarded by mu
  std::thread stopper([&] {
    sim.Stop();
    std::lock_guard<std::mutex> lock(mu);
    stopped = true;
    cv.notify_all();
  });
  {
    std::unique_lock<std::mutex> lock(mu);
    if (!cv.wait_for(lock, std::chrono::milliseconds(900), [&] { return stopped; })) {
      std::cout.flush();
      std::_Exit(0);
    }
  }
  stopper.join();
  return 0;
}

int RunValidate(const std::vector<std::string>& files, const ReadOptions& options) {
  int bad = 0;
  for (const std::string& file : files) {
    // The world ({tracker} standing for a local origin) and the faults, from one read of the
    // file, by the code `serve` and `run` load them with.
    const Status st = ValidateScenarioFile(file, options);
    if (st.ok()) {
      std::cout << file << ": ok\n";
    } else {
      ++bad;
      std::cout << st.message() << "\n";
    }
  }
  std::cout.flush();
  return bad == 0 ? 0 : 1;
}

}  // namespace

CLI::App* AddServeCommand(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<ServeArgs>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve a simulated Basecamp (Launchpad + API)");
  cmd->add_option("--scenario", args->scenario, "Scenario or world YAML file to load");
  cmd->add_option("--host", args->host, "Address to listen on")->capture_default_str();
  cmd->add_option("--port", args->port, "Port (0: any free port)")->capture_default_str();
  cmd->add_option("--tracker", args->tracker,
                  "Origin substituted for {tracker} in redirect URIs, e.g. http://127.0.0.1:8080");
  cmd->add_option("--threads", args->threads, "Most HTTP worker threads (made on demand; one per open connection)")->capture_default_str();
  cmd->add_flag("--allow-remote", args->allow_remote, "Allow a non-loopback --host");
  cmd->add_flag("--allow-remote-webhooks", args->allow_remote_webhooks,
                "Deliver webhooks to non-loopback hosts too (default: loopback only)");
  cmd->add_flag("--journal-bodies", args->journal_bodies,
                "Journal each exchange's headers and bodies too, redacted and capped "
                "(GET /__bcsim/requests?bodies=1)");
  cmd->add_option("--include-root", args->include_roots,
                  "A folder (besides the scenario's own) whose files `include:` may name; "
                  "repeatable")
      ->allow_extra_args(false);
  cmd->callback([args, exit_code] { *exit_code = RunServe(*args); });
  return cmd;
}

CLI::App* AddValidateCommand(CLI::App& app, int* exit_code) {
  auto files = std::make_shared<std::vector<std::string>>();
  auto options = std::make_shared<ReadOptions>();
  CLI::App* cmd = app.add_subcommand("validate", "Check scenario files (world and faults)");
  cmd->add_option("files", *files, "Scenario files")->required();
  cmd->add_option("--include-root", options->include_roots,
                  "A folder (besides each scenario's own) whose files `include:` may name; "
                  "repeatable")
      ->allow_extra_args(false);
  cmd->callback([files, options, exit_code] { *exit_code = RunValidate(*files, *options); });
  return cmd;
}

}  // namespace bcsim
