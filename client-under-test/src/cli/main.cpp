// bcsync: the command line. serve | init | add-user | sync | status | explain | time |
// support-bundle.
// The only place that builds the real clock and sleeper (inside App when none is given).
#include <CLI/CLI.hpp>

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <iostream>
#include <mutex>
#include <thread>

#include "bcsync/app.h"

namespace {

std::string EnvOr(const char* name, const std::string& fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

int Fail(const bcsync::Status& status) {
  std::cerr << "bcsync: " << status.message() << "\n";
  return 1;
}

int Serve(bcsync::AppOptions options) {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);  // before any thread starts
  bcsync::App app(std::move(options));
  bcsync::Status started = app.Start();
  if (!started.ok()) return Fail(started);
  std::cout << "bcsync listening on " << app.base_url() << std::endl;
  // Automatic syncs run on their own thread, so a signal is answered even during a long sync.
  std::mutex mu;
  std::condition_variable cv;
  bool stop = false, syncs_done = false, stopped = false;  // guarded by mu
  std::thread syncs([&] {
    std::unique_lock<std::mutex> lock(mu);
    while (!cv.wait_for(lock, std::chrono::seconds(5), [&] { return stop; })) {
      lock.unlock();
      app.RunDueSyncs();
      lock.lock();
    }
    syncs_done = true;
    cv.notify_all();
  });
  int sig = 0;
  sigwait(&signals, &sig);
  std::thread stopper([&] {
    app.Stop();  // returns once running handlers return, whatever the clients do
    std::lock_guard<std::mutex> lock(mu);
    stopped = true;
    cv.notify_all();
  });
  {
    std::unique_lock<std::mutex> lock(mu);
    stop = true;
    cv.notify_all();
    // Shut down within a second: a sync or handler still waiting on Basecamp is abandoned
    // (SQLite's journal keeps the database whole, as after a kill).
    if (!cv.wait_for(lock, std::chrono::milliseconds(900), [&] { return stopped && syncs_done; })) {
      std::cout.flush();
      std::_Exit(0);
    }
  }
  stopper.join();
  syncs.join();
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"bcsync: a time tracker with a reference Basecamp integration"};
  cli.require_subcommand(1);
  bcsync::AppOptions options;
  std::string email, password, role = "user", name, company;
  std::int64_t todo_id = 0;
  std::int64_t interval_s = 15 * 60;
  std::string key_file;
  const char* kKeyHelp = "file with the key that seals Basecamp tokens (or BCSYNC_KEY_FILE; "
                         "BCSYNC_KEY = the key itself; default DB.key)";

  auto* serve = cli.add_subcommand("serve", "serve the dashboard and run automatic syncs");
  serve->add_option("--db", options.db_path, "SQLite file")->required();
  serve->add_option("--basecamp", options.basecamp_url, "Launchpad and API origin")->required();
  const char* kInsecureHelp = "allow a plain http:// --basecamp on another host (tokens travel unencrypted; "
                              "for test servers only; loopback http needs no flag)";
  serve->add_flag("--allow-insecure-basecamp", options.allow_insecure_basecamp, kInsecureHelp);
  serve->add_option("--host", options.host, "address to bind");
  serve->add_option("--port", options.port, "port (0 = any)");
  serve->add_option("--public-url", options.public_url, "origin browsers use (default: the bound one)");
  serve->add_flag("--webhooks", options.webhooks,
                  "register a Basecamp webhook per synced project (at --public-url/webhooks/basecamp) "
                  "and sync on its to-do events");
  serve->add_option("--account-mode", options.account_mode, "strict | choose")
      ->check(CLI::IsMember({"strict", "choose"}));
  serve->add_option("--client-id", options.client_id, "OAuth client id (or BCSYNC_CLIENT_ID)");
  serve->add_option("--client-secret", options.client_secret, "OAuth client secret (or BCSYNC_CLIENT_SECRET)");
  serve->add_option("--sync-interval", interval_s,
                    "automatic sync interval in seconds (at least 60)");
  serve->add_option("--key-file", key_file, kKeyHelp);

  auto* init = cli.add_subcommand("init", "create the database and the company");
  init->add_option("--db", options.db_path)->required();
  init->add_option("--company", company)->required();
  init->add_option("--key-file", key_file, std::string(kKeyHelp) + "; created 0600 if absent");

  auto* add_user = cli.add_subcommand("add-user", "add a tracker user");
  add_user->add_option("--db", options.db_path)->required();
  add_user->add_option("--email", email)->required();
  add_user->add_option("--password", password)->required();
  add_user->add_option("--role", role)->check(CLI::IsMember({"owner", "admin", "user"}));
  add_user->add_option("--name", name);
  add_user->add_option("--key-file", key_file, kKeyHelp);

  auto* sync = cli.add_subcommand("sync", "sync one user now");
  auto* status = cli.add_subcommand("status", "show integration and sync status");
  auto* explain = cli.add_subcommand("explain", "why a Basecamp to-do is or is not in a user's tasks");
  for (auto* sub : {sync, status, explain}) {
    sub->add_option("--db", options.db_path)->required();
    sub->add_option("--basecamp", options.basecamp_url, "Launchpad and API origin (for live calls)");
    sub->add_flag("--allow-insecure-basecamp", options.allow_insecure_basecamp, kInsecureHelp);
    sub->add_option("--client-id", options.client_id);
    sub->add_option("--client-secret", options.client_secret);
    sub->add_option("--key-file", key_file, kKeyHelp);
  }
  sync->add_option("--user", email)->required();
  status->add_option("--user", email);
  explain->add_option("--user", email)->required();
  explain->add_option("--todo", todo_id)->required();

  // time ACTION: start|stop|add (--todo), edit|delete (--entry), list, write (send what is owed).
  auto* time = cli.add_subcommand("time", "track time on a synced task; it is written back to Basecamp");
  bcsync::TimeRequest time_request;
  std::string time_description;
  time->add_option("action", time_request.action, "start | stop | add | edit | delete | list | write")
      ->required()
      ->check(CLI::IsMember({"start", "stop", "add", "edit", "delete", "list", "write"}));
  time->add_option("--db", options.db_path)->required();
  time->add_option("--basecamp", options.basecamp_url, "Launchpad and API origin (for the write-back)");
  time->add_option("--client-id", options.client_id);
  time->add_option("--client-secret", options.client_secret);
  time->add_option("--key-file", key_file, kKeyHelp);
  time->add_option("--user", email)->required();
  time->add_option("--todo", time_request.todo_id, "the task's Basecamp to-do id (start, stop, add)");
  time->add_option("--entry", time_request.entry_id, "the entry id (edit, delete)");
  time->add_option("--date", time_request.date, "YYYY-MM-DD (add, edit)");
  time->add_option("--duration", time_request.duration, "1h30m, 90m or 1:30 (add, edit)");
  auto* description_option = time->add_option("--description", time_description);

  auto* bundle = cli.add_subcommand("support-bundle",
                                    "write one user's support bundle (JSON, nothing secret)");
  bcsync::SupportBundleOptions bundle_options;
  std::string bundle_out;
  bundle->add_option("--db", options.db_path)->required();
  bundle->add_option("--key-file", key_file, kKeyHelp);
  bundle->add_option("--user", email)->required();
  bundle->add_option("-o,--output", bundle_out,
                     "write it here (mode 0600) instead of standard output");
  bundle->add_flag("--redact-people", bundle_options.redact_people,
                   "replace emails and names with consistent pseudonyms");
  bundle->add_option("--syncs", bundle_options.syncs, "how many of the newest syncs (default 20)")
      ->check(CLI::Range(0, 100));

  auto* errors_md = cli.add_subcommand("errors-md", "print docs/sync-errors.md (the error catalogue)");

  CLI11_PARSE(cli, argc, argv);
  if (errors_md->parsed()) {
    std::cout << bcsync::ErrorCatalogueMarkdown();
    return 0;
  }
  options.client_id = options.client_id.empty() ? EnvOr("BCSYNC_CLIENT_ID", "") : options.client_id;
  options.client_secret = options.client_secret.empty() ? EnvOr("BCSYNC_CLIENT_SECRET", "") : options.client_secret;
  if (interval_s < bcsync::kMinAutoSyncIntervalMs / 1000) {
    std::cerr << "bcsync: --sync-interval: expected at least 60 seconds, found " << interval_s
              << "\n";
    return 1;
  }
  options.auto_sync_interval_ms = interval_s * 1000;
  // The token key: --key-file, BCSYNC_KEY_FILE, BCSYNC_KEY (the hex key itself), DB.key.
  key_file = key_file.empty() ? EnvOr("BCSYNC_KEY_FILE", "") : key_file;
  options.token_key = key_file.empty() ? EnvOr("BCSYNC_KEY", "") : "";
  if (key_file.empty() && options.token_key.empty()) key_file = options.db_path + ".key";
  options.token_key_file = key_file;
  if (init->parsed() && !key_file.empty()) {
    bcsync::Status made = bcsync::GenerateKeyFile(key_file);
    if (made.ok()) {
      std::cout << "wrote token key " << key_file << " (mode 0600; keep it with backups)\n";
    } else if (made.code() != bcsync::StatusCode::kAlreadyExists) {
      return Fail(made);
    }
  }

  if (serve->parsed()) return Serve(std::move(options));
  bcsync::App app(options);
  if (init->parsed()) {
    bcsync::Status s = app.SeedCompany(company);
    if (!s.ok()) return Fail(s);
    std::cout << "created company " << company << " in " << options.db_path << "\n";
    return 0;
  }
  if (add_user->parsed()) {
    bcsync::Status s = app.SeedUser(email, password, role, name);
    if (!s.ok()) return Fail(s);
    std::cout << "added " << role << " " << email << "\n";
    return 0;
  }
  if (sync->parsed()) {
    auto result = app.SyncUser(email);
    if (!result.ok()) return Fail(result.status());
    if (result->ok) {
      std::cout << "sync ok: " << result->active << " active, " << result->added << " added, " << result->archived
                << " archived, " << result->requests << " requests\n";
      return 0;
    }
    std::cout << "sync error " << result->code << ": " << result->message << "\n";
    return 2;
  }
  if (status->parsed()) {
    auto text = app.StatusText(email);
    if (!text.ok()) return Fail(text.status());
    std::cout << *text;
    return 0;
  }
  if (bundle->parsed()) {
    auto text = app.SupportBundle(email, bundle_options);
    if (!text.ok()) return Fail(text.status());
    if (bundle_out.empty()) {
      std::cout << *text;
      return 0;
    }
    int fd = ::open(bundle_out.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0 || ::write(fd, text->data(), text->size()) != static_cast<ssize_t>(text->size()) ||
        ::close(fd) != 0) {
      std::cerr << "bcsync: cannot write " << bundle_out << ": " << std::strerror(errno) << "\n";
      return 1;
    }
    std::cout << "wrote support bundle of " << email << " to " << bundle_out << " (" << text->size()
              << " bytes)\n";
    return 0;
  }
  if (time->parsed()) {
    if (description_option->count() > 0) time_request.description = time_description;
    auto entries = app.Time(email, time_request);
    if (!entries.ok()) return Fail(entries.status());
    int failed = 0;
    for (const auto& e : *entries) {
      std::cout << "#" << e.id << " " << e.date << " " << e.minutes << "m " << e.task << ": " << e.state;
      if (!e.code.empty()) std::cout << " (" << e.code << ": " << e.message << ")";
      if (!e.description.empty()) std::cout << " \"" << e.description << "\"";
      std::cout << "\n";
      if (e.state == "failed") ++failed;
    }
    return failed > 0 ? 2 : 0;  // like sync: 2 when Basecamp refused something
  }
  auto text = app.Explain(email, todo_id);
  if (!text.ok()) return Fail(text.status());
  std::cout << *text;
  return 0;
}
