// Runs syncs: one user's forced sync, the automatic syncs that are due, and the explainer.
//
// A sync checks the company and personal switches (no network when off or broken), gets a
// fresh token (refresh 5 minutes before expiry and once on a 401; a permanent refresh failure
// sets the personal integration to needs_reconnect with its code and stops further calls until
// the user reconnects), fetches the assigned to-dos (sync/assigned_fetch.h), asks Basecamp why
// each vanished task vanished, then writes the new task list and the run in ONE transaction. A
// run that fails half way changes no tasks and records the failed run with its code.
//
// Locking: the store lock (`store_mu`, App's AppCore::mu; nullptr when the caller serialises
// all store use, as unit tests do) is taken only around store calls, never while Basecamp is
// being asked, so other users' pages stay responsive during a long sync. Runs of one user are
// serialised (a per-user mutex); runs of different users may overlap. Because the integration
// can change while a run is away (turned off, reconnected), token saves are compare-and-set
// and the final commit re-checks the stored integration in the same transaction; a run that
// finds it changed commits nothing and records BC_SYNC_SUPERSEDED. Every request a run sends
// (retries and token refreshes included) is kept with the run (SyncRun::request_log_json).
//
// Ownership: borrows everything. Thread safe when store_mu is given.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <vector>
#include <string>

#include "basecamp/api_client.h"
#include "bcsync/app.h"
#include "oauth/launchpad_client.h"
#include "store/store.h"

namespace bcsync::sync {

class RequestLog;

class SyncService {
 public:
  SyncService(store::Store* store, oauth::LaunchpadClient* launchpad, basecamp::ApiDeps api_deps,
              std::mutex* store_mu = nullptr);

  // The forced sync. Always records a run; returns its outcome.
  SyncResult SyncUser(store::Id user_id);
  // Automatic syncs: every user whose personal integration is on and whose last automatic
  // sync (or connection) is at least interval_ms ago.
  void RunDue(Millis interval_ms);
  // Webhooks (sync/webhooks.h): after each successful sync, the projects of the user's active
  // tasks get a bcsync webhook pointing at `receiver_base` ("" = off, the default).
  void EnableWebhooks(std::string receiver_base);
  // A delivery asked for these users to be synced: the next RunDue syncs them whatever the
  // interval says.
  void RequestSync(const std::vector<store::Id>& users);
  // Why a Basecamp to-do is or is not among the user's tasks (fetches it live).
  StatusOr<std::string> Explain(store::Id user_id, std::int64_t todo_id);

 private:
  // deps/launchpad: this run's, whose transport is its RequestLog (sync/request_log.h).
  Status Run(const store::User& user, store::PersonalIntegration& p, store::SyncRun& run,
             SyncResult& result, const basecamp::ApiDeps& deps,
             oauth::LaunchpadClient* launchpad, const RequestLog& log);
  std::unique_lock<std::mutex> LockStore() const;
  std::shared_ptr<std::mutex> UserMutex(store::Id user_id);

  store::Store* store_;
  oauth::LaunchpadClient* launchpad_;
  basecamp::ApiDeps deps_;
  std::mutex* store_mu_;
  std::string webhook_receiver_;  // set before serving (Wire)
  std::mutex requested_mu_;
  std::set<store::Id> requested_;  // guarded by requested_mu_
  std::mutex user_locks_mu_;
  std::map<store::Id, std::shared_ptr<std::mutex>> user_locks_;
};

}  // namespace bcsync::sync
