// Login, logout, Tasks (with Sync), Settings and the OAuth callback.
#include <nlohmann/json.hpp>

#include "errors/catalogue.h"
#include "rules/account_choice.h"
#include "sync/archive_reason.h"
#include "util/crypto.h"
#include "util/time_format.h"
#include "web/dashboard.h"
#include "web/html.h"
#include "web/session.h"

namespace bcsync::web {
namespace {

std::string LoginForm(const std::string& login_csrf, const std::string& error) {
  std::string body;
  if (!error.empty()) body += "<p class=\"error\">" + Escape(error) + "</p>\n";
  body += "<section id=\"login\"><form method=\"post\" action=\"/login\">"
          "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(login_csrf) + "\">"
          "<label>Email <input type=\"email\" name=\"email\"></label> "
          "<label>Password <input type=\"password\" name=\"password\"></label> "
          "<button type=\"submit\" class=\"primary\">Log in</button></form></section>\n";
  return Layout("Log in", "", body);
}

void ShowLogin(httplib::Response& res, int status, const std::string& error) {
  const std::string token = util::RandomToken(16);
  res.set_header("Set-Cookie", std::string(kLoginCookie) + "=" + token + "; Path=/login; HttpOnly; SameSite=Lax");
  SendPage(res, status, LoginForm(token, error));
}

std::string TasksBody(AppCore& core, const LoggedIn& who, const std::string& notice) {
  std::string body;
  if (!notice.empty()) body += "<p class=\"notice\">" + Escape(notice) + "</p>\n";
  StatusOr<std::optional<store::SyncRun>> last = core.store.LastSyncRun(who.user.id);
  body += "<section id=\"last-sync\"><h2>Last sync</h2>\n";
  if (!last.ok() || !last->has_value()) {
    body += "<p>Not synced yet.</p>\n";
  } else {
    const store::SyncRun& run = **last;
    body += "<p>" + Badge(run.outcome == "ok" ? "ok" : "error") + " Started " +
            Escape(util::FormatIso(run.started_at)) + ", finished " +
            Escape(util::FormatIso(run.finished_at)) + ".</p>\n";
    if (run.outcome == "ok") {
      body += "<p class=\"ok\">Sync OK.</p>\n";
    } else {
      body += ErrorBlock(run.code);
    }
    const std::string counts = CountsInWords(run.counts_json);
    if (!counts.empty()) body += "<p id=\"sync-counts\">Counts: " + Escape(counts) + ".</p>\n";
    if (!run.request_ids.empty()) {
      std::string ids;
      for (const auto& id : run.request_ids) ids += (ids.empty() ? "" : ", ") + id;
      body += "<details><summary>Basecamp request ids</summary><p>" + Escape(ids) +
              "</p></details>\n";
    }
  }
  body += ButtonForm("/tasks/sync", "Sync", who.session.csrf, {}, "primary") + "</section>\n";
  StatusOr<std::vector<store::Task>> tasks = core.store.ListTasks(who.user.id);
  std::string active, archived;
  std::vector<store::Task> active_tasks;
  if (tasks.ok()) {
    for (const store::Task& t : *tasks) {
      std::string row = "<tr><td>" + Escape(t.title) + "</td><td>" + Escape(t.project) +
                        "</td><td>" + Escape(t.list) + "</td><td>" + Escape(t.due_on) +
                        "</td><td>" + std::to_string(t.basecamp_id) + "</td>";
      if (t.status == "active") {  // its time page: timers and entries (web/time_pages.cpp)
        active += row + "<td><a href=\"/tasks/time?todo=" + std::to_string(t.basecamp_id) +
                  "\">Track time: " + Escape(t.title) + "</a></td></tr>\n";
        active_tasks.push_back(t);
      } else {
        archived += row + "<td>" + Escape(sync::DescribeReason(t.archived_reason)) + "</td></tr>\n";
      }
    }
  }
  const std::string head =
      "<tr><th>Task</th><th>Project</th><th>List</th><th>Due</th><th>Basecamp id</th>";
  body += "<section id=\"tasks\"><h2>Your tasks</h2>\n";
  body += active.empty() ? "<p>No active tasks.</p>\n"
                         : "<table id=\"active-tasks\">" + head + "<th>Time</th></tr>\n" +
                               active + "</table>\n";
  body += "</section>\n";
  if (!active_tasks.empty()) body += TimeOnTasks(core, who, active_tasks);
  if (!archived.empty()) {
    body += "<section id=\"archived\"><h2>Archived</h2>\n<table id=\"archived-tasks\">" + head +
            "<th>Why</th></tr>\n" + archived + "</table></section>\n";
  }
  return body;
}

}  // namespace

void Redirect(httplib::Response& res, const std::string& to) {
  res.status = 303;
  res.set_header("Location", to);
}

void SendPage(httplib::Response& res, int status, const std::string& html) {
  res.status = status;
  res.set_content(html, "text/html; charset=utf-8");
}

std::string Page(const LoggedIn& who, const std::string& title, const std::string& body) {
  const Viewer viewer{who.user.name, who.user.email,
                      rules::CanManageCompanyIntegrations(who.user.role)};
  return Layout(title, who.session.csrf, body, viewer);
}

std::string ErrorBlock(const std::string& code) {
  const errors::ErrorInfo& info = errors::Lookup(code);
  return "<div class=\"sync-error\"><p><strong>" + Escape(info.title) + "</strong> (code " + Escape(code) +
         "): " + Escape(info.message) +
         "</p><p>Likely cause: " + Escape(info.cause) + "</p><p>Who can fix it: " + Escape(info.fixer) +
         "</p><p>Help: " + Escape(info.help) + "</p></div>\n";
}

void RegisterPages(AppCore& core, httplib::Server& server) {
  server.Get("/", [&core](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    Redirect(res, CurrentUser(core, req) ? "/tasks" : "/login");
  });
  server.Get(kStylePath, [](const httplib::Request&, httplib::Response& res) {
    res.set_header("Cache-Control", "public, max-age=31536000, immutable");
    res.set_content(StyleSheet(), "text/css; charset=utf-8");
  });
  server.Get("/login", [](const httplib::Request&, httplib::Response& res) { ShowLogin(res, 200, ""); });
  server.Post("/login", [&core](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    const std::string expected = CookieValue(req, kLoginCookie);
    if (expected.empty() || !util::SafeEquals(expected, req.get_param_value("csrf"))) {
      ShowLogin(res, 400, "Your login form expired. Please try again.");
      return;
    }
    const std::string email = req.get_param_value("email");
    const Millis now = core.clock->NowMs();
    if (!core.login_throttle.Allowed(email, req.remote_addr, now)) {
      // Refused before the password is even looked at: the right one waits too.
      res.set_header("Retry-After", std::to_string(core.login_throttle.policy().lockout_ms / 1000));
      ShowLogin(res, 429, errors::Lookup(errors::kLoginThrottled).message);
      return;
    }
    StatusOr<store::User> user = core.store.FindUserByEmail(email);
    // An unknown email is checked against a dummy hash: both answers cost one PBKDF2 run.
    const std::string& hash = user.ok() ? user->password_hash : core.dummy_password_hash;
    const bool verified = util::VerifyPassword(req.get_param_value("password"), hash);
    if (!user.ok() || !verified) {
      core.login_throttle.Failed(email, req.remote_addr, now);
      ShowLogin(res, 401, "That email or password is wrong.");
      return;
    }
    core.login_throttle.Succeeded(email);
    if (!StartSession(core, *user, res).ok()) {
      SendPage(res, 500, Layout("Error", "", "<p>Could not start a session.</p>"));
      return;
    }
    Redirect(res, "/tasks");
  });
  server.Post("/logout", [&core](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (who && !CsrfOk(*who, req)) {
      SendPage(res, 403, Layout("Forbidden", "", "<p>The form expired. Go back and try again.</p>"));
      return;
    }
    EndSession(core, req, res);
    Redirect(res, "/login");
  });
  server.Get("/tasks", [&core](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return Redirect(res, "/login");
    SendPage(res, 200, Page(*who, "Tasks", TasksBody(core, *who, "")));
  });
  server.Post("/tasks/sync", [&core](const httplib::Request& req, httplib::Response& res) {
    std::unique_lock<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return Redirect(res, "/login");
    if (!CsrfOk(*who, req)) {
      SendPage(res, 403, Page(*who, "Forbidden",
                              "<p>The form expired. Go back and try again.</p>"));
      return;
    }
    lock.unlock();  // the sync takes the store lock only between its Basecamp calls
    (void)core.sync->SyncUser(who->user.id);
    Redirect(res, "/tasks");
  });
  server.Get("/settings", [&core](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return Redirect(res, "/login");
    SendPage(res, 200,
             Page(*who, "Settings",
                  "<section id=\"settings\"><ul><li><a href=\"/settings/company-integrations\">"
                  "Company Integrations</a></li>"
                    "<li><a href=\"/settings/integrations\">Integration Settings</a></li>"
                    "<li><a href=\"/settings/tracker\">Tracker settings</a></li></ul></section>\n"));
  });
  server.Get("/oauth/basecamp/callback", [&core](const httplib::Request& req, httplib::Response& res) {
    std::unique_lock<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    lock.unlock();  // HandleCallback locks around its store work, not while Launchpad answers
    std::map<std::string, std::string> params;
    for (const auto& [key, value] : req.params) params[key] = value;
    rules::CallbackOutcome outcome =
        core.integrations->HandleCallback(who ? who->session.token_hash : std::string(), params);
    const std::string page = outcome.purpose == "company" ? "/settings/company-integrations/basecamp"
                                                          : "/settings/integrations";
    if (outcome.ok) return Redirect(res, page);
    if (outcome.purpose.empty()) {  // refused state: change nothing, say so
      SendPage(res, 400, Layout("Basecamp connection refused", who ? who->session.csrf : "",
                                ErrorBlock(outcome.code) + "<p><a href=\"/settings\">Back to Settings</a></p>\n"));
      return;
    }
    Redirect(res, page + "?error=" + outcome.code);
  });
}

}  // namespace bcsync::web
