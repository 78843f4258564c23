// The wiring App owns: options, clock/sleeper, the store, the transport, the shared throttle
// and the services. Internal to bcsync (the dashboard and the CLI use it through App).
//
// Thread safety: `mu` is the store lock: it serialises every use of the store and of the
// integration service (web handlers, CLI calls). Syncs (sync::SyncService) and the OAuth
// callback (IntegrationService::HandleCallback) take it only around their store calls, never
// while waiting for Basecamp, so a long sync does not block other users' pages; never call
// SyncService::SyncUser/RunDue/Explain or HandleCallback while holding `mu`.
// The throttle and transport are thread safe on their own. `Wire` runs before serving only.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "basecamp/api_client.h"
#include "basecamp/retry.h"
#include "basecamp/transport.h"
#include "bcsync/app.h"
#include "oauth/launchpad_client.h"
#include "rules/integration_service.h"
#include "store/store.h"
#include "sync/sync_service.h"
#include "sync/webhooks.h"
#include "timetrack/time_service.h"
#include "timetrack/time_writer.h"
#include "web/login_throttle.h"

namespace bcsync {

struct AppCore {
  AppOptions options;
  const Clock* clock = nullptr;
  Sleeper* sleeper = nullptr;
  basecamp::HttpTransport* transport = nullptr;  // borrowed

  std::mutex mu;
  store::Store store;
  basecamp::Throttle throttle{50, 10'000};  // Basecamp: 50 requests per 10 s per IP
  std::string public_url;                   // where browsers reach us
  std::string bound_url;                    // "http://HOST:PORT" we listen on ("" before Start)
  std::unique_ptr<oauth::LaunchpadClient> launchpad;
  std::unique_ptr<rules::IntegrationService> integrations;
  std::unique_ptr<sync::SyncService> sync;
  std::unique_ptr<timetrack::TimeService> time;       // local time entries (under mu)
  std::unique_ptr<timetrack::TimeWriter> time_writer; // their write-back (takes mu itself)
  web::LoginThrottle login_throttle;  // guarded by mu
  // A hash of a random password with the current iteration count: a log-in for an unknown
  // email is checked against it, so it costs what a known one does (no enumeration by time).
  std::string dummy_password_hash;

  // (Re)builds the services for this public URL (the OAuth redirect URI depends on it).
  void Wire(const std::string& public_origin) {
    public_url = public_origin;
    basecamp::ApiDeps deps;
    deps.transport = transport;
    deps.throttle = &throttle;
    deps.clock = clock;
    deps.sleeper = sleeper;
    deps.user_agent = options.user_agent;
    deps.basecamp_url = options.basecamp_url;
    launchpad = std::make_unique<oauth::LaunchpadClient>(
        deps, oauth::OAuthConfig{options.client_id, options.client_secret,
                                 public_url + "/oauth/basecamp/callback"});
    integrations =
        std::make_unique<rules::IntegrationService>(&store, launchpad.get(), clock, options.account_mode, &mu);
    sync = std::make_unique<sync::SyncService>(&store, launchpad.get(), deps, &mu);
    if (options.webhooks) sync->EnableWebhooks(public_url + sync::kWebhookPath);
    time = std::make_unique<timetrack::TimeService>(&store, clock);
    time_writer = std::make_unique<timetrack::TimeWriter>(&store, launchpad.get(), deps, &mu);
    time_writer->set_crash_after_send(options.crash_after_timesheet_send);
  }
};

// The `bcsync status` report for one user (or every user when email is ""); no secrets.
// The caller holds core.mu. Defined in status_text.cpp.
std::string BuildStatusText(AppCore& core, const std::string& email);

}  // namespace bcsync
