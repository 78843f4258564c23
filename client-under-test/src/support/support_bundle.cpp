#include "support/support_bundle.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <vector>

#include "timetrack/time_store.h"
#include "util/json_fields.h"
#include "util/macros.h"
#include "util/time_format.h"

#ifndef BCSYNC_VERSION
#define BCSYNC_VERSION "0"
#endif

namespace bcsync::support {
namespace {

using nlohmann::json;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

json Time(Millis ms) { return ms > 0 ? json(util::FormatIso(ms)) : json(nullptr); }

// Consistent pseudonyms: the n-th person met (by email) is person-n@example.invalid and
// "Person n"; a name is tied to the email it came with.
class People {
 public:
  void Add(const std::string& email, const std::string& name) {
    if (email.empty()) return;
    auto it = index_.emplace(Lower(email), static_cast<int>(index_.size()) + 1).first;
    emails_[email] = it->second;
    // Names shorter than 3 characters would match inside unrelated words: kept.
    if (name.size() >= 3 && !names_.count(name)) names_[name] = it->second;
  }
  // Every known email and name in `text` replaced (longest first, so "Ann Lee" wins over "Ann").
  void Freeze() {
    for (const auto& [e, n] : emails_)
      subs_.emplace_back(e, "person-" + std::to_string(n) + "@example.invalid");
    for (const auto& [name, n] : names_) subs_.emplace_back(name, "Person " + std::to_string(n));
    std::stable_sort(subs_.begin(), subs_.end(),
                     [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  }
  std::string Replace(std::string text) const {
    for (const auto& [from, to] : subs_) {
      for (std::size_t p = 0; (p = text.find(from, p)) != std::string::npos; p += to.size())
        text.replace(p, from.size(), to);
    }
    return text;
  }

 private:
  std::map<std::string, int> index_;   // lower-case email -> n
  std::map<std::string, int> emails_;  // as written -> n
  std::map<std::string, int> names_;
  std::vector<std::pair<std::string, std::string>> subs_;  // Freeze(): longest first
};

void Pseudonymise(json& j, const People& people) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) Pseudonymise(*it, people);
    if (j.contains("first_name") && j.contains("email") && j["email"].is_string()) {
      // An identity of the authorization snapshot: its name comes in two fields.
      const std::string email = j["email"].get<std::string>();
      const std::string prefix = "person-";
      const std::size_t at = email.find('@');
      j["first_name"] = "Person";
      j["last_name"] = email.rfind(prefix, 0) == 0 && at != std::string::npos
                           ? email.substr(prefix.size(), at - prefix.size())
                           : std::string();
    }
  } else if (j.is_array()) {
    for (auto& v : j) Pseudonymise(v, people);
  } else if (j.is_string()) {
    j = people.Replace(j.get<std::string>());
  }
}

json Requests(const std::string& log_json) {
  json log = json::parse(log_json, nullptr, false);
  if (log.is_object() && log.contains("requests") && log["requests"].is_array()) return log;
  return json{{"requests", json::array()}, {"dropped", 0}};
}

json Snapshot(const std::string& text, People& people) {
  json snap = json::parse(text, nullptr, false);
  if (!snap.is_object()) return nullptr;
  const json& id = snap.contains("identity") ? snap["identity"] : json::object();
  json out{{"identity",
            {{"id", util::JsonInt(id, "id")},
             {"email", util::JsonStr(id, "email_address")},
             {"first_name", util::JsonStr(id, "first_name")},
             {"last_name", util::JsonStr(id, "last_name")}}},
           {"accounts", json::array()}};
  people.Add(util::JsonStr(id, "email_address"),
             util::JsonStr(id, "first_name") + " " + util::JsonStr(id, "last_name"));
  if (snap.contains("accounts") && snap["accounts"].is_array()) {
    for (const auto& a : snap["accounts"]) {
      out["accounts"].push_back({{"id", util::JsonInt(a, "id")},
                                 {"name", util::JsonStr(a, "name")},
                                 {"product", util::JsonStr(a, "product")}});
    }
  }
  return out;
}

}  // namespace

StatusOr<json> BuildSupportBundle(AppCore& core, const std::string& email,
                                  const SupportBundleOptions& options) {
  if (options.syncs < 0 || options.syncs > kMaxBundleSyncs)
    return InvalidArgumentError("--syncs: expected 0 to " + std::to_string(kMaxBundleSyncs) +
                                ", found " + std::to_string(options.syncs));
  store::Store& st = core.store;
  ASSIGN_OR_RETURN(store::User user, st.FindUserByEmail(email));
  ASSIGN_OR_RETURN(store::Company company, st.GetCompany(user.company_id));
  ASSIGN_OR_RETURN(std::vector<store::User> users, st.ListUsers(company.id));
  ASSIGN_OR_RETURN(store::TrackerSettings settings, st.GetTrackerSettings(company.id));
  ASSIGN_OR_RETURN(store::CompanyIntegration c, st.GetCompanyIntegration(company.id));
  ASSIGN_OR_RETURN(store::PersonalIntegration p, st.GetPersonal(user.id));
  People people;
  people.Add(user.email, user.name);
  for (const store::User& u : users) people.Add(u.email, u.name);

  json tracker_users = json::array();
  std::string connected_by;
  for (const store::User& u : users) {
    StatusOr<store::PersonalIntegration> up = st.GetPersonal(u.id);
    tracker_users.push_back({{"email", u.email},
                             {"name", u.name},
                             {"role", u.role},
                             {"personal_state", up.ok() ? up->state : "off"},
                             {"identity_id", up.ok() ? up->identity_id : 0}});
    if (u.id == c.connected_by) connected_by = u.email;
  }
  json bundle;
  bundle["bundle_version"] = kBundleVersion;
  bundle["generated_at"] = util::FormatIso(core.clock->NowMs());
  bundle["versions"] = {{"bcsync", BCSYNC_VERSION}, {"store_schema", st.schema_version()}};
  bundle["people_redacted"] = options.redact_people;
  bundle["user"] = {{"email", user.email}, {"name", user.name}, {"role", user.role}};
  bundle["tracker"] = {{"company", company.name},
                       {"account_mode", settings.account_mode.empty() ? core.options.account_mode
                                                                      : settings.account_mode},
                       {"auto_sync_interval_ms", settings.auto_sync_interval_ms > 0
                                                     ? settings.auto_sync_interval_ms
                                                     : core.options.auto_sync_interval_ms},
                       {"users", tracker_users}};
  json company_json{
      {"state", c.state},
      {"error_code", c.error_code.empty() ? json(nullptr) : json(c.error_code)},
      {"account",
       c.account_id != 0 ? json{{"id", c.account_id}, {"name", c.account_name}} : json(nullptr)},
      {"connected_by", connected_by.empty() ? json(nullptr) : json(connected_by)},
      {"connected_at", Time(c.connected_at)},
      {"account_mode", c.account_mode.empty() ? json(nullptr) : json(c.account_mode)},
      {"pending_choice", !c.pending_accounts.empty()},
      {"authorization",
       c.auth_snapshot.empty() ? json(nullptr) : Snapshot(c.auth_snapshot, people)}};
  bundle["company_integration"] = company_json;
  people.Add(p.identity_email, p.identity_name);
  bundle["personal_integration"] = {
      {"state", p.state},
      {"error_code", p.error_code.empty() ? json(nullptr) : json(p.error_code)},
      {"identity",
       p.identity_id != 0
           ? json{{"id", p.identity_id}, {"email", p.identity_email}, {"name", p.identity_name}}
           : json(nullptr)},
      {"account",
       p.account_id != 0 ? json{{"id", p.account_id}, {"name", p.account_name}} : json(nullptr)},
      {"person_id", p.person_id},
      {"connected_at", Time(p.connected_at)},
      {"token_expires_at", Time(p.expires_at)},
      {"authorization", p.auth_snapshot.empty() ? json(nullptr) : Snapshot(p.auth_snapshot, people)}};

  ASSIGN_OR_RETURN(std::vector<store::Warning> warnings, st.ListWarnings(user.id));
  bundle["warnings"] = json::array();
  for (const auto& w : warnings)
    bundle["warnings"].push_back({{"code", w.code}, {"message", w.message}});

  ASSIGN_OR_RETURN(std::vector<store::SyncRun> runs, st.ListSyncRuns(user.id, options.syncs));
  bundle["syncs"] = json::array();
  for (const store::SyncRun& r : runs) {
    json counts = json::parse(r.counts_json, nullptr, false);
    json log = Requests(r.request_log_json);
    bundle["syncs"].push_back({{"started_at", util::FormatIso(r.started_at)},
                               {"started_at_ms", r.started_at},
                               {"finished_at", util::FormatIso(r.finished_at)},
                               {"finished_at_ms", r.finished_at},
                               {"outcome", r.outcome},
                               {"code", r.code.empty() ? json(nullptr) : json(r.code)},
                               {"message", r.message},
                               {"counts", counts.is_object() ? counts : json::object()},
                               {"requests", log["requests"]},
                               {"requests_dropped", log.value("dropped", 0)}});
  }

  ASSIGN_OR_RETURN(std::vector<store::Task> tasks, st.ListTasks(user.id));
  bundle["tasks"] = json::array();
  for (const store::Task& t : tasks) {
    bundle["tasks"].push_back(
        {{"basecamp_id", t.basecamp_id},
         {"account_id", t.account_id},
         {"project_id", t.project_id},
         {"title", t.title},
         {"project", t.project},
         {"list", t.list},
         {"due_on", t.due_on.empty() ? json(nullptr) : json(t.due_on)},
         {"status", t.status},
         {"archived_reason", t.archived_reason.empty() ? json(nullptr) : json(t.archived_reason)}});
  }

  timetrack::TimeStore times(&st.db());
  ASSIGN_OR_RETURN(std::vector<timetrack::TimeEntry> entries, times.List(user.id));
  bundle["time_entries"] = json::array();
  for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
    const timetrack::TimeEntry& e = *it;
    bundle["time_entries"].push_back(
        {{"id", e.id},
         {"todo_id", e.todo_id},
         {"date", e.date},
         {"minutes", e.minutes},
         {"description", e.description},
         {"state", e.state},
         {"error_code", e.error_code.empty() ? json(nullptr) : json(e.error_code)},
         {"remote_id", e.remote_id},
         {"outbox", e.outbox},
         {"in_flight", e.in_flight},
         {"attempts", e.attempts}});
  }
  if (options.redact_people) {
    // Every string: emails and names; the identity objects' first/last names field by field.
    people.Freeze();
    Pseudonymise(bundle, people);
  }
  return bundle;
}

}  // namespace bcsync::support
