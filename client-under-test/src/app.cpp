// App: owns the core and the dashboard server thread.
#include "bcsync/app.h"

#include <httplib.h>

#include "net/guarded_server.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "app_core.h"
#include "basecamp/basecamp_url.h"
#include "basecamp/httplib_transport.h"
#include "errors/catalogue.h"
#include "support/support_bundle.h"
#include "timetrack/time_api.h"
#include "util/crypto.h"
#include "util/macros.h"
#include "web/dashboard.h"

namespace bcsync {
namespace {

// The largest request body the dashboard reads (forms and small JSON); larger ones get 413.
constexpr std::size_t kBodyLimit = 64 * 1024;

}  // namespace

struct App::Impl {
  explicit Impl(AppOptions opts) {
    core.options = std::move(opts);
    core.clock = core.options.clock != nullptr ? core.options.clock : &real_clock;
    core.sleeper = core.options.sleeper != nullptr ? core.options.sleeper : &real_sleeper;
    core.transport = &transport;
    while (!core.options.basecamp_url.empty() && core.options.basecamp_url.back() == '/') {
      core.options.basecamp_url.pop_back();
    }
  }

  StatusOr<store::Id> UserId(const std::string& email);

  RealClock real_clock;
  RealSleeper real_sleeper;
  basecamp::HttplibTransport transport;
  AppCore core;
  bool opened = false;
  std::unique_ptr<net::GuardedServer> server;
  int port = 0;
};

namespace {

// The 32-byte token key from the options (see AppOptions::token_key).
StatusOr<std::string> ResolveTokenKey(const AppOptions& o) {
  std::string key;
  if (!o.token_key.empty()) {
    if (!util::ParseKeyHex(o.token_key, &key))
      return InvalidArgumentError("token key: expected 64 hex characters (32 bytes)");
    return key;
  }
  if (!o.token_key_file.empty()) {
    struct stat st {};
    if (::stat(o.token_key_file.c_str(), &st) != 0)
      return InvalidArgumentError("key file " + o.token_key_file + ": " + std::strerror(errno) +
                                  " (bcsync init creates it)");
    if (!S_ISREG(st.st_mode))
      return InvalidArgumentError("key file " + o.token_key_file + ": not a regular file");
    if ((st.st_mode & 077) != 0)
      return InvalidArgumentError("key file " + o.token_key_file +
                                  " is readable by others; run chmod 600 " + o.token_key_file);
    std::ifstream in(o.token_key_file);
    std::stringstream text;
    text << in.rdbuf();
    if (!util::ParseKeyHex(text.str(), &key))
      return InvalidArgumentError("key file " + o.token_key_file +
                                  ": expected 64 hex characters (32 bytes)");
    return key;
  }
  if (o.db_path == ":memory:") {  // nothing outlives the process: any key will do
    util::ParseKeyHex(util::RandomToken(32), &key);
    return key;
  }
  return FailedPreconditionError(
      "no token key: bcsync keeps Basecamp tokens encrypted in " + o.db_path +
      "; pass --key-file FILE (or BCSYNC_KEY_FILE / BCSYNC_KEY), made by `bcsync init`");
}

}  // namespace

Status GenerateKeyFile(const std::string& path) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return AlreadyExistsError("key file " + path + " already exists");
    return UnavailableError("cannot create key file " + path + ": " + std::strerror(errno));
  }
  const std::string text = util::RandomToken(32) + "\n";
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) &&
                  ::fsync(fd) == 0;
  ::close(fd);
  if (!ok) return UnavailableError("cannot write key file " + path);
  return OkStatus();
}

App::App(AppOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {}

App::~App() { Stop(); }

Status App::Open() {
  std::lock_guard<std::mutex> lock(impl_->core.mu);
  if (impl_->opened) return OkStatus();
  const AppOptions& o = impl_->core.options;
  if (o.auto_sync_interval_ms < kMinAutoSyncIntervalMs) {
    return InvalidArgumentError("auto_sync_interval: expected at least 1m (60000 ms), found " +
                                std::to_string(o.auto_sync_interval_ms) +
                                " ms; a shorter interval would sync without end");
  }
  if (!o.basecamp_url.empty()) {  // offline commands (init, add-user) have none
    RETURN_IF_ERROR(basecamp::CheckBasecampUrl(o.basecamp_url, o.allow_insecure_basecamp));
  }
  ASSIGN_OR_RETURN(std::string key, ResolveTokenKey(o));
  RETURN_IF_ERROR(impl_->core.store.Open(o.db_path, o.durable));
  impl_->core.store.SetTokenKey(std::move(key));
  RETURN_IF_ERROR(impl_->core.store.SealPlaintextTokens().status());
  impl_->core.dummy_password_hash =
      util::HashPassword(util::RandomToken(16), o.password_hash_iterations);
  impl_->core.Wire(impl_->core.options.public_url);
  impl_->opened = true;
  return OkStatus();
}

Status App::Start() {
  RETURN_IF_ERROR(Open());
  if (impl_->server) return FailedPreconditionError("already started");
  // cpp-httplib behind the connection guard (net/guarded_server.h): pipelining, whole-head
  // deadlines, framing checks, body limits; a slow or idle connection holds no worker.
  net::GuardOptions guard;
  guard.head_timeout = std::chrono::milliseconds(impl_->core.options.head_timeout_ms);
  guard.idle_timeout = std::chrono::milliseconds(impl_->core.options.idle_timeout_ms);
  guard.body_limit = [](std::string_view, std::string_view) { return kBodyLimit; };
  guard.max_lingering = 4;  // of httplib's 8 workers: idle browsers never hold them all
  auto server = std::make_unique<net::GuardedServer>(guard);
  server->set_tcp_nodelay(true);
  web::RegisterPages(impl_->core, *server);
  web::RegisterSettings(impl_->core, *server);
  web::RegisterJsonApi(impl_->core, *server);
  web::RegisterTrackerSettings(impl_->core, *server);
  web::RegisterTimePages(impl_->core, *server);
  web::RegisterWebhookReceiver(impl_->core, *server);
  const std::string& host = impl_->core.options.host;
  std::string error;
  const int port = server->Bind(host, impl_->core.options.port, &error);
  if (port <= 0) return UnavailableError(error);
  impl_->port = port;
  {
    std::lock_guard<std::mutex> lock(impl_->core.mu);
    std::string public_url = impl_->core.options.public_url;
    while (!public_url.empty() && public_url.back() == '/') public_url.pop_back();
    impl_->core.bound_url = base_url();
    impl_->core.Wire(public_url.empty() ? base_url() : public_url);
  }
  if (!server->Start()) return UnavailableError("cannot serve on " + base_url());
  impl_->server = std::move(server);
  return OkStatus();
}

void App::Stop() {
  if (!impl_ || !impl_->server) return;
  impl_->server->Stop();
  impl_->server.reset();
}

int App::port() const { return impl_->port; }

std::string App::base_url() const { return "http://" + impl_->core.options.host + ":" + std::to_string(impl_->port); }

Status App::SeedCompany(const std::string& name) {
  RETURN_IF_ERROR(Open());
  std::lock_guard<std::mutex> lock(impl_->core.mu);
  if (impl_->core.store.FirstCompany().ok()) return AlreadyExistsError("a company already exists");
  return impl_->core.store.CreateCompany(name).status();
}

Status App::SeedUser(const std::string& email, const std::string& password, const std::string& role,
                     const std::string& name) {
  if (role != "owner" && role != "admin" && role != "user") {
    return InvalidArgumentError("role must be owner, admin or user, not " + role);
  }
  if (email.empty() || password.empty()) return InvalidArgumentError("email and password are required");
  RETURN_IF_ERROR(Open());
  std::lock_guard<std::mutex> lock(impl_->core.mu);
  ASSIGN_OR_RETURN(store::Company company, impl_->core.store.FirstCompany());
  store::User user{0, company.id, email, name.empty() ? email : name, role, util::HashPassword(password, impl_->core.options.password_hash_iterations)};
  return impl_->core.store.CreateUser(user).status();
}

// Syncs take the store lock themselves (only around store calls): never hold it here.
void App::RunDueSyncs() {
  if (!Open().ok()) return;
  impl_->core.sync->RunDue(impl_->core.options.auto_sync_interval_ms);
  impl_->core.time_writer->FlushDue();  // time entries owed to Basecamp, with the syncs
}

StatusOr<store::Id> App::Impl::UserId(const std::string& email) {
  std::lock_guard<std::mutex> lock(core.mu);
  ASSIGN_OR_RETURN(store::User user, core.store.FindUserByEmail(email));
  return user.id;
}

StatusOr<SyncResult> App::SyncUser(const std::string& email) {
  RETURN_IF_ERROR(Open());
  ASSIGN_OR_RETURN(store::Id user_id, impl_->UserId(email));
  return impl_->core.sync->SyncUser(user_id);
}

StatusOr<std::vector<TimeEntryView>> App::Time(const std::string& email, const TimeRequest& request) {
  RETURN_IF_ERROR(Open());
  ASSIGN_OR_RETURN(store::Id user_id, impl_->UserId(email));
  return timetrack::RunTimeRequest(impl_->core, user_id, request);
}

StatusOr<std::string> App::Explain(const std::string& email, std::int64_t todo_id) {
  RETURN_IF_ERROR(Open());
  ASSIGN_OR_RETURN(store::Id user_id, impl_->UserId(email));
  return impl_->core.sync->Explain(user_id, todo_id);
}

}  // namespace bcsync

namespace bcsync {

std::string ErrorCatalogueMarkdown() { return errors::RenderMarkdown(); }

std::vector<CatalogueEntry> ErrorCatalogue() {
  std::vector<CatalogueEntry> out;
  for (const errors::ErrorInfo& e : errors::Catalogue())
    out.push_back({e.code, errors::IsWarning(e.code), e.title, e.message, e.help});
  return out;
}

const std::vector<IntegrationInfo>& KnownIntegrations() {
  static const std::vector<IntegrationInfo> kAll = {{"basecamp", "Basecamp"}};
  return kAll;
}

StatusOr<std::string> App::StatusText(const std::string& email) {
  RETURN_IF_ERROR(Open());
  std::lock_guard<std::mutex> lock(impl_->core.mu);
  return BuildStatusText(impl_->core, email);
}

StatusOr<std::string> App::SupportBundle(const std::string& email,
                                         const SupportBundleOptions& options) {
  RETURN_IF_ERROR(Open());
  std::lock_guard<std::mutex> lock(impl_->core.mu);
  ASSIGN_OR_RETURN(nlohmann::json bundle, support::BuildSupportBundle(impl_->core, email, options));
  return bundle.dump(1) + "\n";
}

}  // namespace bcsync
