// Time on a task: the page linked from Tasks ("Track time: TITLE"), its forms (Start timer,
// Stop timer, Add entry, Save entry, Delete entry; CSRF like every form) and /api/time.
// Every action goes through timetrack::RunTimeRequest: the local change, then the write-back.
#include <map>

#include <nlohmann/json.hpp>

#include "errors/catalogue.h"
#include "timetrack/time_api.h"
#include "web/dashboard.h"
#include "web/html.h"
#include "web/session.h"

namespace bcsync::web {
namespace {

using nlohmann::json;

std::string TimePath(store::Id todo_id) { return "/tasks/time?todo=" + std::to_string(todo_id); }

std::int64_t IdParam(const httplib::Request& req, const char* name) {
  const std::string v = req.get_param_value(name);
  if (v.empty() || v.size() > 19 || v.find_first_not_of("0123456789") != std::string::npos) return 0;
  return std::stoll(v);
}

// What a person reads about an entry's write-back.
std::string StateText(const TimeEntryView& v) {
  if (v.state == "running") return "Timer running";
  if (v.state == "written") return "Written to Basecamp";
  if (v.state == "deleted") return "Deleted";
  if (v.state == "failed") return "Not written (code " + v.code + "): " + v.message;
  return "Waiting to be written to Basecamp" + (v.code.empty() ? "" : " (last try: code " + v.code + ")");
}

std::string EntryRow(const TimeEntryView& v, const std::string& csrf) {
  std::string row = "<tr class=\"time-entry " + Escape(v.state) + "\"><td>" + Escape(v.date) + "</td><td>" +
                    (v.state == "running" ? std::string("running") : Escape(timetrack::ShowMinutes(v.minutes))) +
                    "</td><td>" + Escape(v.description) + "</td><td>" + Escape(StateText(v)) + "</td><td>";
  if (v.state != "running" && v.state != "deleted") {
    const std::string id = std::to_string(v.id);
    row += "<form method=\"post\" action=\"/tasks/time/edit\"><input type=\"hidden\" name=\"csrf\" value=\"" +
           Escape(csrf) + "\"><input type=\"hidden\" name=\"todo\" value=\"" + std::to_string(v.todo_id) +
           "\"><input type=\"hidden\" name=\"entry\" value=\"" + id + "\">"
           "<label>Date <input name=\"date\" value=\"" + Escape(v.date) + "\"></label> "
           "<label>Duration <input name=\"duration\" value=\"" + Escape(timetrack::ShowMinutes(v.minutes)) +
           "\"></label> <label>Description <input name=\"description\" value=\"" + Escape(v.description) +
           "\"></label> <button type=\"submit\">Save entry</button></form>";
    row += ButtonForm("/tasks/time/delete", "Delete entry", csrf,
                      {{"todo", std::to_string(v.todo_id)}, {"entry", id}});
  }
  if (v.state == "failed") row += ErrorBlock(v.code);
  return row + "</td></tr>\n";
}

std::string TimeBody(AppCore& core, const LoggedIn& who, const store::Task& task, const std::string& error) {
  std::string body = "<p>Project " + Escape(task.project) + ", list " + Escape(task.list) + ". Time you track here "
                     "is written to the to-do's timesheet in Basecamp.</p>\n";
  if (!error.empty()) body += "<p class=\"error\">" + Escape(error) + "</p>\n";
  StatusOr<std::vector<TimeEntryView>> entries = timetrack::EntryViews(core, who.user.id, task.basecamp_id);
  bool running = false;
  if (entries.ok())
    for (const auto& v : *entries) running = running || v.state == "running";
  const std::string todo = std::to_string(task.basecamp_id);
  body += "<section id=\"timer\"><h2>Timer</h2>\n";
  if (running) {
    body += "<p>The timer is running.</p>\n" + ButtonForm("/tasks/time/stop", "Stop timer", who.session.csrf, {{"todo", todo}});
  } else {
    body += "<form method=\"post\" action=\"/tasks/time/start\"><input type=\"hidden\" name=\"csrf\" value=\"" +
            Escape(who.session.csrf) + "\"><input type=\"hidden\" name=\"todo\" value=\"" + todo +
            "\"><label>Description <input name=\"description\"></label> "
            "<button type=\"submit\">Start timer</button></form>\n";
  }
  body += "</section>\n<section id=\"manual-entry\"><h2>Add time by hand</h2>\n"
          "<form method=\"post\" action=\"/tasks/time/add\"><input type=\"hidden\" name=\"csrf\" value=\"" +
          Escape(who.session.csrf) + "\"><input type=\"hidden\" name=\"todo\" value=\"" + todo +
          "\"><label>Date <input name=\"date\" value=\"" + Escape(timetrack::DateOf(core.clock->NowMs())) +
          "\"></label> <label>Duration <input name=\"duration\" placeholder=\"1h30m\"></label> "
          "<label>Description <input name=\"description\"></label> <button type=\"submit\">Add entry</button>"
          "</form>\n</section>\n<h2>Entries</h2>\n";
  if (!entries.ok() || entries->empty()) return body + "<p>No time on this task yet.</p>\n";
  body += "<table id=\"time-entries\"><tr><th>Date</th><th>Duration</th><th>Description</th><th>Basecamp</th>"
          "<th></th></tr>\n";
  for (const auto& v : *entries) body += EntryRow(v, who.session.csrf);
  return body + "</table>\n";
}

}  // namespace

std::string TimeOnTasks(AppCore& core, const LoggedIn& who, const std::vector<store::Task>& tasks) {
  constexpr std::size_t kShownPerTask = 3;  // the rest is on the task's own page
  StatusOr<std::vector<TimeEntryView>> entries = timetrack::EntryViews(core, who.user.id);
  std::map<store::Id, std::vector<const TimeEntryView*>> by_task;  // newest first
  if (entries.ok())
    for (const auto& v : *entries) by_task[v.todo_id].push_back(&v);
  std::string out = "<section id=\"time\"><h2>Time</h2>\n<table id=\"time-by-task\">"
                    "<tr><th>Task</th><th>Timer</th><th>Latest entries</th></tr>\n";
  for (const store::Task& t : tasks) {
    const std::string todo = std::to_string(t.basecamp_id);
    const auto& list = by_task[t.basecamp_id];
    bool running = false;
    for (const auto* v : list) running = running || v->state == "running";
    out += "<tr><td>" + Escape(t.title) + "</td><td>" +
           (running ? Badge("running") + " " +
                          ButtonForm("/tasks/time/stop", "Stop timer", who.session.csrf,
                                     {{"todo", todo}, {"return_to", "tasks"}}, "danger")
                    : ButtonForm("/tasks/time/start", "Start timer", who.session.csrf,
                                 {{"todo", todo}, {"return_to", "tasks"}}, "primary")) +
           "</td><td>";
    if (list.empty()) out += "<span class=\"muted\">No time yet.</span>";
    std::size_t shown = 0;
    for (const auto* v : list) {
      if (v->state == "running" || v->state == "deleted") continue;
      if (shown++ == kShownPerTask) {
        out += "<div class=\"muted\">More on its time page.</div>";
        break;
      }
      out += "<div class=\"time-entry " + Escape(v->state) + "\">" + Escape(v->date) + " " +
             Escape(timetrack::ShowMinutes(v->minutes)) + ": " + Escape(StateText(*v)) + "</div>";
    }
    out += "</td></tr>\n";
  }
  return out + "</table></section>\n";
}

namespace {

void ShowTimePage(AppCore& core, const LoggedIn& who, store::Id todo_id, int status, const std::string& error,
                  httplib::Response& res) {
  StatusOr<store::Task> task = core.time->TaskOf(who.user.id, todo_id);
  if (!task.ok()) {
    SendPage(res, 404, Page(who, "Track time",
                            "<p>" + Escape(task.status().message()) + "</p><p><a href=\"/tasks\">Back to Tasks</a></p>\n"));
    return;
  }
  SendPage(res, status, Page(who, "Track time: " + task->title, TimeBody(core, who, *task, error)));
}

json EntryJson(const TimeEntryView& v) {
  return json{{"id", v.id},
              {"todo_id", v.todo_id},
              {"task", v.task},
              {"date", v.date},
              {"minutes", v.minutes},
              {"hours", static_cast<double>(v.minutes) / 60.0},
              {"description", v.description},
              {"state", v.state},
              {"code", v.code.empty() ? json(nullptr) : json(v.code)},
              {"message", v.message},
              {"basecamp_id", v.remote_id == 0 ? json(nullptr) : json(v.remote_id)}};
}

void SendJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

// One form action: check the session and CSRF, run it, then show the task's page again.
void FormAction(AppCore& core, const std::string& action, const httplib::Request& req, httplib::Response& res) {
  std::unique_lock<std::mutex> lock(core.mu);
  auto who = CurrentUser(core, req);
  if (!who) return Redirect(res, "/login");
  if (!CsrfOk(*who, req)) {
    SendPage(res, 403, Page(*who, "Forbidden", "<p>The form expired. Go back and try again.</p>"));
    return;
  }
  TimeRequest r;
  r.action = action;
  r.todo_id = IdParam(req, "todo");
  r.entry_id = IdParam(req, "entry");
  r.date = req.get_param_value("date");
  r.duration = req.get_param_value("duration");
  if (req.has_param("description")) r.description = req.get_param_value("description");
  const store::Id user_id = who->user.id;
  lock.unlock();  // the write-back takes the store lock only between its Basecamp calls
  StatusOr<std::vector<TimeEntryView>> done = timetrack::RunTimeRequest(core, user_id, r);
  if (!done.ok()) {
    lock.lock();
    return ShowTimePage(core, *who, r.todo_id, 400, done.status().message(), res);
  }
  Redirect(res, req.get_param_value("return_to") == "tasks" ? "/tasks" : TimePath(r.todo_id));
}

}  // namespace

void RegisterTimePages(AppCore& core, httplib::Server& server) {
  server.Get("/tasks/time", [&core](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return Redirect(res, "/login");
    ShowTimePage(core, *who, IdParam(req, "todo"), 200, "", res);
  });
  for (const char* action : {"start", "stop", "add", "edit", "delete"}) {
    server.Post(std::string("/tasks/time/") + action,
                [&core, action](const httplib::Request& req, httplib::Response& res) { FormAction(core, action, req, res); });
  }
  server.Get("/api/time", [&core](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return SendJson(res, 401, json{{"error", "unauthenticated"}, {"message", "Log in first."}});
    StatusOr<std::vector<TimeEntryView>> entries = timetrack::EntryViews(core, who->user.id, IdParam(req, "todo"));
    if (!entries.ok()) return SendJson(res, 500, json{{"error", "internal"}, {"message", entries.status().message()}});
    json out = json::array();
    for (const auto& v : *entries) out.push_back(EntryJson(v));
    SendJson(res, 200, json{{"entries", out}});
  });
  // {"action": start|stop|add|edit|delete|write, "todo_id", "entry_id", "date", "duration",
  // "description"}: CSRF header or same-origin JSON, like POST /api/sync.
  server.Post("/api/time", [&core](const httplib::Request& req, httplib::Response& res) {
    std::unique_lock<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return SendJson(res, 401, json{{"error", "unauthenticated"}, {"message", "Log in first."}});
    if (!ApiWriteOk(*who, req, {core.public_url, core.bound_url})) {
      return SendJson(res, 403, json{{"error", "csrf"},
                                     {"message", "Send the X-CSRF-Token header or a JSON body from this site."}});
    }
    const store::Id user_id = who->user.id;
    lock.unlock();
    const json body = json::parse(req.body, nullptr, false);
    if (!body.is_object()) {
      return SendJson(res, 400, json{{"error", "invalid"}, {"message", "expected a JSON object like "
                                                                       "{\"action\":\"add\",\"todo_id\":1,...}"}});
    }
    TimeRequest r;
    auto text = [&](const char* k) { return body.contains(k) && body[k].is_string() ? body[k].get<std::string>() : ""; };
    auto id = [&](const char* k) { return body.contains(k) && body[k].is_number_integer() ? body[k].get<std::int64_t>() : 0; };
    r.action = text("action");
    r.todo_id = id("todo_id");
    r.entry_id = id("entry_id");
    r.date = text("date");
    r.duration = text("duration");
    if (body.contains("description") && body["description"].is_string()) r.description = text("description");
    StatusOr<std::vector<TimeEntryView>> done = timetrack::RunTimeRequest(core, user_id, r);
    if (!done.ok()) {
      const int status = done.status().code() == StatusCode::kNotFound ? 404
                         : done.status().code() == StatusCode::kFailedPrecondition ? 409 : 400;
      return SendJson(res, status, json{{"error", "invalid"}, {"message", done.status().message()}});
    }
    json out = json::array();
    for (const auto& v : *done) out.push_back(EntryJson(v));
    SendJson(res, 200, json{{"entries", out}});
  });
}

}  // namespace bcsync::web
