// App::StatusText: the `bcsync status` report (no secrets: tokens are never printed).
#include <cctype>

#include "app_core.h"
#include "bcsync/app.h"
#include "errors/catalogue.h"
#include "util/macros.h"
#include "util/time_format.h"

namespace bcsync {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string PersonalLine(AppCore& core, const store::User& user) {
  std::string out = user.email + " (" + user.role + "): ";
  StatusOr<store::PersonalIntegration> p = core.store.GetPersonal(user.id);
  if (!p.ok()) return out + "unreadable\n";
  out += "personal " + p->state;
  if (!p->error_code.empty()) out += " [" + p->error_code + "]";
  if (p->identity_id != 0) {
    out += ", connected as " + p->identity_name + " <" + p->identity_email + ">";
    if (p->account_id != 0) {
      out += " to " + p->account_name + " (#" + std::to_string(p->account_id) + "), person #" +
             std::to_string(p->person_id);
    }
  }
  out += "\n";
  auto run = core.store.LastSyncRun(user.id);
  if (run.ok() && run->has_value()) {
    const store::SyncRun& r = **run;
    out += "  last sync " + util::FormatIso(r.started_at) + ": " + r.outcome;
    if (r.outcome != "ok") out += " " + r.code + " - " + errors::Lookup(r.code).message;
    out += " " + r.counts_json + "\n";
  }
  auto tasks = core.store.ListTasks(user.id);
  if (tasks.ok()) {
    int active = 0;
    for (const auto& t : *tasks) active += t.status == "active" ? 1 : 0;
    out += "  tasks: " + std::to_string(active) + " active, " + std::to_string(tasks->size() - active) +
           " archived\n";
  }
  auto warnings = core.store.ListWarnings(user.id);
  if (warnings.ok()) {
    for (const auto& w : *warnings) out += "  warning " + w.code + ": " + w.message + "\n";
  }
  return out;
}

}  // namespace

std::string BuildStatusText(AppCore& core, const std::string& email) {
  std::string out;
  auto company = core.store.FirstCompany();
  if (!company.ok()) return company.status().message() + "\n";
  auto c = core.store.GetCompanyIntegration(company->id);
  out += "Company " + company->name + ": Basecamp " + (c.ok() ? c->state : "unreadable");
  if (c.ok() && !c->error_code.empty()) out += " [" + c->error_code + "]";
  if (c.ok() && c->account_id != 0) {
    out += ", account " + c->account_name + " (#" + std::to_string(c->account_id) + ") since " +
           util::FormatIso(c->connected_at);
  }
  if (c.ok() && !c->account_mode.empty()) out += ", account mode " + c->account_mode;
  out += "\n";
  auto users = core.store.ListUsers(company->id);
  if (!users.ok()) return out;
  for (const auto& user : *users) {
    if (!email.empty() && Lower(user.email) != Lower(email)) continue;  // emails match case-insensitively
    out += PersonalLine(core, user);
  }
  return out;
}

}  // namespace bcsync
