#include "sync/sync_service.h"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

#include "errors/catalogue.h"
#include "sync/archive_reason.h"
#include "sync/assigned_fetch.h"
#include "sync/user_tokens.h"
#include "util/macros.h"

namespace bcsync::sync {
namespace {

constexpr const char* kNoAssignmentsFlag = "no_assignments";

// The ETag cache of one user, in the store.
class StoreCache : public basecamp::ResponseCache {
 public:
  StoreCache(store::Store* store, store::Id user_id) : store_(store), user_id_(user_id) {}
  std::optional<store::CachedResponse> Get(const std::string& url) override {
    auto cached = store_->GetCached(user_id_, url);
    return cached.ok() ? *cached : std::nullopt;
  }
  void Put(const std::string& url, const store::CachedResponse& response) override {
    (void)store_->PutCached(user_id_, url, response);
  }

 private:
  store::Store* store_;
  store::Id user_id_;
};

Status CodedError(const char* code) {
  return Status(StatusCode::kFailedPrecondition, errors::Lookup(code).message, code);
}

using Key = std::pair<std::int64_t, std::int64_t>;  // account id, basecamp id

}  // namespace

SyncService::SyncService(store::Store* store, oauth::LaunchpadClient* launchpad, basecamp::ApiDeps api_deps)
    : store_(store), launchpad_(launchpad), deps_(std::move(api_deps)) {}

SyncResult SyncService::SyncUser(store::Id user_id) {
  SyncResult result;
  store::SyncRun run;
  run.user_id = user_id;
  run.started_at = deps_.clock->NowMs();
  StatusOr<store::User> user = store_->GetUser(user_id);
  StatusOr<store::PersonalIntegration> p = store_->GetPersonal(user_id);
  Status status = !user.ok() ? user.status() : !p.ok() ? p.status() : Run(*user, *p, run, result);
  run.finished_at = deps_.clock->NowMs();
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
  (void)store_->AddSyncRun(run);
  return result;
}

Status SyncService::Run(const store::User& user, store::PersonalIntegration& p, store::SyncRun& run,
                        SyncResult& result) {
  ASSIGN_OR_RETURN(store::CompanyIntegration company, store_->GetCompanyIntegration(user.company_id));
  if (company.state == "off") {
    return CodedError(company.pending_accounts.empty() ? errors::kCompanyOff : errors::kAccountNotChosen);
  }
  if (company.state != "on") return CodedError(company.error_code.empty() ? errors::kCompanyOff
                                                                            : company.error_code.c_str());
  if (p.state == "off") return CodedError(errors::kPersonalOff);
  if (p.state != "on") return CodedError(p.error_code.empty() ? errors::kPersonalOff : p.error_code.c_str());

  UserTokens tokens(store_, launchpad_, deps_.clock, &p);
  StoreCache cache(store_, user.id);
  basecamp::ApiClient api(deps_, &tokens, &cache);
  auto finish = [&](Status status) {
    result.requests = api.request_count();
    result.not_modified = api.not_modified_count();
    run.request_ids = api.request_ids();
    if (!status.ok() && status.code() == StatusCode::kUnauthenticated && p.state == "on") {
      // Basecamp refused even a freshly refreshed token: the grant is gone.
      p.state = "needs_reconnect";
      p.error_code = status.error_code().empty() ? errors::kTokenRevoked : status.error_code();
      (void)store_->PutPersonal(p);
    }
    return status;
  };

  // 1. The assigned set: fast path unless this account is known not to serve it.
  ASSIGN_OR_RETURN(bool no_fast_path, store_->GetAccountFlag(p.account_id, kNoAssignmentsFlag));
  StatusOr<std::vector<RemoteTodo>> assigned = Status(StatusCode::kNotFound, "not tried", errors::kNotVisible);
  if (!no_fast_path) {
    assigned = FetchAssignments(api, p.account_href, p.person_id);
    if (!assigned.ok() && assigned.status().error_code() == errors::kNotVisible) {
      RETURN_IF_ERROR(finish(store_->SetAccountFlag(p.account_id, kNoAssignmentsFlag)));
    }
  }
  if (no_fast_path || (!assigned.ok() && assigned.status().error_code() == errors::kNotVisible)) {
    assigned = CrawlAssigned(api, p.account_href, p.person_id);
  }
  if (!assigned.ok()) return finish(assigned.status());

  // 2. Reconcile with what we had.
  ASSIGN_OR_RETURN(std::vector<store::Task> old_tasks, store_->ListTasks(user.id));
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
  RETURN_IF_ERROR(finish(OkStatus()));
  run.outcome = "ok";
  run.finished_at = deps_.clock->NowMs();
  run.counts_json = nlohmann::json{{"active", active},
                                   {"added", added},
                                   {"archived", archived},
                                   {"requests", result.requests},
                                   {"not_modified", api.not_modified_count()}}
                        .dump();
  store::Transaction tx(&store_->db());
  RETURN_IF_ERROR(tx.begin_status());
  RETURN_IF_ERROR(store_->ReplaceTasks(user.id, tasks));
  RETURN_IF_ERROR(store_->AddSyncRun(run).status());
  return tx.Commit();
}

void SyncService::RunDue(Millis interval_ms) {
  StatusOr<store::Company> company = store_->FirstCompany();
  if (!company.ok()) return;
  StatusOr<std::vector<store::User>> users = store_->ListUsers(company->id);
  if (!users.ok()) return;
  for (const store::User& user : *users) {
    StatusOr<store::PersonalIntegration> p = store_->GetPersonal(user.id);
    if (!p.ok() || p->state != "on") continue;
    const Millis now = deps_.clock->NowMs();
    if (now - p->last_auto_sync_at < interval_ms) continue;
    p->last_auto_sync_at = now;
    if (!store_->PutPersonal(*p).ok()) continue;
    (void)SyncUser(user.id);
  }
}

}  // namespace bcsync::sync
