#include "timetrack/time_service.h"

#include "util/macros.h"

namespace bcsync::timetrack {
namespace {

constexpr int kMaxMinutes = 24 * 60;
constexpr std::size_t kMaxDescription = 1000;

Status CheckDescription(const std::string& d) {
  if (d.size() > kMaxDescription) {
    return InvalidArgumentError("description: at most " + std::to_string(kMaxDescription) + " characters, found " +
                                std::to_string(d.size()));
  }
  return OkStatus();
}

// The entry owes Basecamp its current fields: a create until Basecamp has it, else an update.
void Queue(TimeEntry& e) {
  e.outbox = e.remote_id != 0 ? "update" : "create";
  e.state = "pending";
  e.error_code.clear();
  e.next_attempt_at = 0;
}

}  // namespace

StatusOr<store::Task> TimeService::TaskOf(Id user_id, Id todo_id) {
  ASSIGN_OR_RETURN(std::vector<store::Task> tasks, store_->ListTasks(user_id));
  for (const store::Task& t : tasks) {
    if (t.basecamp_id == todo_id && t.status == "active") return t;
  }
  return NotFoundError("no active task with Basecamp id " + std::to_string(todo_id) +
                       " (sync first; time goes on your active synced tasks only)");
}

TimeEntry TimeService::NewEntry(Id user_id, const store::Task& task, const std::string& description) {
  TimeEntry e;
  e.user_id = user_id;
  e.account_id = task.account_id;
  e.todo_id = task.basecamp_id;
  e.marker = NewMarker();
  StatusOr<store::PersonalIntegration> p = store_->GetPersonal(user_id);
  if (p.ok()) e.person_id = p->person_id;  // 0: resolved when it is written
  e.description = description;
  e.created_at = e.updated_at = clock_->NowMs();
  return e;
}

StatusOr<TimeEntry> TimeService::StartTimer(Id user_id, Id todo_id, const std::string& description) {
  RETURN_IF_ERROR(CheckDescription(description));
  ASSIGN_OR_RETURN(store::Task task, TaskOf(user_id, todo_id));
  ASSIGN_OR_RETURN(std::optional<TimeEntry> running, entries_.RunningTimer(user_id, todo_id));
  if (running) return FailedPreconditionError("a timer is already running on \"" + task.title + "\"; stop it first");
  TimeEntry e = NewEntry(user_id, task, description);
  e.timer_started_at = clock_->NowMs();
  e.date = DateOf(e.timer_started_at);
  e.state = "running";
  ASSIGN_OR_RETURN(e.id, entries_.Insert(e));
  return e;
}

StatusOr<TimeEntry> TimeService::StopTimer(Id user_id, Id todo_id) {
  ASSIGN_OR_RETURN(std::optional<TimeEntry> running, entries_.RunningTimer(user_id, todo_id));
  if (!running) return FailedPreconditionError("no timer is running on this task");
  TimeEntry e = *running;
  const Millis elapsed = clock_->NowMs() - e.timer_started_at;
  long minutes = static_cast<long>((elapsed + 59'999) / 60'000);  // whole minutes, rounded up
  if (minutes < 1) minutes = 1;
  if (minutes > kMaxMinutes) minutes = kMaxMinutes;  // Basecamp takes at most 24 hours per entry
  e.minutes = static_cast<int>(minutes);
  e.timer_started_at = 0;
  e.updated_at = clock_->NowMs();
  Queue(e);
  RETURN_IF_ERROR(entries_.Update(e));
  return e;
}

StatusOr<TimeEntry> TimeService::AddEntry(Id user_id, Id todo_id, const std::string& date, int minutes,
                                          const std::string& description) {
  if (!IsDate(date)) return InvalidArgumentError("date: expected a calendar date YYYY-MM-DD, found \"" + date + "\"");
  if (minutes < 1 || minutes > kMaxMinutes) {
    return InvalidArgumentError("duration: expected 1 minute to 24 hours (like 1h30m, 90m or 1:30), found " +
                                std::to_string(minutes) + " minutes");
  }
  RETURN_IF_ERROR(CheckDescription(description));
  ASSIGN_OR_RETURN(store::Task task, TaskOf(user_id, todo_id));
  TimeEntry e = NewEntry(user_id, task, description);
  e.date = date;
  e.minutes = minutes;
  Queue(e);
  ASSIGN_OR_RETURN(e.id, entries_.Insert(e));
  return e;
}

StatusOr<TimeEntry> TimeService::OwnEntry(Id user_id, Id entry_id) {
  StatusOr<TimeEntry> e = entries_.Get(entry_id);
  if (!e.ok() || e->user_id != user_id) return NotFoundError("no time entry " + std::to_string(entry_id) + " of yours");
  return e;
}

StatusOr<TimeEntry> TimeService::EditEntry(Id user_id, Id entry_id, const EntryEdit& edit) {
  ASSIGN_OR_RETURN(TimeEntry e, OwnEntry(user_id, entry_id));
  if (e.deleted) return FailedPreconditionError("this entry was deleted");
  if (e.state == "running") return FailedPreconditionError("stop the timer before editing the entry");
  if (edit.date && !IsDate(*edit.date))
    return InvalidArgumentError("date: expected a calendar date YYYY-MM-DD, found \"" + *edit.date + "\"");
  if (edit.minutes && (*edit.minutes < 1 || *edit.minutes > kMaxMinutes))
    return InvalidArgumentError("duration: expected 1 minute to 24 hours, found " + std::to_string(*edit.minutes) +
                                " minutes");
  if (edit.description) RETURN_IF_ERROR(CheckDescription(*edit.description));
  if (edit.date) e.date = *edit.date;
  if (edit.minutes) e.minutes = *edit.minutes;
  if (edit.description) e.description = *edit.description;
  e.updated_at = clock_->NowMs();
  Queue(e);
  RETURN_IF_ERROR(entries_.Update(e));
  return e;
}

StatusOr<TimeEntry> TimeService::DeleteEntry(Id user_id, Id entry_id) {
  ASSIGN_OR_RETURN(TimeEntry e, OwnEntry(user_id, entry_id));
  if (e.deleted) return e;
  e.deleted = true;
  e.updated_at = clock_->NowMs();
  e.timer_started_at = 0;
  e.error_code.clear();
  e.next_attempt_at = 0;
  if (e.remote_id != 0) {
    e.outbox = "delete";
    e.state = "pending";
  } else if (e.in_flight) {
    e.outbox = "create";  // Basecamp may have it: the writer reads it back, then deletes it
    e.state = "pending";
  } else {
    e.outbox.clear();
    e.state = "deleted";
  }
  RETURN_IF_ERROR(entries_.Update(e));
  return e;
}

}  // namespace bcsync::timetrack
