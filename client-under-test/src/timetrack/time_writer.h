// Writes time entries back to Basecamp as timesheet entries on their to-dos, exactly once.
//
// The outbox is the entry itself (time_store.h): `outbox` names the operation owed, and a
// create is marked `in_flight` (committed) before its POST leaves. A POST is never blindly
// retried (behavior-model.json: CreateTimesheetEntry is not idempotent): whenever its outcome
// is unknown (no response, a dropped connection, a truncated or unreadable 2xx, a 5xx other
// than 503, or bcsync died between sending and recording), the next attempt first reads the
// to-do's timesheet back (GET recordings/{id}/timesheet.json, every page) and adopts the entry
// it finds; only when none matches is the POST sent again.
//
// The match key: the description holds the entry's marker "[bcsync:<16 random hex>]", and
// the remote entry's date, hours (to the minute) and person id equal those of the body that
// was sent (`sent_json`). The random marker makes the match unique; date/hours/person make a
// copied description in another entry fail to match.
//
// 429 and 503 are "not processed" answers (the model retries CreateTimesheetEntry on them):
// up to RetryPolicy::max_attempts sends, waiting Retry-After (when positive) or the doubling
// backoff through the Sleeper, each attempt through basecamp::SendWithRetry (the throttle).
// Still refused: the entry stays pending (code BC_RATE_LIMITED / BC_UNAVAILABLE) and is tried
// again from `next_attempt_at`. 401: one token refresh and one replay. 422 / 403 / 404 / 507
// end the entry as failed with BC_TIME_REJECTED / BC_TIME_FORBIDDEN / BC_TIME_TODO_GONE /
// BC_TIME_PLAN_LIMIT (kept locally; an edit sends it again). PUT (idempotent) and DELETE are
// simply repeated after a failure; a DELETE answered 404 means it is already gone.
//
// Locking as SyncService: the store lock only around store calls, never while Basecamp is
// asked; flushes of one user are serialised. Borrows everything; thread safe.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "basecamp/api_client.h"
#include "oauth/launchpad_client.h"
#include "store/store.h"
#include "timetrack/time_store.h"

namespace bcsync::timetrack {

struct FlushResult {
  int written = 0;  // entries Basecamp now agrees with
  int failed = 0;   // refused with a catalogue code
  int pending = 0;  // still owed (a transient failure)
  int deleted = 0;
  int requests = 0;
  bool crashed = false;  // stopped by the test hook (see set_crash_after_send)
};

// The match key: true when `remote` (a timesheet entry as Basecamp shows it) is the one
// created by `sent` (the body bcsync POSTed) for the entry with this marker.
bool MatchesSent(const nlohmann::json& remote, const std::string& marker, const nlohmann::json& sent);

class TimeWriter {
 public:
  TimeWriter(store::Store* store, oauth::LaunchpadClient* launchpad, basecamp::ApiDeps deps,
             std::mutex* store_mu = nullptr);

  // Sends what the user's entries owe; force: also those waiting for their next attempt.
  FlushResult Flush(Id user_id, bool force = false);
  // Every user's due entries (the automatic write-back, run with the automatic syncs).
  void FlushDue();
  // Testing only: after the next POST is sent (whatever came back), stop as if the process
  // died before recording its outcome. The entry stays in flight, as a crash would leave it.
  void set_crash_after_send(bool on) { crash_after_send_ = on; }

 private:
  std::shared_ptr<std::mutex> UserMutex(Id user_id);

  store::Store* store_;
  oauth::LaunchpadClient* launchpad_;
  basecamp::ApiDeps deps_;
  std::mutex* store_mu_;
  bool crash_after_send_ = false;
  std::mutex user_locks_mu_;
  std::map<Id, std::shared_ptr<std::mutex>> user_locks_;
};

}  // namespace bcsync::timetrack
