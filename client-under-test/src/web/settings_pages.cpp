// Settings > Company Integrations (list + Basecamp page with Turn it on/off and the account
// chooser) and Settings > Integration Settings (ON/OFF and the "Connected as" panel).
#include <nlohmann/json.hpp>

#include "errors/catalogue.h"
#include "rules/account_choice.h"
#include "util/time_format.h"
#include "web/dashboard.h"
#include "web/html.h"
#include "web/session.h"

namespace bcsync::web {
namespace {

constexpr const char* kBasecampPage = "/settings/company-integrations/basecamp";
constexpr const char* kPersonalPage = "/settings/integrations";

std::string UserLabel(AppCore& core, store::Id id) {
  StatusOr<store::User> user = core.store.GetUser(id);
  return user.ok() ? user->name + " (" + user->email + ")" : "unknown";
}

std::string Forbidden(const LoggedIn& who, const std::string& message) {
  return Page(who, "Not allowed", "<p class=\"error\">" + Escape(message) + "</p>\n");
}

// The explanation of the error the page was sent back with (?error=CODE) and of the error the
// integration is in, each once: a callback that failed with 108 redirects here with ?error=108
// while the integration also holds 108.
std::string ErrorsOnce(const httplib::Request& req, const std::string& stored_code) {
  const std::string from_query = req.has_param("error") ? req.get_param_value("error") : "";
  std::string out;
  if (!from_query.empty() && from_query != stored_code) out += ErrorBlock(from_query);
  if (!stored_code.empty()) out += ErrorBlock(stored_code);
  return out;
}

std::string ConnectedAs(AppCore& core, const store::PersonalIntegration& p, const store::User& user) {
  if (p.identity_id == 0) return "";
  std::string out = "<section id=\"connected-as\"><h2>Connected as</h2><ul>";
  out += "<li>Basecamp login: " + Escape(p.identity_name) + " (" + Escape(p.identity_email) + "), identity #" +
         std::to_string(p.identity_id) + "</li>";
  if (p.account_id != 0) {
    out += "<li>Account: " + Escape(p.account_name) + " (#" + std::to_string(p.account_id) + ")</li>";
    out += "<li>Basecamp person id: " + std::to_string(p.person_id) + "</li>";
  }
  out += "<li>Connected " + Escape(util::FormatIso(p.connected_at)) + " by " + Escape(UserLabel(core, user.id)) +
         "</li></ul></section>\n";
  return out;
}

std::string WarningsBlock(AppCore& core, store::Id user_id) {
  StatusOr<std::vector<store::Warning>> warnings = core.store.ListWarnings(user_id);
  if (!warnings.ok() || warnings->empty()) return "";
  std::string out = "<section id=\"warnings\"><h2>Warnings</h2><ul>";
  for (const auto& w : *warnings) {
    out += "<li><strong>" + Escape(w.code) + "</strong>: " + Escape(w.message) + " " +
           Escape(errors::Lookup(w.code).help) + "</li>";
  }
  return out + "</ul></section>\n";
}

std::string CompanyBasecampBody(AppCore& core, const LoggedIn& who, const httplib::Request& req) {
  StatusOr<store::CompanyIntegration> c = core.store.GetCompanyIntegration(who.user.company_id);
  if (!c.ok()) return "<p>Cannot read the integration.</p>";
  const bool can_manage = rules::CanManageCompanyIntegrations(who.user.role);
  const bool pending = !c->pending_accounts.empty();
  std::string body = "<section id=\"company\"><p id=\"company-state\">Basecamp for your company: " +
                     Badge(pending ? "pending choice" : c->state) + "</p>\n";
  body += ErrorsOnce(req, c->error_code);
  if (c->error_code == errors::kMultipleAccounts && can_manage) {
    body += "<p>To sync one of them, switch the account mode to <em>choose</em> in "
            "<a href=\"/settings/tracker\">Tracker settings</a>, then turn Basecamp on again "
            "and pick the account.</p>\n";
  }
  if (can_manage) {  // only the buttons that apply: no "Turn it on" while an account is picked
    if (c->state != "on" && !pending) {
      body += ButtonForm(std::string(kBasecampPage) + "/on", "Turn it on", who.session.csrf, {},
                         "primary");
    }
    if (c->state != "off" || pending) {
      body += ButtonForm(std::string(kBasecampPage) + "/off", "Turn it off", who.session.csrf, {},
                         "danger");
    }
  } else {  // why there is no button: information, not an error of theirs
    body += "<div class=\"note\">" + ErrorBlock(errors::kAdminOnly) + "</div>";
  }
  body += "</section>\n";
  if (c->account_id != 0 && c->state != "off") {
    body += "<section id=\"company-account\"><h2>Linked account</h2><ul><li>Account: " +
            Escape(c->account_name) + " (#" + std::to_string(c->account_id) +
            ")</li><li>Connected " + Escape(util::FormatIso(c->connected_at)) + " by " +
            Escape(UserLabel(core, c->connected_by)) + "</li>";
    if (!c->account_mode.empty()) body += "<li>Account mode: " + Escape(c->account_mode) + "</li>";
    StatusOr<store::PersonalIntegration> grant = core.store.GetPersonal(c->connected_by);
    if (grant.ok() && grant->identity_id != 0) {
      body += "<li>Basecamp login used: " + Escape(grant->identity_name) + " (" +
              Escape(grant->identity_email) + ")</li>";
    }
    body += "</ul></section>\n";
  }
  if (pending) {
    nlohmann::json accounts = nlohmann::json::parse(c->pending_accounts, nullptr, false);
    body += "<section id=\"choose-account\"><h2>Choose the Basecamp account</h2>\n";
    if (can_manage && accounts.is_array()) {
      body += "<form method=\"post\" action=\"" + std::string(kBasecampPage) + "/account\">"
              "<input type=\"hidden\" name=\"csrf\" value=\"" + Escape(who.session.csrf) + "\">"
              "<label>Basecamp account <select name=\"account\">";
      for (const auto& a : accounts) {
        body += "<option value=\"" + std::to_string(a.value("id", std::int64_t{0})) + "\">" +
                Escape(a.value("name", "")) + "</option>";
      }
      body += "</select></label> <button type=\"submit\" class=\"primary\">"
              "Use this account</button></form>\n";
    } else {
      body += "<p>" + Badge("pending choice") +
              " Your company owner or an admin must choose the account.</p>\n";
    }
    body += "</section>\n";
  }
  if (!c->auth_snapshot.empty() && can_manage) {
    body += "<details><summary>Authorization snapshot (tokens are never stored here)</summary><pre>" +
            Escape(c->auth_snapshot) + "</pre></details>\n";
  }
  return body;
}

std::string PersonalBody(AppCore& core, const LoggedIn& who, const httplib::Request& req) {
  std::string body;
  StatusOr<std::vector<std::string>> visible = core.integrations->VisibleIntegrations(who.user);
  if (!visible.ok() || visible->empty()) {
    return ErrorsOnce(req, "") +
           "<p>Ask your company owner or admin to turn on an integration.</p>\n";
  }
  StatusOr<store::PersonalIntegration> p = core.store.GetPersonal(who.user.id);
  if (!p.ok()) return ErrorsOnce(req, "") + "<p>Cannot read the integration.</p>";
  body += "<section id=\"basecamp\"><h2>Basecamp</h2>\n<p id=\"personal-state\">"
          "Your Basecamp integration: " + Badge(p->state) + "</p>\n";
  body += ErrorsOnce(req, p->error_code);
  const std::string personal = kPersonalPage;
  if (p->state != "on")
    body += ButtonForm(personal + "/basecamp/on", "ON", who.session.csrf, {}, "primary");
  if (p->state != "off")
    body += ButtonForm(personal + "/basecamp/off", "OFF", who.session.csrf, {}, "danger");
  if (p->state != "off") body += ConnectedAs(core, *p, who.user);
  body += WarningsBlock(core, who.user.id) + "</section>\n";
  return body;
}

// Runs a POST handler body after the login and CSRF checks.
template <typename F>
httplib::Server::Handler Post(AppCore& core, F body) {
  return [&core, body](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return Redirect(res, "/login");
    if (!CsrfOk(*who, req)) {
      SendPage(res, 403, Forbidden(*who, "The form expired. Go back and try again."));
      return;
    }
    body(*who, req, res);
  };
}

}  // namespace

void RegisterSettings(AppCore& core, httplib::Server& server) {
  server.Get("/settings/company-integrations", [&core](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return Redirect(res, "/login");
    SendPage(res, 200,
             Page(*who, "Company Integrations", "<section><ul id=\"integrations\">"
                    "<li>Asana (not available yet)</li>"
                    "<li><a href=\"" + std::string(kBasecampPage) + "\">Basecamp</a></li>"
                    "<li>Jira (not available yet)</li></ul></section>\n"));
  });
  server.Get(kBasecampPage, [&core](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return Redirect(res, "/login");
    SendPage(res, 200, Page(*who, "Basecamp", CompanyBasecampBody(core, *who, req)));
  });
  server.Post(std::string(kBasecampPage) + "/on",
              Post(core, [&core](const LoggedIn& who, const httplib::Request&, httplib::Response& res) {
                StatusOr<std::string> url = core.integrations->BeginConnect(who.user, who.session.token_hash, "company");
                if (!url.ok()) return SendPage(res, 403, Forbidden(who, url.status().message()));
                Redirect(res, *url);
              }));
  server.Post(std::string(kBasecampPage) + "/off",
              Post(core, [&core](const LoggedIn& who, const httplib::Request&, httplib::Response& res) {
                Status status = core.integrations->TurnCompanyOff(who.user);
                if (!status.ok()) return SendPage(res, 403, Forbidden(who, status.message()));
                Redirect(res, kBasecampPage);
              }));
  server.Post(std::string(kBasecampPage) + "/account",
              Post(core, [&core](const LoggedIn& who, const httplib::Request& req, httplib::Response& res) {
                // The option value is the account id; an account name is accepted too.
                const std::string choice = req.get_param_value("account");
                std::int64_t id = 0;
                StatusOr<store::CompanyIntegration> c = core.store.GetCompanyIntegration(who.user.company_id);
                nlohmann::json pending =
                    c.ok() ? nlohmann::json::parse(c->pending_accounts, nullptr, false) : nlohmann::json();
                if (pending.is_array()) {
                  for (const auto& a : pending) {
                    const std::int64_t candidate = a.value("id", std::int64_t{0});
                    if (std::to_string(candidate) == choice || a.value("name", "") == choice) id = candidate;
                  }
                }
                if (id == 0) return SendPage(res, 400, Forbidden(who, "Pick one of the offered accounts."));
                Status status = core.integrations->ChooseAccount(who.user, id);
                if (status.code() == StatusCode::kPermissionDenied || status.code() == StatusCode::kInvalidArgument ||
                    status.code() == StatusCode::kFailedPrecondition) {
                  return SendPage(res, status.code() == StatusCode::kPermissionDenied ? 403 : 400,
                                  Forbidden(who, status.message()));
                }
                Redirect(res, std::string(kBasecampPage) +
                                  (status.ok() ? "" : "?error=" + status.error_code()));
              }));
  server.Get(kPersonalPage, [&core](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return Redirect(res, "/login");
    SendPage(res, 200, Page(*who, "Integration Settings", PersonalBody(core, *who, req)));
  });
  server.Post(std::string(kPersonalPage) + "/basecamp/on",
              Post(core, [&core](const LoggedIn& who, const httplib::Request&, httplib::Response& res) {
                StatusOr<std::string> url =
                    core.integrations->BeginConnect(who.user, who.session.token_hash, "personal");
                if (!url.ok()) return SendPage(res, 403, Forbidden(who, url.status().message()));
                Redirect(res, *url);
              }));
  server.Post(std::string(kPersonalPage) + "/basecamp/off",
              Post(core, [&core](const LoggedIn& who, const httplib::Request&, httplib::Response& res) {
                Status status = core.integrations->TurnPersonalOff(who.user);
                if (!status.ok()) return SendPage(res, 500, Forbidden(who, status.message()));
                Redirect(res, kPersonalPage);
              }));
}

}  // namespace bcsync::web
