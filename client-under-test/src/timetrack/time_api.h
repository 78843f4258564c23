// The one entry point for time actions (App::Time, the CLI, /api/time and the time page): the
// local change under the store lock, then the write-back of what it owes without the lock.
#pragma once

#include <vector>

#include "app_core.h"
#include "bcsync/app.h"

namespace bcsync::timetrack {

// Runs `request` for the user; answers the user's entries (newest first) afterwards.
StatusOr<std::vector<TimeEntryView>> RunTimeRequest(AppCore& core, store::Id user_id, const TimeRequest& request);
// The user's entries as shown (the caller holds core.mu); todo_id 0 = every task.
StatusOr<std::vector<TimeEntryView>> EntryViews(AppCore& core, store::Id user_id, store::Id todo_id = 0);

}  // namespace bcsync::timetrack
