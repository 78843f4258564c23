// The JSON API of docs/contracts.md (same session cookie as the pages).
#include <nlohmann/json.hpp>

#include "errors/catalogue.h"
#include "util/time_format.h"
#include "web/dashboard.h"
#include "web/session.h"

namespace bcsync::web {
namespace {

using nlohmann::json;

void SendJson(httplib::Response& res, int status, const json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/json; charset=utf-8");
}

void SendError(httplib::Response& res, int status, const std::string& code, const std::string& message) {
  SendJson(res, status, json{{"error", code}, {"message", message}});
}

json RunJson(const std::optional<store::SyncRun>& run) {
  if (!run) return json{{"outcome", nullptr}, {"code", nullptr}, {"message", "Not synced yet."}};
  const errors::ErrorInfo& info = errors::Lookup(run->code);
  json counts = json::parse(run->counts_json, nullptr, false);
  if (counts.is_discarded()) counts = json::object();
  return json{{"outcome", run->outcome},
              {"code", run->outcome == "ok" ? json(nullptr) : json(run->code)},
              {"message", run->outcome == "ok" ? "Sync OK." : info.message},
              {"help", run->outcome == "ok" ? "" : info.help},
              {"started_at", util::FormatIso(run->started_at)},
              {"finished_at", util::FormatIso(run->finished_at)},
              {"counts", counts},
              {"request_ids", run->request_ids}};
}

// Runs `body` for a logged-in caller, or answers 401.
template <typename F>
httplib::Server::Handler Api(AppCore& core, F body) {
  return [&core, body](const httplib::Request& req, httplib::Response& res) {
    std::lock_guard<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return SendError(res, 401, "unauthenticated", "Log in first.");
    body(*who, res);
  };
}

}  // namespace

void RegisterJsonApi(AppCore& core, httplib::Server& server) {
  server.Get("/api/me", Api(core, [&core](const LoggedIn& who, httplib::Response& res) {
               StatusOr<store::Company> company = core.store.GetCompany(who.user.company_id);
               SendJson(res, 200,
                        json{{"email", who.user.email},
                             {"name", who.user.name},
                             {"role", who.user.role},
                             {"company", company.ok() ? company->name : ""}});
             }));
  server.Get("/api/tasks", Api(core, [&core](const LoggedIn& who, httplib::Response& res) {
               StatusOr<std::vector<store::Task>> tasks = core.store.ListTasks(who.user.id);
               if (!tasks.ok()) return SendError(res, 500, "internal", tasks.status().message());
               json out = json::array();
               for (const store::Task& t : *tasks) {
                 out.push_back(json{{"basecamp_id", t.basecamp_id},
                                    {"account_id", t.account_id},
                                    {"title", t.title},
                                    {"project", t.project},
                                    {"list", t.list},
                                    {"due_on", t.due_on.empty() ? json(nullptr) : json(t.due_on)},
                                    {"status", t.status},
                                    {"archived_reason", t.archived_reason.empty() ? json(nullptr)
                                                                                  : json(t.archived_reason)}});
               }
               SendJson(res, 200, json{{"tasks", out}});
             }));
  server.Get("/api/sync", Api(core, [&core](const LoggedIn& who, httplib::Response& res) {
               StatusOr<std::optional<store::SyncRun>> run = core.store.LastSyncRun(who.user.id);
               if (!run.ok()) return SendError(res, 500, "internal", run.status().message());
               SendJson(res, 200, RunJson(*run));
             }));
  // A state change: needs the CSRF token (X-CSRF-Token) or a JSON body from our own origin
  // (session.h, ApiWriteOk). The sync itself runs without the store lock.
  server.Post("/api/sync", [&core](const httplib::Request& req, httplib::Response& res) {
    std::unique_lock<std::mutex> lock(core.mu);
    auto who = CurrentUser(core, req);
    if (!who) return SendError(res, 401, "unauthenticated", "Log in first.");
    if (!ApiWriteOk(*who, req, {core.public_url, core.bound_url})) {
      return SendError(res, 403, "csrf",
                       "Send the X-CSRF-Token header (the csrf-token of any page) or a JSON body "
                       "(Content-Type: application/json) from this site.");
    }
    const store::Id user_id = who->user.id;
    lock.unlock();
    (void)core.sync->SyncUser(user_id);
    lock.lock();
    StatusOr<std::optional<store::SyncRun>> run = core.store.LastSyncRun(user_id);
    if (!run.ok()) return SendError(res, 500, "internal", run.status().message());
    SendJson(res, 200, RunJson(*run));
  });
  server.Get("/api/integrations", Api(core, [&core](const LoggedIn& who, httplib::Response& res) {
               StatusOr<store::CompanyIntegration> c = core.store.GetCompanyIntegration(who.user.company_id);
               StatusOr<store::PersonalIntegration> p = core.store.GetPersonal(who.user.id);
               StatusOr<std::vector<std::string>> visible = core.integrations->VisibleIntegrations(who.user);
               if (!c.ok() || !p.ok() || !visible.ok()) return SendError(res, 500, "internal", "cannot read");
               json company{{"state", c->state},
                            {"error_code", c->error_code.empty() ? json(nullptr) : json(c->error_code)},
                            {"account", c->account_id == 0 ? json(nullptr)
                                                           : json{{"id", c->account_id}, {"name", c->account_name}}},
                            {"connected_by", nullptr},
                            {"connected_at", util::FormatIso(c->connected_at)},
                            {"pending_choice", !c->pending_accounts.empty()},
                            {"account_mode", c->account_mode.empty() ? json(nullptr) : json(c->account_mode)}};
               if (c->connected_by != 0) {
                 StatusOr<store::User> by = core.store.GetUser(c->connected_by);
                 if (by.ok()) company["connected_by"] = by->email;
               }
               json personal{{"state", p->state},
                             {"error_code", p->error_code.empty() ? json(nullptr) : json(p->error_code)},
                             {"identity", p->identity_id == 0 ? json(nullptr)
                                                              : json{{"id", p->identity_id},
                                                                     {"email", p->identity_email},
                                                                     {"name", p->identity_name}}},
                             {"person_id", p->person_id == 0 ? json(nullptr) : json(p->person_id)},
                             {"account", p->account_id == 0 ? json(nullptr)
                                                            : json{{"id", p->account_id}, {"name", p->account_name}}},
                             {"connected_at", util::FormatIso(p->connected_at)}};
               SendJson(res, 200, json{{"company", company}, {"personal", personal}, {"visible", *visible}});
             }));
  server.Get("/api/warnings", Api(core, [&core](const LoggedIn& who, httplib::Response& res) {
               StatusOr<std::vector<store::Warning>> warnings = core.store.ListWarnings(who.user.id);
               if (!warnings.ok()) return SendError(res, 500, "internal", warnings.status().message());
               json out = json::array();
               for (const auto& w : *warnings) out.push_back(json{{"code", w.code}, {"message", w.message}});
               SendJson(res, 200, json{{"warnings", out}});
             }));
}

}  // namespace bcsync::web
