// Time entries and their write-back outbox, in the store's SQLite database (migration 4,
// table time_entries). An entry is what a person tracked on one synced task: a running timer,
// or minutes on a date with a description. Each entry carries its own outbox slot: the one
// Basecamp operation still owed for it ("create", "update", "delete" or "" when Basecamp
// already agrees), and `in_flight`, set and committed BEFORE a create (POST) is sent and
// cleared only once its outcome is known. An entry found in flight (after a dropped
// connection, a truncated answer or a crash) must be matched against the to-do's timesheet
// before any new POST (timetrack/time_writer.h).
//
// Callers hold the store lock (AppCore::mu). Entries are never removed: a deletion is kept as
// state "deleted", and a failed write keeps the entry with its catalogue code.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "bcsync/status.h"
#include "store/db.h"
#include "store/types.h"

namespace bcsync::timetrack {

using store::Id;

// state: running (timer on) | pending (an operation is owed) | written (Basecamp agrees) |
// failed (Basecamp refused; error_code says why) | deleted.
struct TimeEntry {
  Id id = 0;
  Id user_id = 0;
  Id account_id = 0;
  Id todo_id = 0;          // the Basecamp to-do (a synced task's basecamp_id)
  std::string marker;      // "bcsync:<16 hex>", unique per entry: the match key's anchor
  Id person_id = 0;        // the Basecamp person the time is logged for
  std::string date;        // YYYY-MM-DD
  int minutes = 0;
  std::string description; // what the person typed (without the marker)
  Millis timer_started_at = 0;  // > 0 while the timer runs
  std::string state = "pending";
  std::string error_code;  // a catalogue code when failed (or the last transient failure)
  Id remote_id = 0;        // the Basecamp timesheet entry, once known
  std::string outbox;      // "" | create | update | delete
  bool in_flight = false;  // a POST may have reached Basecamp; its outcome is unknown
  std::string sent_json;   // the body of that POST (what the read-back must match)
  int attempts = 0;
  Millis next_attempt_at = 0;
  bool deleted = false;
  Millis created_at = 0;
  Millis updated_at = 0;
};

class TimeStore {
 public:
  explicit TimeStore(store::Db* db) : db_(db) {}

  StatusOr<Id> Insert(const TimeEntry& entry);  // id is assigned
  Status Update(const TimeEntry& entry);        // every column, by id
  StatusOr<TimeEntry> Get(Id id);
  // The user's entries, newest first; todo_id 0 = every to-do. Deleted ones included.
  StatusOr<std::vector<TimeEntry>> List(Id user_id, Id todo_id = 0);
  // The user's running timer on that to-do, if any.
  StatusOr<std::optional<TimeEntry>> RunningTimer(Id user_id, Id todo_id);
  // Entries owing Basecamp an operation whose next attempt is due at `now` (every one when
  // now < 0), oldest first; user_id 0 = every user.
  StatusOr<std::vector<TimeEntry>> Due(Id user_id, Millis now);
  // Users with an operation owed (for the automatic flush).
  StatusOr<std::vector<Id>> UsersWithOutbox();

 private:
  store::Db* db_;
};

// A fresh random marker ("bcsync:" + 16 hex characters).
std::string NewMarker();
// "YYYY-MM-DD" of an epoch-millisecond time in UTC.
std::string DateOf(Millis ms);
// "1h30m" / "90m" / "1:30" / "1.5h" / "45" (minutes) -> minutes in [1, 1440]; nullopt otherwise.
std::optional<int> ParseDuration(const std::string& text);
// Minutes as Basecamp's hours text "H:MM" (exact, accepted by the API).
std::string HoursText(int minutes);
// Minutes shown to a person: "1h 30m".
std::string ShowMinutes(int minutes);
// True for a real calendar date YYYY-MM-DD.
bool IsDate(const std::string& text);

}  // namespace bcsync::timetrack
