// What a person does with time on a synced task, on the page, the JSON API or the CLI: start
// and stop a timer, add an entry by hand, edit or delete one. Every change queues the Basecamp
// operation it owes in the entry's outbox slot (time_store.h); TimeWriter sends it.
//
// Local rules: only an active synced task of the user takes time; one running timer per task;
// a stopped timer counts whole minutes, rounded up, at least 1 (Basecamp refuses 0 hours) and
// dated the UTC day it started; a manual entry needs a real date and 1 minute to 24 hours.
// An edit of an entry Basecamp already has becomes an update (PUT); of one it refused, a new
// create. A deletion of an entry Basecamp has becomes a DELETE; of one it never got, nothing.
//
// Callers hold the store lock (AppCore::mu). Errors are InvalidArgument/NotFound/
// FailedPrecondition with a message a person can act on.
#pragma once

#include <optional>
#include <string>

#include "bcsync/clock.h"
#include "store/store.h"
#include "timetrack/time_store.h"

namespace bcsync::timetrack {

struct EntryEdit {
  std::optional<std::string> date;
  std::optional<int> minutes;
  std::optional<std::string> description;
};

class TimeService {
 public:
  TimeService(store::Store* store, const Clock* clock) : store_(store), clock_(clock), entries_(&store->db()) {}

  StatusOr<TimeEntry> StartTimer(Id user_id, Id todo_id, const std::string& description);
  StatusOr<TimeEntry> StopTimer(Id user_id, Id todo_id);
  StatusOr<TimeEntry> AddEntry(Id user_id, Id todo_id, const std::string& date, int minutes,
                               const std::string& description);
  StatusOr<TimeEntry> EditEntry(Id user_id, Id entry_id, const EntryEdit& edit);
  StatusOr<TimeEntry> DeleteEntry(Id user_id, Id entry_id);
  // The user's active task with this Basecamp id.
  StatusOr<store::Task> TaskOf(Id user_id, Id todo_id);
  TimeStore& entries() { return entries_; }

 private:
  StatusOr<TimeEntry> OwnEntry(Id user_id, Id entry_id);
  TimeEntry NewEntry(Id user_id, const store::Task& task, const std::string& description);

  store::Store* store_;
  const Clock* clock_;
  TimeStore entries_;
};

}  // namespace bcsync::timetrack
