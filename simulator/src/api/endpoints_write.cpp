// Writes: completion (POST/DELETE todos/{id}/completion.json) and timesheet entries.
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

}  // namespace

ApiResponse SetCompletion(Ctx& c, const std::string& todo_id, bool completed) {
  const std::optional<Id> tid = ParseId(todo_id);
  std::optional<Found> f = tid ? FindTodo(c, *tid) : std::nullopt;
  if (!f) return NotFound();
  Todo& t = *f->todo;
  if (t.completed != completed) {
    t.completed = completed;
    t.completed_at = completed ? std::optional<Millis>(c.req.now) : std::nullopt;
    t.completed_by = completed ? c.me.key : std::string();
    t.updated_at = c.req.now;
    f->holder()->updated_at = c.req.now;
  }
  ApiResponse r;
  r.status = 204;
  return r;
}

ApiResponse PostTimesheetEntry(Ctx& c, const std::string& recording_id) {
  const std::optional<Id> rid = ParseId(recording_id);
  std::optional<Found> f = rid ? FindTodo(c, *rid) : std::nullopt;
  if (!f) return NotFound();
  nlohmann::json body = nlohmann::json::parse(c.req.body, nullptr, /*allow_exceptions=*/false);
  if (body.is_discarded() || !body.is_object()) return Error(400, "The request body must be a JSON object");
  Project& project = *f->project;
  if (!project.timesheet_enabled) return Error(422, "The timesheet is not enabled for this project");
  const nlohmann::json date = body.value("date", nlohmann::json());
  if (!date.is_string() || !IsValidDate(date.get<std::string>())) {
    return Error(422, "Date is missing or not a date (YYYY-MM-DD)");
  }
  const std::optional<long> minutes = ParseHours(body.value("hours", nlohmann::json()));
  if (!minutes || *minutes <= 0) return Error(422, "Hours must be a number of hours like 1.5 or 1:30, above 0 and at most 24");
  const Person* person = &c.me;
  if (body.contains("person_id") && !body["person_id"].is_null()) {
    const nlohmann::json& pid = body["person_id"];
    std::optional<Id> id = pid.is_number_integer() ? std::optional<Id>(pid.get<Id>())
                           : pid.is_string()       ? ParseId(pid.get<std::string>())
                                                   : std::nullopt;
    const auto& by_id = c.world.index.person_by_id[c.account_index];
    auto it = id ? by_id.find(*id) : by_id.end();
    if (it == by_id.end()) return Error(422, "Person is not a member of this project");
    person = &c.account.people[it->second];
  }
  if (!IsMember(project, person->key) || person->client) {
    return Error(422, "Person is not a member of this project who can log time");
  }
  const nlohmann::json description = body.value("description", nlohmann::json(""));
  TimesheetEntry entry;
  entry.id = StableId("timesheet_entry", project.key + "#" + std::to_string(project.timesheet_entries.size() + 1));
  entry.recording = f->todo->id;
  entry.person = person->key;
  entry.creator = c.me.key;
  entry.date = date.get<std::string>();
  entry.hours = HoursText(*minutes);
  entry.description = description.is_string() ? description.get<std::string>() : "";
  entry.created_at = entry.updated_at = c.req.now;
  project.timesheet_entries.push_back(entry);
  return Json200(RenderTimesheetEntry(c.rc, project, *f->holder(), *f->todo, entry), 201);
}

}  // namespace bcsim::api
