// SyncService::Explain: the per-to-do "why did / didn't this sync" answer for QA and support.
#include <nlohmann/json.hpp>

#include "errors/catalogue.h"
#include "sync/archive_reason.h"
#include "sync/assigned_fetch.h"
#include "sync/sync_service.h"
#include "sync/user_tokens.h"
#include "util/json_fields.h"
#include "util/macros.h"

namespace bcsync::sync {
namespace {

using nlohmann::json;

std::string Names(const json& people) {
  std::string out;
  if (!people.is_array()) return out;
  for (const json& person : people) {
    if (!out.empty()) out += ", ";
    out += person.value("name", "?") + " (#" + std::to_string(person.value("id", std::int64_t{0})) + ")";
  }
  return out.empty() ? "nobody" : out;
}

// The dock entry (todoset) that holds the to-do's list, when Basecamp tells us.
std::string TodosetState(basecamp::ApiClient& api, const std::string& href, const json& todo) {
  const std::int64_t bucket = todo.value("bucket", json::object()).value("id", std::int64_t{0});
  const std::string list_url = todo.value("parent", json::object()).value("url", "");
  if (bucket == 0 || list_url.empty()) return "";
  StatusOr<json> list = api.GetJson(list_url);
  if (!list.ok()) return "";
  json parent = list->value("parent", json::object());
  if (parent.value("type", "") == "Todolist") {  // a group: go one level up
    StatusOr<json> outer = api.GetJson(parent.value("url", ""));
    if (!outer.ok()) return "";
    parent = outer->value("parent", json::object());
  }
  const std::int64_t todoset_id = parent.value("id", std::int64_t{0});
  StatusOr<json> project = api.GetJson(href + "/projects/" + std::to_string(bucket) + ".json");
  if (!project.ok()) return "";
  for (const json& tool : project->value("dock", json::array())) {
    if (tool.value("id", std::int64_t{0}) == todoset_id && !tool.value("enabled", true)) {
      return "its to-do tool (todoset #" + std::to_string(todoset_id) + ") is switched off in project " +
             project->value("name", "") + ", so the sync cannot see it";
    }
  }
  return "";
}

}  // namespace

StatusOr<std::string> SyncService::Explain(store::Id user_id, std::int64_t todo_id) {
  std::shared_ptr<std::mutex> user_mu = UserMutex(user_id);  // its token refresh must not race a run
  std::lock_guard<std::mutex> one_run_per_user(*user_mu);
  store::User user;
  store::PersonalIntegration p;
  std::vector<store::Task> tasks;
  {
    auto lock = LockStore();
    ASSIGN_OR_RETURN(user, store_->GetUser(user_id));
    ASSIGN_OR_RETURN(p, store_->GetPersonal(user_id));
    ASSIGN_OR_RETURN(tasks, store_->ListTasks(user_id));
  }
  std::string out = "To-do #" + std::to_string(todo_id) + " for " + user.email + "\n";
  const store::Task* local = nullptr;
  for (const store::Task& t : tasks) {
    if (t.basecamp_id == todo_id) local = &t;
  }
  if (local == nullptr) {
    out += "- In your tasks: no\n";
  } else if (local->status == "active") {
    out += "- In your tasks: yes (active, \"" + local->title + "\")\n";
  } else {
    out += "- In your tasks: archived (" + DescribeReason(local->archived_reason) + ")\n";
  }
  if (p.state != "on") {
    out += "- Your Basecamp integration is " + p.state +
           (p.error_code.empty() ? "" : " (" + p.error_code + ": " + errors::Lookup(p.error_code).message + ")") +
           "; cannot ask Basecamp.\n";
    return out;
  }
  out += "- Linked account: " + p.account_name + " (#" + std::to_string(p.account_id) + "), you are person #" +
         std::to_string(p.person_id) + "\n";
  UserTokens tokens(store_, launchpad_, deps_.clock, &p, store_mu_);
  basecamp::ApiClient api(deps_, &tokens, nullptr);
  const std::string url = local != nullptr ? p.account_href + "/buckets/" + std::to_string(local->project_id) +
                                                 "/todos/" + std::to_string(todo_id) + ".json"
                                           : p.account_href + "/todos/" + std::to_string(todo_id) + ".json";
  StatusOr<json> todo = api.GetJson(url);
  if (!todo.ok()) {
    const std::string code = todo.status().error_code();
    if (code == errors::kNotVisible) {
      out += "- Why: Basecamp answers 404: not visible to your Basecamp login in account " + p.account_name +
             " (deleted, you were removed from the project, or it belongs to another account)\n";
    } else {
      out += "- Why: cannot ask Basecamp now (" + code + ": " + errors::Lookup(code).message + ")\n";
    }
    return out;
  }
  const json& t = *todo;
  out += "- Title: " + t.value("title", t.value("content", "")) + "\n";
  out += "- Project: " + t.value("bucket", json::object()).value("name", "") + ", list: " +
         t.value("parent", json::object()).value("title", "") + "\n";
  out += "- Assignees: " + Names(t.value("assignees", json::array())) + "\n";
  const std::string status = util::JsonStr(t, "status");
  std::string why;
  if (status == "trashed") {
    why = "trashed";
  } else if (status == "archived") {
    why = "archived";
  } else if (util::JsonBool(t, "completed")) {
    const json completion = t.value("completion", json::object());
    why = "completed on " + completion.value("created_at", "?") + " by " +
          completion.value("creator", json::object()).value("name", "?");
  } else if (!IsAssignedTo(t, p.person_id)) {
    why = "not assigned to you (assignees: " + Names(t.value("assignees", json::array())) + ")";
  } else {
    why = TodosetState(api, p.account_href, t);
    if (why.empty()) {
      why = local != nullptr && local->status == "active"
                ? "assigned to you and open: it syncs"
                : "assigned to you and open: it will appear at the next sync (or its list/project is archived)";
    }
  }
  out += "- Why: " + why + "\n";
  return out;
}

}  // namespace bcsync::sync
