// bcsync: a small time tracker with a reference Basecamp integration.
//
// App owns the SQLite store, the Basecamp HTTP client (with the one process-wide throttle),
// the integration and sync services and the dashboard's HTTP server. Start() opens/migrates the
// store and serves on a background thread; Stop() (or the destructor) stops serving.
// Open() only opens the store (the CLI's offline commands use it).
//
// Thread safety: every public method is thread safe; store access is serialised by one mutex
// inside the App. The clock and sleeper in AppOptions are borrowed: they must outlive the App.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "bcsync/clock.h"
#include "bcsync/status.h"

namespace bcsync {

struct AppOptions {
  std::string db_path = ":memory:";
  std::string basecamp_url;  // Launchpad AND API origin, e.g. "http://127.0.0.1:8123"
  // Plain http:// is accepted only for a loopback basecamp_url unless this is set (the CLI's
  // --allow-insecure-basecamp); Open() refuses anything else (basecamp/basecamp_url.h).
  bool allow_insecure_basecamp = false;
  std::string public_url;    // origin the browser uses; "" = the bound origin
  std::string client_id;
  std::string client_secret;
  std::string account_mode = "strict";  // "strict" | "choose"
  Millis auto_sync_interval_ms = 15 * 60 * 1000;
  Clock* clock = nullptr;      // nullptr: the wall clock
  Sleeper* sleeper = nullptr;  // nullptr: really sleep
  std::string host = "127.0.0.1";
  int port = 0;  // 0 = any free port
  std::string user_agent = "bcsync (qa@bcsim.test)";
  // PBKDF2 iterations for passwords hashed from now on (SeedUser). Stored hashes keep their
  // own count, so lowering it (tests, the scenario runner) never breaks existing logins.
  int password_hash_iterations = 20000;
  // false: the store skips fsync (journal in memory, synchronous=OFF). For throwaway
  // databases (tests, one scenario); a crash can then lose or corrupt the file.
  bool durable = true;
  // The key that seals Basecamp tokens in the database (AES-256-GCM): 64 hex characters, or
  // read from token_key_file (a file holding them, e.g. made by GenerateKeyFile; it must not
  // be readable by group or others). Neither given: a random key for ":memory:" databases,
  // an error for files. Rows still in clear are sealed when the store opens.
  std::string token_key;
  std::string token_key_file;
  // The dashboard's HTTP guard: a request head must arrive whole within head_timeout_ms of its
  // first byte (else 408); an idle keep-alive connection is closed after idle_timeout_ms.
  int head_timeout_ms = 10000;
  int idle_timeout_ms = 5000;
  // Testing only: the time write-back stops right after sending a timesheet POST, before it
  // records the outcome, as if the process died there (the fault matrix restarts the App).
  bool crash_after_timesheet_send = false;
  // Sync on Basecamp webhooks (sync/webhooks.h): register one per synced project pointing at
  // PUBLIC_URL/webhooks/basecamp, and sync the affected users when a to-do event arrives.
  // Off by default (the CLI's --webhooks; a scenario's tracker.webhooks: true).
  bool webhooks = false;
};

// Automatic syncs run at most this often: a shorter interval is refused by Open/Start.
inline constexpr Millis kMinAutoSyncIntervalMs = 60 * 1000;

// Writes a new random token key (64 hex characters and a newline) to `path`, created with mode
// 0600. AlreadyExists when the file exists (it is never overwritten).
Status GenerateKeyFile(const std::string& path);

// The outcome of one sync run, as the Tasks page and /api/sync show it.
struct SyncResult {
  bool ok = false;
  std::string code;     // "" when ok; else a code of docs/sync-errors.md
  std::string message;  // what the user reads
  int active = 0;       // active tasks after the run
  int added = 0;
  int archived = 0;
  int requests = 0;      // HTTP requests this run sent to Basecamp
  int not_modified = 0;  // of those, answered 304 (ETag reuse)
};

// The sync error catalogue as Markdown (docs/sync-errors.md is this text, byte for byte).
std::string ErrorCatalogueMarkdown();

// The catalogue as data, for tools that check names against it (the scenario checker): every
// code a user can meet, whether it is a warning (shown beside a working sync) or an error, and
// the texts a person reads.
struct CatalogueEntry {
  std::string code;
  bool warning = false;
  std::string title;
  std::string message;
  std::string help;
};
std::vector<CatalogueEntry> ErrorCatalogue();

// The integrations the tracker offers, by stable id and by the name its pages show.
struct IntegrationInfo {
  std::string id;    // "basecamp"
  std::string name;  // "Basecamp"
};
const std::vector<IntegrationInfo>& KnownIntegrations();

// Time tracking (client-under-test/src/timetrack/): one entry as the CLI and /api/time show it.
struct TimeEntryView {
  std::int64_t id = 0;
  std::int64_t todo_id = 0;  // the task's Basecamp id
  std::string task;          // its title
  std::string date;          // YYYY-MM-DD
  int minutes = 0;
  std::string description;
  std::string state;  // running | pending | written | failed | deleted
  std::string code;   // catalogue code when failed (or of the last transient failure)
  std::string message;
  std::int64_t remote_id = 0;  // the Basecamp timesheet entry, once written
};
// action: start | stop | add | edit | delete | list | write (send what is owed now).
// start/stop/add take todo_id; edit/delete take entry_id; add takes date and duration
// ("1h30m", "90m", "1:30"); edit takes any of them. Every change is written back at once.
struct TimeRequest {
  std::string action;
  std::int64_t todo_id = 0;
  std::int64_t entry_id = 0;
  std::string date;
  std::string duration;
  std::optional<std::string> description;
};

// A support bundle (docs/support-bundle.schema.json; client-under-test/README.md).
struct SupportBundleOptions {
  int syncs = 20;              // the newest N sync runs with their request logs (0..100)
  bool redact_people = false;  // emails and names replaced by consistent pseudonyms
};

class App {
 public:
  explicit App(AppOptions options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  Status Open();   // opens and migrates the store only
  Status Start();  // Open() if needed, then binds and serves the dashboard
  void Stop();
  int port() const;
  std::string base_url() const;  // "http://HOST:PORT"

  Status SeedCompany(const std::string& name);
  Status SeedUser(const std::string& email, const std::string& password, const std::string& role,
                  const std::string& name);

  // Runs the automatic syncs due at clock.NowMs() (users whose personal integration is on).
  void RunDueSyncs();
  // A forced sync of one user (what the Sync button does).
  StatusOr<SyncResult> SyncUser(const std::string& email);
  // Human-readable status of the company integration and one (or every) user.
  StatusOr<std::string> StatusText(const std::string& email);
  // Why a Basecamp to-do is or is not in the user's tasks (fetches it live).
  StatusOr<std::string> Explain(const std::string& email, std::int64_t todo_id);
  // One user's support bundle as JSON text (pretty-printed). Nothing secret is in it.
  StatusOr<std::string> SupportBundle(const std::string& email,
                                      const SupportBundleOptions& options = {});
  // Time tracking for one user (TimeRequest); answers the user's entries after the action.
  StatusOr<std::vector<TimeEntryView>> Time(const std::string& email, const TimeRequest& request);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace bcsync
