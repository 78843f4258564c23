// `bcsim snapshot` and `bcsim record` (harness/support_cli.h).
#include "harness/support_cli.h"

#include <httplib.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include "bcsim/world_export.h"
#include "support/api_client.h"
#include "support/recorder.h"

namespace bcsim::harness {
namespace {

// Writes `text` to `path` ("-" or "": stdout). False (with a message) when it cannot.
bool WriteOut(const std::string& path, const std::string& text) {
  if (path.empty() || path == "-") {
    std::cout << text;
    return true;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) {
    std::cerr << "cannot write " << path << "\n";
    return false;
  }
  return true;
}

std::string TrimOrigin(std::string url) {
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

}  // namespace

void AddSnapshotCommand(CLI::App& app, int* exit_code) {
  struct Options {
    std::string url, out;
    bool no_clients = false;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd =
      app.add_subcommand("snapshot", "Save a running simulator's current world as YAML");
  cmd->add_option("--url", opts->url, "the simulator's origin, e.g. http://127.0.0.1:8123")
      ->required();
  cmd->add_option("-o,--output", opts->out, "the world file to write (default: stdout)");
  cmd->add_flag("--no-clients", opts->no_clients, "leave the OAuth clients (and secrets) out");
  cmd->callback([opts, exit_code] {
    httplib::Client client(TrimOrigin(opts->url));
    client.set_connection_timeout(10, 0);
    client.set_read_timeout(60, 0);
    httplib::Result res =
        client.Get(opts->no_clients ? "/__bcsim/world?clients=0" : "/__bcsim/world");
    if (!res) {
      std::cerr << "snapshot: cannot reach " << opts->url << ": "
                << httplib::to_string(res.error()) << "\n";
      *exit_code = 1;
      return;
    }
    if (res->status != 200) {
      std::cerr << "snapshot: GET /__bcsim/world answered " << res->status << ": "
                << res->body.substr(0, 300) << "\n";
      *exit_code = 1;
      return;
    }
    if (!WriteOut(opts->out, res->body)) *exit_code = 1;
  });
}

void AddRecordCommand(CLI::App& app, int* exit_code) {
  struct Options {
    std::string url, token_file, out, contact = "bcsim@example.com";
    std::int64_t account = 0;
    bool redact_people = false;
  };
  auto opts = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("record", "Read a Basecamp account into a world file");
  cmd->add_option("--basecamp", opts->url, "the API origin, e.g. https://3.basecampapi.com")
      ->required();
  cmd->add_option("--token-file", opts->token_file, "a file holding the OAuth access token")
      ->required();
  cmd->add_option("--account", opts->account, "the account id")->required();
  cmd->add_option("-o,--output", opts->out, "the world file to write (default: stdout)");
  cmd->add_flag("--redact-people", opts->redact_people,
                "pseudonymise people: person-1, Person 1, person-1@example.test");
  cmd->add_option("--contact", opts->contact, "who to contact, sent in the User-Agent");
  cmd->callback([opts, exit_code] {
    std::ifstream in(opts->token_file, std::ios::binary);
    std::stringstream buf;
    buf << in.rdbuf();
    std::string token = buf.str();
    while (!token.empty() && std::isspace(static_cast<unsigned char>(token.back())) != 0) {
      token.pop_back();
    }
    if (!in || token.empty() || token.size() > 4096) {
      std::cerr << "record: cannot read a token from " << opts->token_file << "\n";
      *exit_code = 1;
      return;
    }
    support::ApiClientOptions client_options;
    client_options.origin = TrimOrigin(opts->url);
    client_options.token = std::move(token);
    client_options.user_agent = "bcsim-record (" + opts->contact + ")";
    client_options.sleep = [](int s) { std::this_thread::sleep_for(std::chrono::seconds(s)); };
    support::ApiClient client(std::move(client_options));
    support::RecordOptions record;
    record.account = opts->account;
    record.redact_people = opts->redact_people;
    const bool tty = isatty(STDERR_FILENO) != 0;
    if (tty) {
      record.progress = [](const std::string& line) {
        std::cerr << "\r\033[K" << line << std::flush;
      };
    }
    const auto start = std::chrono::steady_clock::now();
    StatusOr<World> world = support::RecordAccount(client, record);
    if (tty) std::cerr << "\r\033[K";
    if (!world.ok()) {
      std::cerr << "record: " << world.status().message() << "\n";
      *exit_code = 1;
      return;
    }
    const std::string yaml = WorldToYaml(*world);
    if (!WriteOut(opts->out, yaml)) {
      *exit_code = 1;
      return;
    }
    std::size_t projects = 0, todos = 0;
    for (const Account& a : world->accounts) {
      projects += a.projects.size();
      for (const Project& p : a.projects) {
        for (const Todoset& s : p.todosets) {
          for (const Todolist& l : s.todolists) {
            todos += l.todos.size();
            for (const Todolist& g : l.groups) todos += g.todos.size();
          }
        }
      }
    }
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                        std::chrono::steady_clock::now() - start).count();
    std::cerr << "recorded " << projects << " projects, " << todos << " to-dos in "
              << client.requests() << " requests (" << client.not_modified() << " not modified, "
              << client.retries() << " retried) in " << ms << " ms"
              << (opts->out.empty() || opts->out == "-" ? "" : " -> " + opts->out) << "\n";
  });
}

}  // namespace bcsim::harness
