#include "timetrack/time_api.h"

#include <map>

#include "errors/catalogue.h"
#include "util/macros.h"

namespace bcsync::timetrack {

StatusOr<std::vector<TimeEntryView>> EntryViews(AppCore& core, store::Id user_id, store::Id todo_id) {
  ASSIGN_OR_RETURN(std::vector<TimeEntry> entries, core.time->entries().List(user_id, todo_id));
  ASSIGN_OR_RETURN(std::vector<store::Task> tasks, core.store.ListTasks(user_id));
  std::map<store::Id, std::string> titles;
  for (const store::Task& t : tasks) titles[t.basecamp_id] = t.title;
  std::vector<TimeEntryView> out;
  for (const TimeEntry& e : entries) {
    TimeEntryView v;
    v.id = e.id;
    v.todo_id = e.todo_id;
    v.task = titles.count(e.todo_id) ? titles[e.todo_id] : "to-do " + std::to_string(e.todo_id);
    v.date = e.date;
    v.minutes = e.state == "running" ? 0 : e.minutes;
    v.description = e.description;
    v.state = e.state;
    v.code = e.error_code;
    if (!e.error_code.empty()) v.message = errors::Lookup(e.error_code).message;
    v.remote_id = e.remote_id;
    out.push_back(std::move(v));
  }
  return out;
}

StatusOr<std::vector<TimeEntryView>> RunTimeRequest(AppCore& core, store::Id user_id, const TimeRequest& r) {
  bool write = true;
  {
    std::lock_guard<std::mutex> lock(core.mu);
    TimeService& time = *core.time;
    auto minutes = [&]() -> StatusOr<int> {
      std::optional<int> m = ParseDuration(r.duration);
      if (!m) {
        return InvalidArgumentError("duration: expected 1 minute to 24 hours like 1h30m, 90m or 1:30, found \"" +
                                    r.duration + "\"");
      }
      return *m;
    };
    Status done = OkStatus();
    if (r.action == "start") {
      done = time.StartTimer(user_id, r.todo_id, r.description.value_or("")).status();
      write = false;
    } else if (r.action == "stop") {
      done = time.StopTimer(user_id, r.todo_id).status();
    } else if (r.action == "add") {
      ASSIGN_OR_RETURN(int m, minutes());
      done = time.AddEntry(user_id, r.todo_id, r.date, m, r.description.value_or("")).status();
    } else if (r.action == "edit") {
      EntryEdit edit;
      if (!r.date.empty()) edit.date = r.date;
      if (!r.duration.empty()) {
        ASSIGN_OR_RETURN(int m, minutes());
        edit.minutes = m;
      }
      edit.description = r.description;
      done = time.EditEntry(user_id, r.entry_id, edit).status();
    } else if (r.action == "delete") {
      done = time.DeleteEntry(user_id, r.entry_id).status();
    } else if (r.action == "list") {
      write = false;
    } else if (r.action != "write") {
      return InvalidArgumentError("time action: expected start, stop, add, edit, delete, list or write, found \"" +
                                  r.action + "\"");
    }
    RETURN_IF_ERROR(done);
  }
  // The write-back takes the store lock only around its store calls.
  if (write) (void)core.time_writer->Flush(user_id, /*force=*/r.action == "write");
  std::lock_guard<std::mutex> lock(core.mu);
  return EntryViews(core, user_id, 0);
}

}  // namespace bcsync::timetrack
