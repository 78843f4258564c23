// Settings > Tracker settings: the company's account mode (strict | choose) and the automatic
// sync interval. Owners and admins change them; a plain user reads them and is refused with
// BC_ADMIN_ONLY. GET /api/settings answers the settings in force.
#include <string>

#include <nlohmann/json.hpp>

#include "errors/catalogue.h"
#include "rules/account_choice.h"
#include "support/support_bundle.h"
#include "web/dashboard.h"
#include "web/html.h"
#include "web/session.h"

namespace bcsync::web {
namespace {

constexpr const char* kPage = "/settings/tracker";
constexpr Millis kMinuteMs = 60'000;
constexpr long long kMaxIntervalMinutes = 366LL * 24 * 60;

struct InForce {
  std::string account_mode;
  Millis auto_sync_interval_ms;
};

InForce Effective(AppCore& core, store::Id company_id) {
  InForce out{core.options.account_mode, core.options.auto_sync_interval_ms};
  StatusOr<store::TrackerSettings> t = core.store.GetTrackerSettings(company_id);
  if (t.ok() && !t->account_mode.empty()) out.account_mode = t->account_mode;
  if (t.ok() && t->auto_sync_interval_ms > 0) out.auto_sync_interval_ms = t->auto_sync_interval_ms;
  return out;
}

constexpr const char* kBundlePath = "/settings/support-bundle";

// Owners and admins: a support bundle of any user of the company, as a JSON download.
std::string BundleForm(AppCore& core, const LoggedIn& who) {
  StatusOr<std::vector<store::User>> users = core.store.ListUsers(who.user.company_id);
  if (!users.ok()) return "";
  std::string options;
  for (const store::User& u : *users) {
    options += "<option value=\"" + Escape(u.email) + "\"" +
               (u.id == who.user.id ? " selected" : "") + ">" +
               Escape(u.name + " (" + u.email + ")") + "</option>";
  }
  return "<section id=\"support\"><h2>Support</h2>\n<form method=\"post\" action=\"" + std::string(kBundlePath) + "\">"
         "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(who.session.csrf) + "\">"
         "<label>User <select name=\"user\">" + options + "</select></label> "
         "<label><input type=\"checkbox\" name=\"redact_people\" value=\"1\"> "
         "Pseudonymise emails and names</label> <button type=\"submit\">Download support bundle</button></form>"
         "</section>\n";
}

std::string Body(AppCore& core, const LoggedIn& who, const std::string& notice) {
  InForce now = Effective(core, who.user.company_id);
  std::string body = notice + "<section id=\"in-force\">";
  body += "<p id=\"tracker-settings\">Account mode: <strong>" + Escape(now.account_mode) +
          "</strong>; automatic sync every <strong>" + std::to_string(now.auto_sync_interval_ms / kMinuteMs) +
          " minutes</strong>.</p>\n";
  if (!rules::CanManageCompanyIntegrations(who.user.role))
    return body + ErrorBlock(errors::kAdminOnly) + "</section>\n";
  auto option = [&now](const std::string& value, const std::string& label) {
    return "<option value=\"" + value + "\"" + (now.account_mode == value ? " selected" : "") + ">" + label +
           "</option>";
  };
  body += "<form method=\"post\" action=\"" + std::string(kPage) + "\">"
          "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(who.session.csrf) + "\">"
          "<label>Account mode <select name=\"account_mode\">" +
          option("strict", "strict: one Basecamp account per login (Sync Error 108 otherwise)") +
          option("choose", "choose: an owner or admin picks the account") +
          "</select></label> <label>Automatic sync every <input name=\"auto_sync_minutes\" value=\"" +
          std::to_string(now.auto_sync_interval_ms / kMinuteMs) + "\"> minutes</label> "
          "<button type=\"submit\" class=\"primary\">Save settings</button></form>\n";
  return body + "</section>\n" + BundleForm(core, who);
}

}  // namespace

void RegisterTrackerSettings(AppCore& core, httplib::Server& server) {
  server.Get(kPage, [&core](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return Redirect(res, "/login");
    SendPage(res, 200, Page(*who, "Tracker settings", Body(core, *who, "")));
  });
  server.Post(kPage, [&core](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return Redirect(res, "/login");
    if (!CsrfOk(*who, req))
      return SendPage(res, 403, Page(*who, "Not allowed",
                                     "<p class=\"error\">The form expired. Go back and try again.</p>\n"));
    if (!rules::CanManageCompanyIntegrations(who->user.role))
      return SendPage(res, 403, Page(*who, "Tracker settings", Body(core, *who, "")));
    const std::string mode = req.get_param_value("account_mode");
    const std::string minutes = req.get_param_value("auto_sync_minutes");
    long long n = -1;
    if (!minutes.empty() && minutes.size() <= 7 && minutes.find_first_not_of("0123456789") == std::string::npos)
      n = std::stoll(minutes);
    std::string problem;
    if (mode != "strict" && mode != "choose") problem = "Pick an account mode: strict or choose.";
    if (n < 1 || n > kMaxIntervalMinutes)
      problem = "The automatic sync interval is a whole number of minutes from 1 to " +
                std::to_string(kMaxIntervalMinutes) + ".";
    if (!problem.empty())
      return SendPage(res, 400, Page(*who, "Tracker settings",
                                     Body(core, *who, "<p class=\"error\">" + Escape(problem) + "</p>\n")));
    store::TrackerSettings t{who->user.company_id, mode, n * kMinuteMs};
    if (!core.store.PutTrackerSettings(t).ok())
      return SendPage(res, 500, Page(*who, "Tracker settings",
                                     Body(core, *who, ErrorBlock(errors::kUnexpectedResponse))));
    SendPage(res, 200, Page(*who, "Tracker settings",
                            Body(core, *who, "<p class=\"notice\">Settings saved.</p>\n")));
  });
  server.Post(kBundlePath, [&core](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return Redirect(res, "/login");
    if (!CsrfOk(*who, req))
      return SendPage(res, 403, Page(*who, "Not allowed",
                                     "<p class=\"error\">The form expired. Go back and try again.</p>\n"));
    if (!rules::CanManageCompanyIntegrations(who->user.role))
      return SendPage(res, 403, Page(*who, "Tracker settings", Body(core, *who, "")));
    const std::string email = req.get_param_value("user");
    StatusOr<store::User> user = core.store.FindUserByEmail(email);
    if (!user.ok() || user->company_id != who->user.company_id)
      return SendPage(res, 404, Page(*who, "Tracker settings",
                                     Body(core, *who, "<p class=\"error\">No such user.</p>\n")));
    SupportBundleOptions options;
    options.redact_people = req.get_param_value("redact_people") == "1";
    StatusOr<nlohmann::json> bundle = support::BuildSupportBundle(core, user->email, options);
    if (!bundle.ok())
      return SendPage(res, 500, Page(*who, "Tracker settings",
                                     Body(core, *who, ErrorBlock(errors::kUnexpectedResponse))));
    res.status = 200;
    res.set_header("Content-Disposition", "attachment; filename=\"support-bundle.json\"");
    res.set_header("Cache-Control", "no-store");
    res.set_content(bundle->dump(1) + "\n", "application/json");
  });
  server.Get("/api/settings", [&core](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) {
      res.status = 401;
      res.set_content(R"({"error":"unauthenticated","message":"Log in first."})", "application/json");
      return;
    }
    InForce now = Effective(core, who->user.company_id);
    nlohmann::json body{{"account_mode", now.account_mode}, {"auto_sync_interval_ms", now.auto_sync_interval_ms}};
    res.status = 200;
    res.set_content(body.dump(), "application/json");
  });
}

}  // namespace bcsync::web
