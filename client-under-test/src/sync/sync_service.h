// Runs syncs: one user's forced sync, the automatic syncs that are due, and the explainer.
//
// A sync checks the company and personal switches (no network when off or broken), gets a
// fresh token (refresh 5 minutes before expiry and once on a 401; a permanent refresh failure
// sets the personal integration to needs_reconnect with its code and stops further calls until
// the user reconnects), fetches the assigned to-dos (sync/assigned_fetch.h), asks Basecamp why
// each vanished task vanished, then writes the new task list and the run in ONE transaction. A
// run that fails half way changes no tasks and records the failed run with its code.
//
// Ownership: borrows everything. Not thread safe: App serialises calls.
#pragma once

#include <cstdint>
#include <string>

#include "basecamp/api_client.h"
#include "bcsync/app.h"
#include "oauth/launchpad_client.h"
#include "store/store.h"

namespace bcsync::sync {

class SyncService {
 public:
  SyncService(store::Store* store, oauth::LaunchpadClient* launchpad, basecamp::ApiDeps api_deps);

  // The forced sync. Always records a run; returns its outcome.
  SyncResult SyncUser(store::Id user_id);
  // Automatic syncs: every user whose personal integration is on and whose last automatic
  // sync (or connection) is at least interval_ms ago.
  void RunDue(Millis interval_ms);
  // Why a Basecamp to-do is or is not among the user's tasks (fetches it live).
  StatusOr<std::string> Explain(store::Id user_id, std::int64_t todo_id);

 private:
  Status Run(const store::User& user, store::PersonalIntegration& p, store::SyncRun& run, SyncResult& result);

  store::Store* store_;
  oauth::LaunchpadClient* launchpad_;
  basecamp::ApiDeps deps_;
};

}  // namespace bcsync::sync
