#include "sync/sync_service.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <set>

#include "errors/catalogue.h"
#include "sync/archive_reason.h"
#include "sync/assigned_fetch.h"
#include "sync/request_log.h"
#include "sync/user_tokens.h"
#include "sync/webhooks.h"
#include "util/macros.h"

namespace bcsync::sync {
namespace {

constexpr const char* kNoAssignmentsFlag = "no_assignments";

std::unique_lock<std::mutex> MaybeLock(std::mutex* mu) {
  return mu != nullptr ? std::unique_lock<std::mutex>(*mu) : std::unique_lock<std::mutex>();
}

// The ETag cache of one user, in the store (each call under the store lock).
class StoreCache : public basecamp::ResponseCache {
 public:
  StoreCache(store::Store* store, store::Id user_id, std::mutex* store_mu)
      : store_(store), user_id_(user_id), store_mu_(store_mu) {}
  std::optional<store::CachedResponse> Get(const std::string& url) override {
    auto lock = MaybeLock(store_mu_);
    auto cached = store_->GetCached(user_id_, url);
    return cached.ok() ? *cached : std::nullopt;
  }
  void Put(const std::string& url, const store::CachedResponse& response) override {
    auto lock = MaybeLock(store_mu_);
    (void)store_->PutCached(user_id_, url, response);
  }

 private:
  store::Store* store_;
  store::Id user_id_;
  std::mutex* store_mu_;
};

// The stored row still describes the connection this run started with (and saved).
bool SameConnection(const store::PersonalIntegration& a, const store::PersonalIntegration& b) {
  return a.state == b.state && a.identity_id == b.identity_id && a.account_id == b.account_id &&
         a.access_token == b.access_token && a.refresh_token == b.refresh_token;
}

Status CodedError(const char* code) {
  return Status(StatusCode::kFailedPrecondition, errors::Lookup(code).message, code);
}

using Key = std::pair<std::int64_t, std::int64_t>;  // account id, basecamp id

}  // namespace

SyncService::SyncService(store::Store* store, oauth::LaunchpadClient* launchpad, basecamp::ApiDeps api_deps,
                         std::mutex* store_mu)
    : store_(store), launchpad_(launchpad), deps_(std::move(api_deps)), store_mu_(store_mu) {}

std::unique_lock<std::mutex> SyncService::LockStore() const { return MaybeLock(store_mu_); }

std::shared_ptr<std::mutex> SyncService::UserMutex(store::Id user_id) {
  std::lock_guard<std::mutex> lock(user_locks_mu_);
  std::shared_ptr<std::mutex>& mu = user_locks_[user_id];
  if (!mu) mu = std::make_shared<std::mutex>();
  return mu;
}

SyncResult SyncService::SyncUser(store::Id user_id) {
  std::shared_ptr<std::mutex> user_mu = UserMutex(user_id);
  std::lock_guard<std::mutex> one_run_per_user(*user_mu);
  SyncResult result;
  store::SyncRun run;
  run.user_id = user_id;
  run.started_at = deps_.clock->NowMs();
  StatusOr<store::User> user = NotFoundError("unread");
  StatusOr<store::PersonalIntegration> p = NotFoundError("unread");
  {
    auto lock = LockStore();
    user = store_->GetUser(user_id);
    p = store_->GetPersonal(user_id);
  }
  RequestLog log(deps_.transport, deps_.clock);
  basecamp::ApiDeps deps = deps_;
  deps.transport = &log;
  std::optional<oauth::LaunchpadClient> launchpad;
  if (launchpad_ != nullptr) launchpad.emplace(deps, launchpad_->config());
  run.request_log_json = "{}";
  oauth::LaunchpadClient* run_launchpad = launchpad ? &*launchpad : nullptr;
  Status status = !user.ok() ? user.status()
                  : !p.ok()  ? p.status()
                             : Run(*user, *p, run, result, deps, run_launchpad, log);
  run.finished_at = deps_.clock->NowMs();
  run.request_log_json = log.ToJson();
  if (status.ok()) {
    result.ok = true;
    return result;  // Run() committed the tasks and the run together
  }
  result.ok = false;
  result.code = status.error_code().empty() ? errors::kUnexpectedResponse : status.error_code();
  result.message = errors::Lookup(result.code).message;
  run.outcome = "error";
  run.code = result.code;
  run.message = result.message;
  run.counts_json = nlohmann::json{{"requests", result.requests}}.dump();
  auto lock = LockStore();
  (void)store_->AddSyncRun(run);
  return result;
}

Status SyncService::Run(const store::User& user, store::PersonalIntegration& p, store::SyncRun& run,
                        SyncResult& result, const basecamp::ApiDeps& deps,
                        oauth::LaunchpadClient* launchpad, const RequestLog& log) {
  store::CompanyIntegration company;
  {
    auto lock = LockStore();
    ASSIGN_OR_RETURN(company, store_->GetCompanyIntegration(user.company_id));
  }
  if (company.state == "off") {
    return CodedError(company.pending_accounts.empty() ? errors::kCompanyOff : errors::kAccountNotChosen);
  }
  if (company.state != "on") return CodedError(company.error_code.empty() ? errors::kCompanyOff
                                                                            : company.error_code.c_str());
  if (p.state == "off") return CodedError(errors::kPersonalOff);
  if (p.state != "on") return CodedError(p.error_code.empty() ? errors::kPersonalOff : p.error_code.c_str());

  UserTokens tokens(store_, launchpad, deps_.clock, &p, store_mu_);
  StoreCache cache(store_, user.id, store_mu_);
  basecamp::ApiClient api(deps, &tokens, &cache);
  auto finish = [&](Status status) {
    result.requests = api.request_count();
    result.not_modified = api.not_modified_count();
    run.request_ids = api.request_ids();
    if (!status.ok() && status.code() == StatusCode::kUnauthenticated && p.state == "on") {
      // Basecamp refused even a freshly refreshed token: the grant is gone.
      const store::PersonalIntegration seen = p;
      p.state = "needs_reconnect";
      p.error_code = status.error_code().empty() ? errors::kTokenRevoked : status.error_code();
      (void)SavePersonal(store_, store_mu_, p, seen);
    }
    return status;
  };

  // 1. The assigned set: fast path unless this account is known not to serve it. Only a plain
  // 404 means "not served" (remembered, then the crawl); a 403 is the login's permission
  // problem (BC_PERMISSION_DENIED): the sync fails and nothing is remembered, so it is not
  // hidden behind a crawl that could not see the same things either.
  bool no_fast_path = false;
  {
    auto lock = LockStore();
    ASSIGN_OR_RETURN(no_fast_path, store_->GetAccountFlag(p.account_id, kNoAssignmentsFlag));
  }
  StatusOr<std::vector<RemoteTodo>> assigned = Status(StatusCode::kNotFound, "not tried", errors::kNotVisible);
  if (!no_fast_path) {
    assigned = FetchAssignments(api, p.account_href, p.person_id);
    if (!assigned.ok() && assigned.status().error_code() == errors::kNotVisible) {
      Status flagged = OkStatus();
      {
        auto lock = LockStore();
        flagged = store_->SetAccountFlag(p.account_id, kNoAssignmentsFlag);
      }
      RETURN_IF_ERROR(finish(flagged));
    }
  }
  if (no_fast_path || (!assigned.ok() && assigned.status().error_code() == errors::kNotVisible)) {
    assigned = CrawlAssigned(api, p.account_href, p.person_id);
  }
  if (!assigned.ok()) return finish(assigned.status());

  // 2. Reconcile with what we had.
  // Only runs of this user (serialised) write its tasks, so reading them now is safe.
  std::vector<store::Task> old_tasks;
  {
    auto lock = LockStore();
    ASSIGN_OR_RETURN(old_tasks, store_->ListTasks(user.id));
  }
  std::map<Key, store::Task> next;
  for (const store::Task& t : old_tasks) next[{t.account_id, t.basecamp_id}] = t;
  std::set<Key> seen;
  int added = 0, archived = 0;
  for (const RemoteTodo& todo : *assigned) {
    Key key{p.account_id, todo.id};
    if (!seen.insert(key).second) continue;
    auto it = next.find(key);
    if (it == next.end() || it->second.status != "active") ++added;
    next[key] = store::Task{p.account_id, todo.id, todo.project_id, todo.title, todo.project,
                            todo.list,    todo.due_on, "active", ""};
  }
  for (auto& [key, task] : next) {
    if (task.status != "active" || seen.count(key) != 0) continue;
    std::string reason = kReasonNotVisible;
    if (key.first == p.account_id) {
      const std::string url = p.account_href + "/buckets/" + std::to_string(task.project_id) + "/todos/" +
                              std::to_string(task.basecamp_id) + ".json";
      StatusOr<nlohmann::json> todo = api.GetJson(url);
      if (todo.ok()) {
        reason = ArchiveReason(*todo, p.person_id);
      } else if (todo.status().error_code() != errors::kNotVisible) {
        return finish(todo.status());
      }
    }
    task.status = "archived";
    task.archived_reason = reason;
    ++archived;
  }

  // 3. Commit tasks and the run together.
  std::vector<store::Task> tasks;
  int active = 0;
  for (auto& [key, task] : next) {
    if (task.status == "active") ++active;
    tasks.push_back(task);
  }
  result.active = active;
  result.added = added;
  result.archived = archived;
  int webhook_requests = 0;
  if (!webhook_receiver_.empty()) {  // registration never fails the sync: polling stays
    std::set<store::Id> projects;
    for (const store::Task& t : tasks) {
      if (t.status == "active" && t.account_id == p.account_id) projects.insert(t.project_id);
    }
    EnsureWebhooks(store_, store_mu_, api, deps_, tokens, p.account_href, p.account_id, projects,
                   webhook_receiver_, &webhook_requests);
  }
  RETURN_IF_ERROR(finish(OkStatus()));
  result.requests += webhook_requests;
  run.outcome = "ok";
  run.request_log_json = log.ToJson();
  run.finished_at = deps_.clock->NowMs();
  run.counts_json = nlohmann::json{{"active", active},
                                   {"added", added},
                                   {"archived", archived},
                                   {"requests", result.requests},
                                   {"not_modified", api.not_modified_count()}}
                        .dump();
  auto lock = LockStore();
  store::Transaction tx(&store_->db());
  RETURN_IF_ERROR(tx.begin_status());
  ASSIGN_OR_RETURN(store::PersonalIntegration stored, store_->GetPersonal(user.id));
  if (!SameConnection(stored, p)) {
    return Status(StatusCode::kFailedPrecondition, "the integration changed during the sync", errors::kSyncSuperseded);
  }
  RETURN_IF_ERROR(store_->ReplaceTasks(user.id, tasks));
  RETURN_IF_ERROR(store_->AddSyncRun(run).status());
  return tx.Commit();
}

void SyncService::RunDue(Millis interval_ms) {
  std::vector<store::Id> due;
  {
    auto lock = LockStore();
    StatusOr<store::Company> company = store_->FirstCompany();
    if (!company.ok()) return;
    StatusOr<std::vector<store::User>> users = store_->ListUsers(company->id);
    if (!users.ok()) return;
    StatusOr<store::TrackerSettings> settings = store_->GetTrackerSettings(company->id);
    if (settings.ok() && settings->auto_sync_interval_ms > 0) interval_ms = settings->auto_sync_interval_ms;
    const Millis now = deps_.clock->NowMs();
    for (const store::User& user : *users) {
      StatusOr<store::PersonalIntegration> p = store_->GetPersonal(user.id);
      if (!p.ok() || p->state != "on") continue;
      if (now - p->last_auto_sync_at < interval_ms) continue;
      p->last_auto_sync_at = now;
      if (store_->PutPersonal(*p).ok()) due.push_back(user.id);
    }
  }
  std::set<store::Id> requested;
  {
    std::lock_guard<std::mutex> lock(requested_mu_);
    requested.swap(requested_);
  }
  for (store::Id user_id : due) {
    requested.erase(user_id);
    (void)SyncUser(user_id);
  }
  for (store::Id user_id : requested) (void)SyncUser(user_id);  // asked for by a webhook
}

void SyncService::EnableWebhooks(std::string receiver_base) {
  webhook_receiver_ = std::move(receiver_base);
}

void SyncService::RequestSync(const std::vector<store::Id>& users) {
  std::lock_guard<std::mutex> lock(requested_mu_);
  requested_.insert(users.begin(), users.end());
}

}  // namespace bcsync::sync
