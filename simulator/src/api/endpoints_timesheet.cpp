// Timesheet entries: create on a to-do, list per recording, per project and account-wide
// (reports/timesheet.json), get, update, delete (api-facts.md §3.10).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "api/handlers.h"
#include "bcsim/world_loader.h"

namespace bcsim::api {
namespace {

// "1.5", "2", "1:30" or a JSON number -> minutes; nullopt when malformed or not in (0, 24h].
std::optional<long> ParseHours(const nlohmann::json& value) {
  double hours = -1;
  if (value.is_number()) {
    hours = value.get<double>();
  } else if (value.is_string()) {
    const std::string s = value.get<std::string>();
    const std::size_t colon = s.find(':');
    auto all_digits = [](const std::string& t, bool allow_dot) {
      if (t.empty()) return false;
      int dots = 0;
      for (char ch : t) {
        if (ch == '.' && allow_dot) ++dots;
        else if (ch < '0' || ch > '9') return false;
      }
      return dots <= 1 && t != ".";
    };
    if (colon != std::string::npos) {
      const std::string h = s.substr(0, colon), m = s.substr(colon + 1);
      if (!all_digits(h, false) || !all_digits(m, false) || h.size() > 2 || m.size() != 2) return std::nullopt;
      const int minutes = std::stoi(m);
      if (minutes > 59) return std::nullopt;
      hours = std::stoi(h) + minutes / 60.0;
    } else {
      if (!all_digits(s, true) || s.size() > 8) return std::nullopt;
      hours = std::stod(s);
    }
  } else {
    return std::nullopt;
  }
  if (!(hours > 0) || hours > 24) return std::nullopt;
  return std::lround(hours * 60);
}

std::string HoursText(long minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", static_cast<double>(minutes) / 60.0);
  std::string s = buf;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s;
}

// Applies the fields of `body` to `e` (all of them required when `create`). An error response
// when a field is invalid; `e` is then unchanged.
std::optional<ApiResponse> ApplyEntryFields(Ctx& c, const Project& project,
                                            const nlohmann::json& body, bool create,
                                            TimesheetEntry& e) {
  TimesheetEntry next = e;
  if (create || body.contains("date")) {
    const nlohmann::json date = body.value("date", nlohmann::json());
    if (!date.is_string() || !IsValidDate(date.get<std::string>())) {
      return Error(422, "Date is missing or not a date (YYYY-MM-DD)");
    }
    next.date = date.get<std::string>();
  }
  if (create || body.contains("hours")) {
    const std::optional<long> minutes = ParseHours(body.value("hours", nlohmann::json()));
    if (!minutes || *minutes <= 0) {
      return Error(422, "Hours must be a number of hours like 1.5 or 1:30, above 0 and at most 24");
    }
    next.hours = HoursText(*minutes);
  }
  if (body.contains("person_id") && !body["person_id"].is_null()) {
    const nlohmann::json& pid = body["person_id"];
    std::optional<Id> id = pid.is_number_integer() ? std::optional<Id>(pid.get<Id>())
                           : pid.is_string()       ? ParseId(pid.get<std::string>())
                                                   : std::nullopt;
    const auto& by_id = c.world.index.person_by_id[c.account_index];
    auto it = id ? by_id.find(*id) : by_id.end();
    if (it == by_id.end()) return Error(422, "Person is not a member of this project");
    next.person = c.account.people[it->second].key;
  } else if (create) {
    next.person = c.me.key;
  }
  const auto& by_key = c.world.index.person_by_key[c.account_index];
  auto person = by_key.find(next.person);
  if (person == by_key.end() || !IsMember(project, next.person) ||
      c.account.people[person->second].client) {
    return Error(422, "Person is not a member of this project who can log time");
  }
  if (body.contains("description")) {
    const nlohmann::json& d = body["description"];
    if (!d.is_string() && !d.is_null()) return Error(422, "Description must be text");
    next.description = d.is_string() ? d.get<std::string>() : "";
  }
  e = std::move(next);
  return std::nullopt;
}

// The entry as the API shows it; its parent is the to-do it was logged on (an entry whose to-do
// is gone is not shown).
std::optional<nlohmann::json> RenderEntry(Ctx& c, const RecordingRef& r) {
  std::optional<RecordingRef> todo = FindRecording(c.world, r.entry->recording);
  if (!todo || todo->todo == nullptr) return std::nullopt;
  return RenderTimesheetEntry(c.rc, *r.project, *todo->holder(), *todo->todo, *r.entry);
}

bool CanChangeEntry(const Ctx& c, const TimesheetEntry& e) {
  return c.me.admin || c.me.owner || c.me.key == e.creator || c.me.key == e.person;
}

// Entries of the visible projects, filtered; the report's and the per-project/recording lists.
template <typename Keep>
ApiResponse EntryList(Ctx& c, Keep keep) {
  std::vector<Id> ids;
  for (const Project& p : c.account.projects) {
    if (!IsMember(p, c.me.key)) continue;
    for (const TimesheetEntry& e : p.timesheet_entries) {
      if (keep(p, e)) ids.push_back(e.id);
    }
  }
  nlohmann::json out = nlohmann::json::array();
  for (Id id : ids) {
    if (std::optional<nlohmann::json> e = RenderEntry(c, *FindRecording(c.world, id))) {
      out.push_back(std::move(*e));
    }
  }
  return Json200(out);
}

}  // namespace

ApiResponse PostTimesheetEntry(Ctx& c, const std::string& recording_id) {
  const std::optional<Id> rid = ParseId(recording_id);
  std::optional<Found> f = rid ? FindTodo(c, *rid) : std::nullopt;
  if (!f) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  Project& project = *f->project;
  if (!project.timesheet_enabled) {
    return Error(422, "The timesheet is not enabled for this project");
  }
  TimesheetEntry entry;
  if (auto error = ApplyEntryFields(c, project, *body, /*create=*/true, entry)) return *error;
  entry.recording = f->todo->id;
  const Id id = AddTimesheetEntry(c.world, project, std::move(entry), c.me.key, c.req.now);
  return Created(*RenderEntry(c, *FindRecording(c.world, id)));
}

ApiResponse GetRecordingTimesheet(Ctx& c, const std::string& recording_id) {
  std::optional<RecordingRef> r = FindVisible(c, recording_id);
  if (!r) return NotFound();
  const Id id = r->id;
  const Project* project = r->project;
  return EntryList(c, [&](const Project& p, const TimesheetEntry& e) {
    return &p == project && e.recording == id;
  });
}

ApiResponse GetProjectTimesheet(Ctx& c, const std::string& project_id) {
  const std::optional<Id> pid = ParseId(project_id);
  const Project* project = pid ? FindProject(c, *pid) : nullptr;
  if (project == nullptr) return NotFound();
  return EntryList(c, [&](const Project& p, const TimesheetEntry&) { return &p == project; });
}

// ?start_date&end_date (YYYY-MM-DD, inclusive), ?person_id, ?bucket_id; not paginated.
ApiResponse GetTimesheetReport(Ctx& c) {
  const std::string start = Param(c.req, "start_date"), end = Param(c.req, "end_date");
  if ((!start.empty() && !IsValidDate(start)) || (!end.empty() && !IsValidDate(end))) {
    return Error(400, "start_date and end_date must be dates (YYYY-MM-DD)");
  }
  const std::optional<Id> person = ParseId(Param(c.req, "person_id"));
  const std::optional<Id> bucket = ParseId(Param(c.req, "bucket_id"));
  const auto& by_key = c.world.index.person_by_key[c.account_index];
  return EntryList(c, [&](const Project& p, const TimesheetEntry& e) {
    if (bucket && p.id != *bucket) return false;
    if (!start.empty() && e.date < start) return false;
    if (!end.empty() && e.date > end) return false;
    if (person) {
      auto it = by_key.find(e.person);
      if (it == by_key.end() || c.account.people[it->second].id != *person) return false;
    }
    return true;
  });
}

ApiResponse GetTimesheetEntry(Ctx& c, const std::string& entry_id) {
  std::optional<RecordingRef> r = FindVisible(c, entry_id);
  if (!r || r->entry == nullptr) return NotFound();
  std::optional<nlohmann::json> body = RenderEntry(c, *r);
  return body ? Json200(*body) : NotFound();
}

ApiResponse PutTimesheetEntry(Ctx& c, const std::string& entry_id) {
  std::optional<RecordingRef> r = FindVisible(c, entry_id);
  if (!r || r->entry == nullptr) return NotFound();
  std::optional<nlohmann::json> body = BodyObject(c.req);
  if (!body) return Error(400, "The request body must be a JSON object");
  if (!CanChangeEntry(c, *r->entry)) return Forbidden();
  if (auto error = ApplyEntryFields(c, *r->project, *body, /*create=*/false, *r->entry)) {
    return *error;
  }
  r->entry->updated_at = c.req.now;
  RecordEvent(*r->project, c.world, r->id, "updated", c.me.key, c.req.now);
  return Json200(*RenderEntry(c, *r));
}

ApiResponse DeleteTimesheetEntry(Ctx& c, const std::string& entry_id) {
  std::optional<RecordingRef> r = FindVisible(c, entry_id);
  if (!r || r->entry == nullptr) return NotFound();
  if (!CanChangeEntry(c, *r->entry)) return Forbidden();
  std::vector<TimesheetEntry>& entries = r->project->timesheet_entries;
  const Id id = r->id;
  Project& project = *r->project;
  entries.erase(entries.begin() + (r->entry - entries.data()));
  IndexWorld(c.world);
  RecordEvent(project, c.world, id, "deleted", c.me.key, c.req.now);
  return NoContent();
}

}  // namespace bcsim::api
